import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { card, markdown } from '../../src/cards/elements.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { enqueue, enqueueMany, uuidFor } from '../../src/platform/outbox/outbox.js';
import { OutboxWorker } from '../../src/platform/outbox/worker.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

describe(`outbox on ${testProvider}: every queued message delivered exactly once`, () => {
  let fake: FakeLark;
  let db: Database;
  let url: string;
  let drop: () => Promise<void>;
  let chats: string[];

  beforeAll(async () => {
    // Lark's real limits are 50/s per app and 5/s per chat; scaled up here so the test stays quick.
    fake = await new FakeLark({ perAppRate: 400, perChatRate: 40 }).start();
    const people = [fake.addUser('管理员')];
    chats = Array.from({ length: 200 }, (_, i) => fake.addChat(`群${i}`, people));
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterEach(async () => {
    fake.failRandomly(0);
    await db.prisma.outboxMessage.deleteMany();
    fake.messages.clear();
  });
  afterAll(async () => {
    await db?.close();
    await fake?.stop();
    await drop?.();
  });

  function worker(extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    return new OutboxWorker({ sql: db.sql, messenger: new LarkMessenger(client, tokenCache, log), log, perAppPerSecond: 350, perChatPerSecond: 35, ...extra });
  }

  // Keys differ per test: Lark (and the fake) deduplicate a uuid for an hour.
  async function queue(n: number, prefix: string) {
    for (let i = 0; i < n; i += 100) {
      await db.prisma.$transaction(async (tx) => {
        for (let j = i; j < Math.min(n, i + 100); j++) {
          await enqueue(tx, { to: { chatId: chats[j % chats.length]! }, content: { type: 'text', text: `第${j}条` }, key: `${prefix}:${j}` });
        }
      });
    }
  }

  function deliveredTexts(): string[] {
    return [...fake.messages.values()].map((m) => (JSON.parse(m.content) as { text: string }).text);
  }

  it('1,000 messages through 429 bursts and random 500s: all delivered, none twice', async () => {
    await queue(1000, 'burst');
    fake.failNext(30, { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '1' }, path: /\/im\/v1\/messages$/ });
    fake.failRandomly(0.2, 500, /\/im\/v1\/messages$/);
    const w = worker({ maxAttempts: 50, retryBaseMs: 20 });
    for (let round = 0; round < 200; round++) {
      await w.drain();
      const pending = await db.prisma.outboxMessage.count({ where: { status: 'pending' } });
      if (!pending) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    fake.failRandomly(0);
    const texts = deliveredTexts();
    expect(texts).toHaveLength(1000);
    expect(new Set(texts).size).toBe(1000);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(1000);
    // The fake really did refuse some attempts.
    expect(fake.calls.filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(30);
    expect(fake.calls.filter((c) => c.status === 500).length).toBeGreaterThan(50);
  }, 120_000);

  it('a worker killed with SIGKILL mid-delivery and restarted still delivers each message once', async () => {
    await queue(500, 'crash');
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../support/outbox-child.ts', import.meta.url))], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        LARK_APP_ID: fake.appId,
        LARK_APP_SECRET: fake.appSecret,
        LARK_DOMAIN: fake.url,
        RATE: '100',
        LEASE_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.on('exit', r));
    // Kill it once it is well into the batch.
    for (let i = 0; i < 400 && fake.messages.size < 120; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await exited;
    const before = fake.messages.size;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(500);
    // Restart: claims held by the dead process expire after their lease, then are delivered again with
    // the same uuid, which Lark deduplicates.
    await new Promise((r) => setTimeout(r, 1600));
    const w = worker({ leaseMs: 1500 });
    for (let round = 0; round < 50; round++) {
      await w.drain();
      if (!(await db.prisma.outboxMessage.count({ where: { status: 'pending' } }))) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const texts = deliveredTexts();
    expect(texts).toHaveLength(500);
    expect(new Set(texts).size).toBe(500);
  }, 120_000);

  it('delivers the messages to one chat in the order they were queued, however long each send takes', async () => {
    const texts = ['正在运行「督办催办」……', '第二条', '第三条', '「督办催办」已运行。'];
    await db.prisma.$transaction(async (tx) => {
      for (const [i, text] of texts.entries()) await enqueue(tx, { to: { chatId: chats[0]! }, content: { type: 'text', text }, key: `order:${i}` });
    });
    await enqueue(db.prisma, { to: { chatId: chats[1]! }, content: { type: 'text', text: '另一群' }, key: 'order:other' });
    // The first send is slow: sent side by side, the later ones would arrive before it.
    fake.holdAnswer = ({ body }) => (JSON.stringify(body ?? '').includes('正在运行') ? 400 : 0);
    try {
      await worker().drain();
    } finally {
      fake.holdAnswer = undefined;
    }
    const inFirstChat = [...fake.messages.values()].filter((m) => m.chatId === chats[0]).map((m) => (JSON.parse(m.content) as { text: string }).text);
    expect(inFirstChat).toEqual(texts);
    // Another chat's message did not wait behind them.
    expect(deliveredTexts()[0]).toBe('另一群');
  });

  it('marks a permanent failure once, reports it to the admins chat, and never retries it', async () => {
    const adminChat = chats[0]!;
    await enqueue(db.prisma, { to: { chatId: 'oc_bot_was_removed' }, content: { type: 'text', text: '无法送达' }, key: 'gone', origin: 'job:test' });
    const w = worker({ adminChats: async () => [adminChat] });
    await w.drain();
    await w.idle();
    await w.drain();
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { uuid: 'gone' } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('not_in_chat');
    const reports = fake.textsIn(adminChat).filter((t) => t.includes('消息发送失败'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('job:test');
    expect(fake.callsTo(/\/im\/v1\/messages$/).filter((c) => (c.body as { receive_id?: string }).receive_id === 'oc_bot_was_removed')).toHaveLength(1);
  });

  it('sends an oversized card as its text summary instead of losing it', async () => {
    const huge = card({ title: '督查通报', elements: Array.from({ length: 250 }, (_, i) => markdown(`第${i}项：内容`)) });
    await enqueue(db.prisma, { to: { chatId: chats[1]! }, content: { type: 'card', card: huge }, key: 'huge' });
    await worker().drain();
    const texts = fake.textsIn(chats[1]!);
    expect(texts.at(-1)).toContain('【督查通报】');
    expect(texts.at(-1)).toContain('第249项');
  });

  it('queues the same key once, and keeps only the newest patch of a card', async () => {
    await enqueue(db.prisma, { to: { chatId: chats[2]! }, content: { type: 'text', text: 'A' }, key: 'same' });
    await enqueue(db.prisma, { to: { chatId: chats[2]! }, content: { type: 'text', text: 'A' }, key: 'same' });
    expect(await db.prisma.outboxMessage.count({ where: { uuid: 'same' } })).toBe(1);
    const c = (title: string) => card({ title, elements: [markdown('x')] });
    await enqueue(db.prisma, { to: { patch: 'om_1' }, content: { type: 'card', card: c('旧') } });
    await enqueue(db.prisma, { to: { patch: 'om_1' }, content: { type: 'card', card: c('新') } });
    const pending = await db.prisma.outboxMessage.findMany({ where: { op: 'patch', status: 'pending' } });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.content).toContain('新');
    expect(uuidFor('x'.repeat(80))).toHaveLength(50);
  });
});

describe(`enqueueMany on ${testProvider}`, () => {
  it('queues many at once and skips keys already queued', async () => {
    const { url, drop } = await createTestDatabaseUrl();
    const db = await openDatabase(url);
    await migrate(db);
    await enqueue(db.prisma, { to: { chatId: 'oc_a' }, content: { type: 'text', text: '已有' }, key: 'k1' });
    const added = await enqueueMany(db.prisma, [
      { to: { chatId: 'oc_a' }, content: { type: 'text', text: '重复' }, key: 'k1' },
      { to: { openId: 'ou_b' }, content: { type: 'text', text: '新' }, key: 'k2' },
      { to: { openId: 'ou_b' }, content: { type: 'text', text: '同批重复' }, key: 'k2' },
    ]);
    expect(added).toBe(1);
    expect((await db.prisma.outboxMessage.findMany({ orderBy: { uuid: 'asc' } })).map((r) => [r.uuid, r.content])).toEqual([
      ['k1', '已有'],
      ['k2', '新'],
    ]);
    await db.close();
    await drop();
  });
});
