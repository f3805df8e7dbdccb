import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { cardActionTriggered, messageReceived } from '../../src/local/lark/events.js';
import type { FakeLarkGateway } from '../fakes/lark/ws-gateway.js';

describe('LARK_TRANSPORT=long-connection (the real SDK WSClient against a fake gateway)', () => {
  let h: Harness;
  let gateway: FakeLarkGateway;
  let clerk: FakeUser;
  let group: string;

  beforeAll(async () => {
    h = await startHarness({ env: { LARK_TRANSPORT: 'long-connection' } });
    gateway = h.gateway!;
    clerk = h.fake.addUser('王秘书');
    group = h.fake.addChat('综合科工作群', [clerk]);
  });
  afterAll(() => h?.stop());

  it('discovers the endpoint with the app credentials and keeps the socket alive with pings', () => {
    expect(gateway.discoveries).toEqual([{ AppID: h.fake.appId, AppSecret: h.fake.appSecret }]);
    expect(gateway.pings).toBeGreaterThanOrEqual(1);
    expect(h.logLines.join('\n')).not.toContain(h.fake.appSecret);
  });

  it('acks "@三办助手 帮助" pushed over the socket and replies with exactly one help card', async () => {
    const envelope = messageReceived(h.fake.envelope, {
      chatId: group,
      chatType: 'group',
      senderOpenId: clerk.openId,
      text: '@_user_1 帮助',
      mentions: [{ key: '@_user_1', openId: h.fake.botOpenId, name: '三办助手' }],
    });
    h.fake.rememberInbound(envelope.event.message.message_id, group);
    const ack = await gateway.pushEvent(envelope);
    expect(ack.code).toBe(200);
    await h.settle();
    const cards = h.fake.cardsIn(group);
    expect(cards).toHaveLength(1);
    const card = cards[0]!.card as { header: { title: { content: string } } };
    expect(card.header.title.content).toBe('三办助手 · 指令一览');
    expect(h.fake.callsTo(/\/reply$/, 'POST')).toHaveLength(1);
  });

  it('still serves /healthz, but not the webhook', async () => {
    const health = await fetch(`${h.app.url}/healthz`);
    expect(health.status).toBe(200);
    const webhook = await fetch(`${h.app.url}/lark/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: 'x', token: h.fake.verificationToken, type: 'url_verification' }),
    });
    expect(webhook.status).toBe(404);
  });

  it('answers a card callback (a type=event frame) with an error toast for an unknown action', async () => {
    const card = h.fake.cardsIn(group)[0]!;
    const envelope = cardActionTriggered(h.fake.envelope, {
      operatorOpenId: clerk.openId,
      messageId: card.messageId,
      chatId: group,
      value: { a: 'nope.nothing' },
      token: 'c-unknown-action',
    });
    const ack = await gateway.pushEvent(envelope);
    expect(ack.code).toBe(200);
    expect(ack.data).toMatchObject({ toast: { type: 'error' } });
    await h.settle();
  });
});
