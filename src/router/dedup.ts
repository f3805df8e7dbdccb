import { createHash } from 'node:crypto';
import { REPLAY_WINDOW_MS, type InboundCardAction, type InboundMessage } from './events.js';

/** Persisted record of what was already handled, so a re-push (or a restart) is not handled twice. */
export interface ReceiptStore {
  /**
   * Records `key`; true when it is new, false when it was seen before. With `windowMs`, a key seen longer
   * ago than that counts as new again (and is re-recorded). Throws when it cannot record.
   */
  claim(key: string, windowMs?: number): Promise<boolean>;
  /** Forgets `key`, so that the event is handled when it comes again (its handling failed). Throws when it cannot. */
  release(key: string): Promise<void>;
}

/**
 * Card clicks have no id: the same person pressing the same button on the same card again next week
 * (反馈进展, 返回) is a new act, while a double click or a re-delivery arrives within seconds.
 */
export const CARD_CLICK_WINDOW_MS = 30_000;

/**
 * Without an event id the click key is all there is: it must then outlast any replay of the signed
 * request, which is accepted while its timestamp is within REPLAY_WINDOW_MS of now — up to twice that
 * after the genuine click when the timestamp was ahead of our clock.
 */
export const CARD_CLICK_REPLAY_WINDOW_MS = 2 * REPLAY_WINDOW_MS;

/** Lark advises deduplicating messages by `message_id`, not `event_id`. */
export const messageKey = (m: InboundMessage) => `msg:${m.messageId}`;

export const eventKey = (eventId: string) => `evt:${eventId}`;

/** The receipts a card click claims: its delivery (permanently) when it has an id, and the click itself for a window. */
export interface CardActionKeys {
  delivery?: string;
  click: string;
  clickWindowMs: number;
}

export function cardActionKeys(a: InboundCardAction): CardActionKeys {
  return {
    ...(a.eventId ? { delivery: `cbk:${a.eventId}` } : {}),
    click: cardActionKey(a),
    clickWindowMs: a.eventId ? CARD_CLICK_WINDOW_MS : CARD_CLICK_REPLAY_WINDOW_MS,
  };
}

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
  async release(key: string): Promise<void> {
    this.seen.delete(key);
  }
}
