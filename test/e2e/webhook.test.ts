import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, listen, type HttpDeps, type ServerLimits } from '../../src/transport/http.js';
import { FixedClock } from '../fakes/clock.js';
import { messageReceived } from '../../src/local/lark/events.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';

const helpEnvelope = (h: Harness, chatId: string, from: FakeUser) => {
  const e = messageReceived(h.fake.envelope, {
    chatId,
    chatType: 'group',
    senderOpenId: from.openId,
    text: '@_user_1 帮助',
    mentions: [{ key: '@_user_1', openId: h.fake.botOpenId, name: '三办助手' }],
  });
  h.fake.rememberInbound(e.event.message.message_id, chatId);
  return e;
};

describe('webhook with an encrypt key', () => {
  let h: Harness;
  let clerk: FakeUser;
  let group: string;
  beforeAll(async () => {
    h = await startHarness();
    clerk = h.fake.addUser('李科长');
    group = h.fake.addChat('秘书科', [clerk]);
  });
  afterAll(() => h?.stop());

  it('answers 413 to a body over 1 MB and 400 to a malformed one, processing nothing', async () => {
    const headers = { 'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-lark-request-nonce': 'n', 'x-lark-signature': 'f'.repeat(64) };
    const big = await fetch(`${h.app.url}/lark/events`, { method: 'POST', headers, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    const unsigned = await fetch(`${h.app.url}/lark/events`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(unsigned.status).toBe(401);
    const bad = await fetch(`${h.app.url}/lark/events`, { method: 'POST', body: '{"encrypt":' });
    expect(bad.status).toBe(400);
    expect(h.fake.messages.size).toBe(0);
  });

  it('serves the same endpoint at /lark/cards', async () => {
    const r = await fetch(`${h.app.url}/lark/cards`, { method: 'POST', body: '{}' });
    expect(r.status).toBe(401);
  });

  it('answers 500 when the event cannot be recorded, so Lark re-delivers it; then handles it once', async () => {
    const envelope = helpEnvelope(h, group, clerk);
    await h.app.db.prisma.$executeRawUnsafe('ALTER TABLE "InboundReceipt" RENAME TO "InboundReceipt_away"');
    const failed = await h.fake.push(envelope);
    expect(failed.status).toBe(500);
    await h.settle();
    expect(h.fake.cardsIn(group)).toHaveLength(0);
    await h.app.db.prisma.$executeRawUnsafe('ALTER TABLE "InboundReceipt_away" RENAME TO "InboundReceipt"');
    const retried = await h.fake.push(envelope);
    const again = await h.fake.push(envelope);
    expect([retried.status, again.status]).toEqual([200, 200]);
    await h.settle();
    expect(h.fake.cardsIn(group)).toHaveLength(1);
  });

  it('greets a group once when the bot is added, even if the event is re-pushed', async () => {
    const chat = h.fake.addChat('新建群', [clerk]);
    const first = await h.fake.botAddedTo(chat, clerk);
    expect(first.status).toBe(200);
    await h.settle();
    expect(h.fake.textsIn(chat)).toHaveLength(1);
    expect(h.fake.textsIn(chat)[0]).toContain('帮助');
  });

  it('remembers handled messages across a restart (receipts are persisted)', async () => {
    const envelope = helpEnvelope(h, group, clerk);
    await h.fake.push(envelope);
    await h.settle();
    const count = h.fake.cardsIn(group).length;
    // A second bot process on the same database sees the same receipt.
    const { startApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config.js');
    const { log } = memoryLogger();
    const second = await startApp({
      config: loadConfig({
        LARK_APP_ID: h.fake.appId,
        LARK_APP_SECRET: h.fake.appSecret,
        LARK_ENCRYPT_KEY: h.fake.encryptKey,
        LARK_DOMAIN: h.fake.url,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: h.databaseUrl,
      }),
      log,
    });
    h.fake.botUrl = second.url;
    const r = await h.fake.push(envelope);
    expect(r.status).toBe(200);
    await second.router.idle();
    await second.stop();
    h.fake.botUrl = h.app.url;
    expect(h.fake.cardsIn(group).length).toBe(count);
  });
});

describe('webhook without an encrypt key (verification token only)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fake: { encryptKey: '', verificationToken: 'plain-token' } });
  });
  afterAll(() => h?.stop());

  it('answers the plain challenge and handles a plain event with the right token', async () => {
    expect((await h.fake.challenge('plain')).body).toEqual({ challenge: 'plain' });
    const clerk = h.fake.addUser('赵干事');
    const chat = h.fake.addChat('群', [clerk]);
    const r = await h.fake.userSays({ chatId: chat, from: clerk, text: '@三办助手 帮助' });
    expect(r.status).toBe(200);
    await h.settle();
    expect(h.fake.cardsIn(chat)).toHaveLength(1);
  });

  it('refuses an event carrying the wrong verification token', async () => {
    const e = messageReceived({ ...h.fake.envelope, verificationToken: 'wrong' }, { chatId: 'oc_x', chatType: 'p2p', senderOpenId: 'ou_x', text: '帮助' });
    const r = await h.fake.push(e);
    expect(r.status).toBe(401);
  });
});

/** A bare HTTP server with the webhook's handling and a dispatcher that only counts. */
async function bareServer(o: Partial<HttpDeps> = {}, limits: Partial<ServerLimits> = {}) {
  const { log } = memoryLogger();
  let dispatched = 0;
  const app = createHttpApp({
    log,
    clock: new FixedClock(),
    encryptKey: 'k',
    verificationToken: 't',
    dispatch: async () => (dispatched++, {}),
    health: async () => true,
    ...o,
  });
  const server = await listen(app, 0, '127.0.0.1', limits);
  const port = (server.address() as { port: number }).port;
  // The server's side of each accepted connection: what it has read is observable, so tests wait for
  // it rather than for a guessed time (a busy CI machine may take far longer than a local run).
  const accepted: Socket[] = [];
  server.on('connection', (socket: Socket) => accepted.push(socket));
  const connections = () => new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  return { server, port, url: `http://127.0.0.1:${port}`, dispatched: () => dispatched, accepted, connections };
}

/** Polls `condition` until it holds; fails the test after `timeoutMs` (generous: it is a ceiling, not the expectation). */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A raw connection that sends `head` (and optionally part of a body), then waits: what comes back, and when. */
function rawRequest(port: number, head: string, bodyPart = '') {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  const started = Date.now();
  const answered = new Promise<{ text: string; ms: number; closed: boolean }>((resolve) => {
    socket.on('data', (c: Buffer) => {
      received += c.toString('latin1');
      if (/\r\n\r\n/.test(received)) resolve({ text: received, ms: Date.now() - started, closed: false });
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ text: received, ms: Date.now() - started, closed: true }));
  });
  socket.write(head + bodyPart);
  return { socket, answered };
}

const withTimeout = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

describe('webhook under unauthenticated pressure', () => {
  const post = (headers: string) => `POST /lark/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n`;
  const signedHeaders = () =>
    `X-Lark-Request-Timestamp: ${Math.floor(Date.now() / 1000)}\r\nX-Lark-Request-Nonce: n\r\nX-Lark-Signature: ${'f'.repeat(64)}\r\n`;

  it('refuses a request without signature headers at once, without waiting for its (large) body', async () => {
    const s = await bareServer();
    // 200 senders each announce a megabyte and send none of it.
    const requests = Array.from({ length: 200 }, () => rawRequest(s.port, post('Content-Length: 1000000\r\n')));
    const answers = await Promise.all(requests.map((r) => withTimeout(r.answered, 3000)));
    for (const a of answers) {
      expect(a).not.toBe('timeout');
      expect((a as { text: string }).text).toMatch(/^HTTP\/1\.1 401/);
    }
    for (const r of requests) r.socket.destroy();
    // A chunked body without the headers is read no further than a challenge could be.
    const chunked = rawRequest(s.port, post('Transfer-Encoding: chunked\r\n'), `2000\r\n${'A'.repeat(0x2000)}\r\n`);
    const answer = await withTimeout(chunked.answered, 3000);
    expect(answer).not.toBe('timeout');
    expect((answer as { text: string }).text).toMatch(/^HTTP\/1\.1 401/);
    chunked.socket.destroy();
    // The challenge itself still fits.
    const challenge = await fetch(`${s.url}/lark/events`, { method: 'POST', body: JSON.stringify({ type: 'url_verification', challenge: 'c', token: 't' }) });
    expect(await challenge.json()).toEqual({ challenge: 'c' });
    expect(s.dispatched()).toBe(0);
    await closeServer(s.server);
  });

  it('drops a sender that does not finish its body within the request timeout', async () => {
    const s = await bareServer({}, { requestTimeoutMs: 600, headersTimeoutMs: 300 });
    const slow = rawRequest(s.port, post(`${signedHeaders()}Content-Length: 500000\r\n`), 'x'.repeat(1000));
    const silent = rawRequest(s.port, 'POST /lark/events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const [a, b] = await Promise.all([withTimeout(slow.answered, 4000), withTimeout(silent.answered, 4000)]);
    expect(a).not.toBe('timeout');
    expect(b).not.toBe('timeout');
    expect((a as { ms: number }).ms).toBeLessThan(3000);
    slow.socket.destroy();
    silent.socket.destroy();
    await closeServer(s.server);
  });

  it('caps the connections open at once', async () => {
    const s = await bareServer({}, { maxConnections: 3 });
    let dropped = 0;
    s.server.on('drop', () => dropped++);
    const open = Array.from({ length: 5 }, () => rawRequest(s.port, post(`${signedHeaders()}Content-Length: 100\r\n`), 'x'));
    const closed = open.map(() => false);
    open.forEach((r, i) => void r.answered.then((a) => (closed[i] = a.closed)));
    // Two of the five are closed as they arrive; three are still being read (their bodies are unfinished).
    await waitFor('two connections dropped', () => dropped === 2 && closed.filter(Boolean).length === 2);
    await waitFor('three connections held', async () => (await s.connections()) === 3);
    expect(closed.filter(Boolean)).toHaveLength(2);
    expect(await s.connections()).toBe(3);
    for (const r of open) r.socket.destroy();
    await closeServer(s.server);
  });

  it('bounds the bytes of bodies held at once, and gives them back when a sender goes away', async () => {
    const s = await bareServer({ bodyBudgetBytes: 100_000 });
    const firstHead = post(`${signedHeaders()}Content-Length: 500000\r\n`);
    const first = rawRequest(s.port, firstHead, 'x'.repeat(60_000));
    // The first body's 60 KB are in the budget once the server has read them (then one more turn of the
    // loop for the body reader to take them).
    await waitFor('the first body read', () => s.accepted.length === 1 && s.accepted[0]!.bytesRead >= Buffer.byteLength(firstHead) + 60_000);
    await new Promise((r) => setImmediate(r));
    const second = rawRequest(s.port, post(`${signedHeaders()}Content-Length: 500000\r\n`), 'x'.repeat(60_000));
    const refused = await withTimeout(second.answered, 3000);
    expect((refused as { text: string }).text).toMatch(/^HTTP\/1\.1 503/);
    first.socket.destroy();
    second.socket.destroy();
    // The budget is given back when the server sees the connections go.
    await waitFor('both connections gone', async () => (await s.connections()) === 0);
    await new Promise((r) => setImmediate(r));
    // The budget is whole again: a full body is read (and refused on its signature).
    const r = await fetch(`${s.url}/lark/events`, {
      method: 'POST',
      headers: { 'x-lark-request-timestamp': '1', 'x-lark-request-nonce': 'n', 'x-lark-signature': 'f' },
      body: `{"encrypt":"${'A'.repeat(90_000)}"}`,
    });
    expect(r.status).toBe(401);
    await closeServer(s.server);
  });
});

describe('/healthz', () => {
  it('answers 503 when the database does not answer', async () => {
    const s = await bareServer({ dispatch: null, health: async () => false });
    const r = await fetch(`${s.url}/healthz`);
    expect(r.status).toBe(503);
    await closeServer(s.server);
  });

  it('answers 503 within its deadline when the check hangs', async () => {
    const s = await bareServer({ dispatch: null, health: () => new Promise<boolean>(() => undefined) });
    const started = Date.now();
    const r = await fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(r.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    await closeServer(s.server);
  });
});
