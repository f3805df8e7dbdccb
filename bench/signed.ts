import { hex, larkEncrypt, larkSign } from '../src/local/lark/crypto.js';
import { cardActionTriggered, messageReceived } from '../src/local/lark/events.js';
import type { EnvelopeContext } from '../src/local/lark/events.js';
import type { PreparedRequest } from './loadgen.js';

/** What signing needs of a fake Lark (in this process, or another: remote-fake.ts). */
export interface Signer {
  encryptKey?: string;
  envelope: EnvelopeContext;
  botOpenId: string;
  rememberInbound(messageId: string, chatId: string): void;
}

/**
 * Requests exactly as Lark pushes them: a v2 envelope, AES-encrypted with the app's encrypt key, signed
 * over the raw body (x-lark-signature). Built before a run so that the run itself only sends.
 */
export function signed(fake: Signer, envelope: Record<string, unknown>, kind: string, expect?: string): PreparedRequest {
  const body = JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(envelope), fake.encryptKey!) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = hex(8);
  return {
    kind,
    body,
    headers: { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': larkSign(timestamp, nonce, fake.encryptKey!, body) },
    ...(expect ? { expect } : {}),
  };
}

/** `@三办助手 <text>` in a group, from `senderOpenId`; the fake learns the message so that the bot's reply finds its chat. */
export function mentionMessage(fake: Signer, chatId: string, senderOpenId: string, text: string, kind: string): PreparedRequest {
  const envelope = messageReceived(fake.envelope, {
    chatId,
    chatType: 'group',
    senderOpenId,
    text: `@_user_1 ${text}`,
    mentions: [{ key: '@_user_1', openId: fake.botOpenId, name: '三办助手' }],
  });
  fake.rememberInbound(envelope.event.message.message_id, chatId);
  return signed(fake, envelope, kind, '{}');
}

/** A button click (card.action.trigger) on a message the bot posted. */
export function cardClick(
  fake: Signer,
  o: { messageId: string; chatId: string; operatorOpenId: string; value: Record<string, unknown> },
  kind: string,
  expect?: string,
): PreparedRequest {
  return signed(fake, cardActionTriggered(fake.envelope, { ...o, token: `c-${hex(20)}` }), kind, expect);
}

/** A deterministic interleaving of kinds by weight: e.g. {a: 2, b: 1} → a, b, a, a, b, a, … */
export function mix<K extends string>(n: number, weights: Record<K, number>): K[] {
  const kinds = Object.keys(weights) as K[];
  const total = kinds.reduce((s, k) => s + weights[k], 0);
  const credit = new Map<K, number>(kinds.map((k) => [k, 0]));
  const out: K[] = [];
  for (let i = 0; i < n; i++) {
    for (const k of kinds) credit.set(k, credit.get(k)! + weights[k] / total);
    const pick = kinds.reduce((best, k) => (credit.get(k)! > credit.get(best)! ? k : best), kinds[0]!);
    credit.set(pick, credit.get(pick)! - 1);
    out.push(pick);
  }
  return out;
}
