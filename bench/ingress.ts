import * as lark from '@larksuiteoapi/node-sdk';
import Koa from 'koa';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { larkEncrypt, larkSign, hex } from '../src/local/lark/crypto.js';
import { messageReceived } from '../src/local/lark/events.js';
import { FakeLark } from '../src/local/lark/server.js';

/**
 * Ingress: signed, encrypted `im.message.receive_v1` events posted to /lark/events at a fixed concurrency.
 * Baseline, in the same run: a bare Koa server whose SDK EventDispatcher returns {} for the same events.
 */
export interface IngressResult {
  name: string;
  requests: number;
  p50ms: number;
  p99ms: number;
  rps: number;
  non200: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function fire(url: string, bodies: { body: string; headers: Record<string, string> }[], concurrency: number, name: string): Promise<IngressResult> {
  const latencies: number[] = [];
  let non200 = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const b = bodies[next++]!;
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...b.headers }, body: b.body });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) non200++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, requests: bodies.length, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99), rps: bodies.length / seconds, non200 };
}

function signedBodies(fake: FakeLark, chatId: string, senderOpenId: string, n: number, text: string) {
  return Array.from({ length: n }, () => {
    const envelope = messageReceived(fake.envelope, {
      chatId,
      chatType: 'group',
      senderOpenId,
      text: `@_user_1 ${text}`,
      mentions: [{ key: '@_user_1', openId: fake.botOpenId, name: '三办助手' }],
    });
    fake.rememberInbound(envelope.event.message.message_id, chatId);
    const body = JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(envelope), fake.encryptKey!) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = hex(8);
    return { body, headers: { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': larkSign(timestamp, nonce, fake.encryptKey!, body) } };
  });
}

async function baselineServer(encryptKey: string): Promise<{ url: string; server: Server }> {
  const dispatcher = new lark.EventDispatcher({ encryptKey, loggerLevel: lark.LoggerLevel.error }).register({
    'im.message.receive_v1': async () => ({}),
  });
  const app = new Koa();
  app.use(lark.adaptKoa('/lark/events', dispatcher, { autoChallenge: true }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/lark/events`, server };
}

export async function benchIngress(o: { rounds: number; requests: number; concurrency: number; databaseUrl?: string }): Promise<IngressResult[][]> {
  const fake = await new FakeLark({ encryptKey: 'bench-key', verificationToken: 'bench-token', perAppRate: 0, perChatRate: 0 }).start();
  const user = fake.addUser('基准测试');
  const chat = fake.addChat('基准群', [user]);
  const dir = mkdtempSync(join(tmpdir(), 'sanban-bench-'));
  const app = await startApp({
    config: loadConfig({
      LARK_APP_ID: fake.appId,
      LARK_APP_SECRET: fake.appSecret,
      LARK_ENCRYPT_KEY: fake.encryptKey,
      LARK_VERIFICATION_TOKEN: fake.verificationToken,
      LARK_DOMAIN: fake.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: o.databaseUrl ?? `file:${join(dir, 'bench.db')}`,
    }),
    log: createLogger('silent'),
  });
  fake.botUrl = app.url;
  const baseline = await baselineServer(fake.encryptKey!);
  const rounds: IngressResult[][] = [];
  try {
    for (let r = 0; r < o.rounds; r++) {
      const round: IngressResult[] = [];
      round.push(await fire(baseline.url, signedBodies(fake, chat, user.openId, o.requests, '帮助'), o.concurrency, 'baseline: Koa + EventDispatcher → {}'));
      round.push(await fire(`${app.url}/lark/events`, signedBodies(fake, chat, user.openId, o.requests, '帮助'), o.concurrency, 'bot: 帮助 (ack)'));
      await app.router.idle();
      rounds.push(round);
    }
  } finally {
    baseline.server.close();
    await app.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rounds;
}
