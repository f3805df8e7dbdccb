import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { card, markdown } from '../../src/cards/elements.js';
import type { Card } from '../../src/cards/types.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

describe('LarkMessenger over the real SDK against the fake Lark server', () => {
  let fake: FakeLark;
  let messenger: LarkMessenger;
  let chat: string;
  let logLines: string[] = [];
  const simple: Card = card({ title: '测试', elements: [markdown('内容')] });

  beforeAll(async () => {
    fake = await new FakeLark().start();
    const { log, lines } = memoryLogger();
    logLines = lines;
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    messenger = new LarkMessenger(client, tokenCache, log);
    const people = Array.from({ length: 130 }, (_, i) => fake.addUser(`成员${i}`));
    chat = fake.addChat('大群', people);
  });
  afterAll(() => fake?.stop());

  it('sends text and cards, replies, and patches a card in place', async () => {
    const sent = await messenger.send({ chatId: chat }, { type: 'card', card: simple });
    expect(sent.ok).toBe(true);
    const id = sent.ok ? sent.value.messageId : '';
    const replied = await messenger.reply(id, { type: 'text', text: '收到' });
    expect(replied.ok).toBe(true);
    const updated = await messenger.updateCard(id, card({ title: '已更新', elements: [markdown('新内容')] }));
    expect(updated).toEqual({ ok: true, value: undefined });
    expect(fake.messages.get(id)!.content).toContain('已更新');
  });

  it('sends a direct message to a person by open_id', async () => {
    const person = fake.addUser('孙主任');
    const r = await messenger.send({ openId: person.openId }, { type: 'text', text: '您好' });
    expect(r.ok).toBe(true);
    expect(fake.textsIn(fake.p2pChatId(person.openId))).toEqual(['您好']);
  });

  it('posts once for a repeated uuid', async () => {
    const a = await messenger.send({ chatId: chat }, { type: 'text', text: '通知' }, { uuid: 'broadcast-2026-11-23-x' });
    const b = await messenger.send({ chatId: chat }, { type: 'text', text: '通知' }, { uuid: 'broadcast-2026-11-23-x' });
    expect(a.ok && b.ok && a.value.messageId === b.value.messageId).toBe(true);
    expect(fake.textsIn(chat).filter((t) => t === '通知')).toHaveLength(1);
  });

  it('maps Lark failures to typed errors', async () => {
    fake.failNext(1, { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '2' } });
    expect(await messenger.send({ chatId: chat }, { type: 'text', text: 'a' })).toEqual({
      ok: false,
      error: { kind: 'rate_limited', code: 99991400, retryAfterMs: 2000 },
    });
    expect(await messenger.send({ chatId: 'oc_not_a_member' }, { type: 'text', text: 'a' })).toMatchObject({
      ok: false,
      error: { kind: 'not_in_chat', code: 230002 },
    });
    const broken = { ...simple, body: { elements: [{ tag: 'action', actions: [] }] } } as unknown as Card;
    expect(await messenger.send({ chatId: chat }, { type: 'card', card: broken })).toMatchObject({ ok: false, error: { kind: 'card_invalid', code: 230099 } });
    fake.failNext(1, { status: 503, code: 0, msg: 'unavailable' });
    expect(await messenger.send({ chatId: chat }, { type: 'text', text: 'a' })).toMatchObject({ ok: false, error: { kind: 'server_error', status: 503 } });
  });

  it('reports a network failure when Lark cannot be reached', async () => {
    const { log } = memoryLogger();
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: 'http://127.0.0.1:9', log, timeoutMs: 2000 });
    const offline = new LarkMessenger(client, tokenCache, log);
    expect(await offline.send({ chatId: chat }, { type: 'text', text: 'a' })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('on a revoked tenant token, clears the cache and retries once', async () => {
    await messenger.send({ chatId: chat }, { type: 'text', text: '预热' });
    const tokenCallsBefore = fake.callsTo(/tenant_access_token/).length;
    fake.revokeTokens();
    const r = await messenger.send({ chatId: chat }, { type: 'text', text: '令牌失效后' });
    expect(r.ok).toBe(true);
    expect(fake.callsTo(/tenant_access_token/).length).toBe(tokenCallsBefore + 1);
  });

  it('lists all members of a chat across pages and looks up names', async () => {
    const members = await messenger.listChatMembers(chat);
    expect(members.ok && members.value.length).toBe(130);
    expect(fake.callsTo(/\/members$/).length).toBeGreaterThanOrEqual(2);
    const someone = members.ok ? members.value[5]! : undefined;
    expect(await messenger.getUserName(someone!.openId)).toEqual({ ok: true, value: '成员5' });
    expect(await messenger.getBotOpenId()).toBe(fake.botOpenId);
  });

  it('never writes the app secret or a bearer token to the log', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain(fake.appSecret);
    expect(all).not.toMatch(/Bearer t-/);
  });
});
