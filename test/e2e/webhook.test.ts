import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, listen } from '../../src/transport/http.js';
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
    const big = await fetch(`${h.app.url}/lark/events`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
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

describe('/healthz', () => {
  it('answers 503 when the database does not answer', async () => {
    const { log } = memoryLogger();
    const app = createHttpApp({ log, clock: new FixedClock(), dispatch: null, health: async () => false });
    const server = await listen(app, 0, '127.0.0.1');
    const port = (server.address() as { port: number }).port;
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(r.status).toBe(503);
    server.close();
  });
});
