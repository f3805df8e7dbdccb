import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadedMessenger } from '../../src/adapters/threaded-messenger.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

describe('ThreadedMessenger (the outbox’s sends in a worker thread, through the real SDK)', () => {
  let fake: FakeLark;
  let messenger: ThreadedMessenger;

  beforeAll(async () => {
    fake = await new FakeLark({}).start();
    messenger = new ThreadedMessenger({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, logLevel: 'silent' }, memoryLogger().log);
  });
  afterAll(async () => {
    await messenger.stop();
    await fake.stop();
  });

  it('sends, replies and patches with the uuid, and returns Lark’s typed results', async () => {
    const user = fake.addUser('张三');
    const chat = fake.addChat('督查群', [user]);
    const sent = await messenger.send({ chatId: chat }, { type: 'text', text: '你好' }, { uuid: 'u-thread-1' });
    expect(sent.ok).toBe(true);
    const again = await messenger.send({ chatId: chat }, { type: 'text', text: '你好' }, { uuid: 'u-thread-1' });
    expect(again).toEqual(sent); // Lark's uuid idempotency, seen through the thread
    const messageId = sent.ok ? sent.value.messageId : '';
    expect((await messenger.reply(messageId, { type: 'text', text: '收到' })).ok).toBe(true);
    const card = { schema: '2.0', header: { title: { tag: 'plain_text', content: '卡片' } }, body: { elements: [{ tag: 'markdown', content: '内容' }] } };
    const posted = await messenger.send({ chatId: chat }, { type: 'card', card: card as never });
    expect(posted.ok).toBe(true);
    expect((await messenger.updateCard(posted.ok ? posted.value.messageId : '', card as never)).ok).toBe(true);
    // A failure comes back as a typed result, not an exception.
    const refused = await messenger.send({ chatId: 'oc_not_a_chat_of_the_bot' }, { type: 'text', text: 'x' });
    expect(refused.ok).toBe(false);
    expect(fake.callsTo(/\/im\/v1\/messages/).length).toBeGreaterThanOrEqual(5);
  });
});
