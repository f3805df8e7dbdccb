import { hex, larkEncrypt, larkSign } from '../../src/local/lark/crypto.js';
import { cardActionTriggered, messageReceived } from '../../src/local/lark/events.js';
import type { FakeLark, FakeUser } from '../../src/local/lark/server.js';

export type Envelope = Record<string, unknown>;

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Encrypts and signs a payload exactly as Lark does (lark-notes §1.5); `timestamp` in Unix seconds. */
export function signed(fake: FakeLark, payload: Envelope | string, o: { timestamp?: number; key?: string } = {}): SignedRequest {
  const key = o.key ?? fake.encryptKey!;
  const plain = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const body = JSON.stringify({ encrypt: larkEncrypt(plain, key) });
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = hex(8);
  return { body, headers: { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': larkSign(timestamp, nonce, key, body) } };
}

export interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

/** POSTs to a bot's webhook as Lark does: gives up after 3 s (status 0 then). */
export async function postTo(botUrl: string, request: SignedRequest, timeoutMs = 3000): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(`${botUrl}/lark/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    return { status: res.status, body, ms: Date.now() - started };
  } catch (err) {
    return { status: 0, body: { error: String(err) }, ms: Date.now() - started };
  }
}

/** Signs and posts an envelope to a particular bot instance (two instances behind one fake). */
export function pushTo(fake: FakeLark, botUrl: string, envelope: Envelope): Promise<Answer> {
  return postTo(botUrl, signed(fake, envelope));
}

/**
 * A person sends `text`: in a group it @-mentions the bot first, in p2p it is sent as is. The fake
 * learns the message, so that replies to it find their chat.
 */
export function commandEnvelope(
  fake: FakeLark,
  o: { chatId: string; from: FakeUser | string; text: string; p2p?: boolean; messageId?: string; mention?: boolean },
) {
  const openId = typeof o.from === 'string' ? o.from : o.from.openId;
  const mention = o.mention ?? !o.p2p;
  const envelope = messageReceived(fake.envelope, {
    chatId: o.chatId,
    chatType: o.p2p ? 'p2p' : 'group',
    senderOpenId: openId,
    text: mention ? `@_user_1 ${o.text}` : o.text,
    mentions: mention ? [{ key: '@_user_1', openId: fake.botOpenId, name: '三办助手' }] : [],
    ...(o.messageId ? { messageId: o.messageId } : {}),
  });
  fake.rememberInbound(envelope.event.message.message_id, o.chatId, openId, o.text);
  return envelope;
}

/** The same event as Lark re-pushes it: the same message, a new event id (or the same, `keepEventId`). */
export function redelivery<E extends { header: { event_id: string } }>(envelope: E, keepEventId = false): E {
  const copy = structuredClone(envelope);
  if (!keepEventId) copy.header.event_id = hex(16);
  return copy;
}

/** A card.action.trigger callback as Lark sends it for a click on `messageId` in `chatId`. */
export function clickEnvelope(
  fake: FakeLark,
  o: { messageId: string; chatId: string; by: string; value?: Record<string, unknown>; formValue?: Record<string, unknown>; name?: string },
) {
  return cardActionTriggered(fake.envelope, {
    operatorOpenId: o.by,
    messageId: o.messageId,
    chatId: o.chatId,
    ...(o.value ? { value: o.value } : {}),
    ...(o.formValue ? { formValue: o.formValue } : {}),
    ...(o.name ? { name: o.name } : {}),
    token: `c-${hex(20)}`,
  });
}

export async function healthz(botUrl: string): Promise<number> {
  try {
    const res = await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
