import { createHash } from 'node:crypto';
import type { InboundCardAction, InboundMessage } from './events.js';

/** Persisted record of what was already handled, so a re-push (or a restart) is not handled twice. */
export interface ReceiptStore {
  /**
   * Records `key`; true when it is new, false when it was seen before. With `windowMs`, a key seen longer
   * ago than that counts as new again (and is re-recorded). Throws when it cannot record.
   */
  claim(key: string, windowMs?: number): Promise<boolean>;
}

/**
 * Card clicks have no id: the same person pressing the same button on the same card again next week
 * (反馈进展, 返回) is a new act, while a double click or a re-delivery arrives within seconds.
 */
export const CARD_CLICK_WINDOW_MS = 30_000;

/** Lark advises deduplicating messages by `message_id`, not `event_id`. */
export const messageKey = (m: InboundMessage) => `msg:${m.messageId}`;

export const eventKey = (eventId: string) => `evt:${eventId}`;

/** Callbacks have no official id: message + operator + what was clicked (as the SDK's own channel does). */
export function cardActionKey(a: InboundCardAction): string {
  const what = stableStringify({ v: a.value, f: a.formValue, o: a.option, i: a.inputValue, n: a.actionName });
  const digest = createHash('sha256').update(what).digest('hex').slice(0, 32);
  return `card:${a.messageId}:${a.operatorOpenId}:${digest}`;
}

export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** In-memory store for unit tests of the router alone. */
export class MemoryReceiptStore implements ReceiptStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly now: () => number = () => Date.now()) {}
  async claim(key: string, windowMs?: number): Promise<boolean> {
    const at = this.seen.get(key);
    if (at !== undefined && (windowMs === undefined || this.now() - at < windowMs)) return false;
    this.seen.set(key, this.now());
    return true;
  }
}
