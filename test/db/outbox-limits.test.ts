import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { card, markdown } from '../../src/cards/elements.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import { OutboxWorker } from '../../src/platform/outbox/worker.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

/** Resolves with how long `p` took, or with Infinity once `ms` have passed without it. */
async function within(p: Promise<unknown>, ms: number): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(Infinity), ms)));
  const took = await Promise.race([p.then(() => Date.now() - started), late]);
  clearTimeout(timer);
  return took;
}

async function until(condition: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`outbox on ${testProvider}: Lark's rate-limit resets and odd answers`, () => {
  let fake: FakeLark;
  let db: Database;
  let drop: () => Promise<void>;
  let chats: string[];
  const workers: OutboxWorker[] = [];

  beforeAll(async () => {
    fake = await new FakeLark({ perAppRate: 0, perChatRate: 0 }).start();
    const people = [fake.addUser('管理员')];
    chats = [fake.addChat('甲群', people), fake.addChat('乙群', people)];
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await db.prisma.outboxMessage.deleteMany();
  });
  afterAll(async () => {
    await db?.close();
    await fake?.stop();
    await drop?.();
  });

  function worker(extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
    const { log } = memoryLogger('silent');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    const w = new OutboxWorker({ sql: db.sql, messenger: new LarkMessenger(client, tokenCache, log), log, pollMs: 50, ...extra });
    workers.push(w);
    return w;
  }

  const sentTexts = () => [...fake.messages.values()].filter((m) => m.msgType === 'text').map((m) => (JSON.parse(m.content) as { text: string }).text);

  it('a 429 with x-ogw-ratelimit-reset: 3600 pauses for at most the cap, then the message goes out', async () => {
    fake.failNext(1, { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '3600' }, path: /^\/open-apis\/im\/v1\/messages$/ });
    await enqueue(db.prisma, { to: { chatId: chats[0]! }, content: { type: 'text', text: '限流后的通知' }, key: 'limits:reset:1' });
    const w = worker({ maxPauseMs: 1500 });
    const started = Date.now();
    w.start();
    await until(() => fake.callsTo(/^\/open-apis\/im\/v1\/messages$/).some((c) => c.status === 429), 5000);
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { uuid: 'limits:reset:1' } });
    expect(row.status).toBe('pending');
    expect(row.nextAttemptAt!.getTime() - started).toBeLessThan(1500 + 2000);
    await until(() => sentTexts().includes('限流后的通知'), 8000);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('stop() ends a 429 pause at once, and gives the waiting message back unsent', async () => {
    const refusals = () => fake.callsTo(/^\/open-apis\/im\/v1\/messages$/).filter((c) => c.status === 429).length;
    const before = refusals();
    fake.failNext(1, { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '3600' }, path: /^\/open-apis\/im\/v1\/messages$/ });
    await enqueue(db.prisma, { to: { chatId: chats[0]! }, content: { type: 'text', text: '触发限流' }, key: 'limits:stop:1' });
    const w = worker(); // the default cap (a minute): far longer than stop() may take
    w.start();
    await until(() => refusals() > before, 5000);
    // Another chat's message now waits for the app-wide pause.
    await enqueue(db.prisma, { to: { chatId: chats[1]! }, content: { type: 'text', text: '等待中的通知' }, key: 'limits:stop:2' });
    w.kick();
    await until(async () => (await db.prisma.outboxMessage.findFirst({ where: { uuid: 'limits:stop:2', lockedBy: { not: null } } })) !== null, 5000);
    expect(await within(w.stop(), 3000)).toBeLessThan(3000);
    const waiting = await db.prisma.outboxMessage.findFirstOrThrow({ where: { uuid: 'limits:stop:2' } });
    expect(waiting).toMatchObject({ status: 'pending', lockedBy: null, attempts: 0 });
    expect(sentTexts()).not.toContain('等待中的通知');
  });

  it('a card patch answered 200 with an HTML page is not marked sent, and is retried', async () => {
    const w = worker({ retryBaseMs: 50 });
    await enqueue(db.prisma, {
      to: { chatId: chats[0]! },
      content: { type: 'card', card: card({ title: '事项', elements: [markdown('原状态')] }) },
      key: 'limits:card:1',
    });
    await w.drain();
    const { messageId } = await db.prisma.outboxMessage.findFirstOrThrow({ where: { uuid: 'limits:card:1' } });
    fake.failNext(1, { status: 200, rawBody: '<html><body>维护中</body></html>', path: /^\/open-apis\/im\/v1\/messages\/om_[^/]+$/ });
    await enqueue(db.prisma, {
      to: { patch: messageId! },
      content: { type: 'card', card: card({ title: '事项', elements: [markdown('新状态')] }) },
      key: 'limits:patch:1',
    });
    await w.drain();
    const patch = await db.prisma.outboxMessage.findFirstOrThrow({ where: { uuid: 'limits:patch:1' } });
    expect(patch.status).toBe('pending');
    expect(patch.lastError).toMatch(/server_error/);
    expect(fake.messages.get(messageId!)!.content).not.toContain('新状态');
    await until(async () => {
      await w.drain();
      return (await db.prisma.outboxMessage.findFirstOrThrow({ where: { uuid: 'limits:patch:1' } })).status === 'sent';
    }, 5000);
    expect(fake.messages.get(messageId!)!.content).toContain('新状态');
  });
});
