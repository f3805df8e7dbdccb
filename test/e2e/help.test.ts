import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { messageReceived } from '../../src/local/lark/events.js';

describe('the bot answers in a Lark chat (through the real SDK and the fake Lark server)', () => {
  let h: Harness;
  let clerk: FakeUser;
  let group: string;

  beforeAll(async () => {
    h = await startHarness();
    clerk = h.fake.addUser('王秘书');
    group = h.fake.addChat('综合科工作群', [clerk]);
  });
  afterAll(() => h?.stop());

  it('answers the URL verification challenge (encrypted)', async () => {
    const r = await h.fake.challenge('abc-123');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ challenge: 'abc-123' });
  });

  it('replies to "@三办助手 帮助" in a group with exactly one help card, acked within 3 s', async () => {
    const r = await h.fake.userSays({ chatId: group, from: clerk, text: '@三办助手 帮助' });
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(3000);
    await h.settle();
    const cards = h.fake.cardsIn(group);
    expect(cards).toHaveLength(1);
    const card = cards[0]!.card as { header: { title: { content: string } }; body: { elements: { content?: string }[] } };
    expect(card.header.title.content).toBe('三办助手 · 指令一览');
    expect(JSON.stringify(card.body)).toContain('帮助');
    // It went out as a reply to the person's message, through the SDK with a tenant token.
    const replies = h.fake.callsTo(/\/reply$/, 'POST');
    expect(replies).toHaveLength(1);
    expect(h.fake.callsTo(/tenant_access_token/).length).toBeGreaterThanOrEqual(1);
  });

  it('produces one card when the same event is delivered three times', async () => {
    const before = h.fake.cardsIn(group).length;
    const envelope = messageReceived(h.fake.envelope, {
      chatId: group,
      chatType: 'group',
      senderOpenId: clerk.openId,
      text: '@_user_1 help',
      mentions: [{ key: '@_user_1', openId: h.fake.botOpenId, name: '三办助手' }],
    });
    h.fake.rememberInbound(envelope.event.message.message_id, group);
    const results = [];
    for (let i = 0; i < 3; i++) {
      // Lark re-pushes with a new event_id: deduplication must use message_id.
      envelope.header.event_id = `evt-${i}-${envelope.header.event_id}`.slice(0, 32);
      results.push(await h.fake.push(envelope));
    }
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.settle();
    expect(h.fake.cardsIn(group).length).toBe(before + 1);
  });

  it('refuses a forged signature with 401 and posts nothing', async () => {
    const before = h.fake.messages.size;
    const envelope = messageReceived(h.fake.envelope, {
      chatId: group,
      chatType: 'group',
      senderOpenId: clerk.openId,
      text: '@_user_1 帮助',
      mentions: [{ key: '@_user_1', openId: h.fake.botOpenId, name: '三办助手' }],
    });
    const r = await h.fake.push(envelope, 'event', { signature: 'f'.repeat(64) });
    expect(r.status).toBe(401);
    await h.settle();
    expect(h.fake.messages.size).toBe(before);
  });

  it('refuses a replayed request whose timestamp is older than 5 minutes', async () => {
    const before = h.fake.messages.size;
    const envelope = messageReceived(h.fake.envelope, {
      chatId: group,
      chatType: 'group',
      senderOpenId: clerk.openId,
      text: '@_user_1 帮助',
      mentions: [{ key: '@_user_1', openId: h.fake.botOpenId, name: '三办助手' }],
    });
    const r = await h.fake.push(envelope, 'event', { timestamp: String(Math.floor(Date.now() / 1000) - 301) });
    expect(r.status).toBe(401);
    await h.settle();
    expect(h.fake.messages.size).toBe(before);
  });

  it('ignores group messages that do not @ the bot', async () => {
    const before = h.fake.messages.size;
    const r = await h.fake.userSays({ chatId: group, from: clerk, text: '帮助' });
    expect(r.status).toBe(200);
    await h.settle();
    expect(h.fake.messages.size).toBe(before);
  });

  it('points an unknown command in a direct message to 帮助', async () => {
    const p2p = h.fake.p2pChatId(clerk.openId);
    const r = await h.fake.userSays({ chatId: p2p, from: clerk, text: '排会', p2p: true });
    expect(r.status).toBe(200);
    await h.settle();
    expect(h.fake.textsIn(p2p).at(-1)).toBe('未识别的指令「排会」。请发送「帮助」查看可用指令。');
  });

  it('accepts a leading full-width slash, English aliases and extra spaces', async () => {
    const p2p = h.fake.p2pChatId(clerk.openId);
    const before = h.fake.cardsIn(p2p).length;
    await h.fake.userSays({ chatId: p2p, from: clerk, text: '  ／ＨＥＬＰ  ', p2p: true });
    await h.fake.userSays({ chatId: p2p, from: clerk, text: '/帮助', p2p: true });
    await h.settle();
    expect(h.fake.cardsIn(p2p).length).toBe(before + 2);
  });

  it('never logs the app secret, the encrypt key or a tenant token', () => {
    const all = h.logLines.join('\n');
    expect(all).not.toContain(h.fake.appSecret);
    expect(all).not.toContain('test-encrypt-key');
    expect(all).not.toMatch(/t-[0-9a-f]{40}/);
  });
});
