import { hex, larkEncrypt, larkSign } from './crypto.js';
import type { Delivery } from './types.js';

/**
 * Pushes to the bot's `/lark/events` as Lark does (lark-notes §6, "Event and callback pusher"): compact
 * JSON, encrypted when a key is set, signed with timestamp + nonce + key + body; Lark gives up after 3 s.
 */
export class Pusher {
  constructor(private readonly o: { encryptKey?: string; botUrl: () => string | undefined; deliveries: Delivery[] }) {}

  async push(envelope: Record<string, unknown>, kind: 'event' | 'callback', tamper?: { signature?: string; timestamp?: string }) {
    const plain = JSON.stringify(envelope);
    const key = this.o.encryptKey;
    const body = key ? JSON.stringify({ encrypt: larkEncrypt(plain, key) }) : plain;
    const timestamp = tamper?.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = hex(8);
    const headers: Record<string, string> = { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce };
    if (key) headers['x-lark-signature'] = tamper?.signature ?? larkSign(timestamp, nonce, key, body);
    const eventType = (envelope.header as { event_type?: string } | undefined)?.event_type;
    return this.post(body, headers, kind, eventType);
  }

  /** The URL-verification challenge: unsigned, encrypted when a key is set. */
  async challenge(payload: Record<string, unknown>) {
    const key = this.o.encryptKey;
    const body = key ? JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(payload), key) }) : JSON.stringify(payload);
    return this.post(body, {}, 'challenge');
  }

  async post(body: string, headers: Record<string, string>, kind: Delivery['kind'], eventType?: string): Promise<Delivery> {
    const botUrl = this.o.botUrl();
    if (!botUrl) throw new Error('botUrl not set');
    const started = Date.now();
    let status = 0;
    let parsed: unknown;
    try {
      const res = await fetch(`${botUrl}/lark/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(3000),
      });
      status = res.status;
      const text = await res.text();
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
    } catch (err) {
      parsed = { error: String(err) };
    }
    const delivery: Delivery = { kind, eventType, status, body: parsed, ms: Date.now() - started };
    this.o.deliveries.push(delivery);
    return delivery;
  }
}
