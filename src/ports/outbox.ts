import type { OutgoingContent, Recipient } from './messenger.js';

/**
 * The shape of a message queued for durable delivery, as the router and features speak of it. The
 * queue itself (rows, enqueue, the worker) lives in platform/outbox; this port lets the router name
 * an item without importing the platform.
 */
export type OutboxTarget = Recipient | { replyTo: string } | { patch: string };

export interface OutboxItem {
  to: OutboxTarget;
  content: OutgoingContent;
  /**
   * Stable idempotency key, e.g. `chase:2026-11-23:ou_x`. Enqueuing the same key twice queues once.
   * Omitted: a random key (a one-off message).
   */
  key?: string;
  /** Who queued it (shown in the admins' failure report), e.g. `job:supervision.chase`. */
  origin?: string;
  /** A card showing an object: once sent, it is recorded as a CardRef so it can be updated in place. */
  tracks?: Tracks;
}

/**
 * What a queued card shows (OutboxMessage.tracks): which object, in which view, in which chat, and which
 * earlier message it takes over from (a re-post). Encoded and decoded by platform/cards/tracks.ts.
 */
export interface Tracks {
  objectType: string;
  objectId: string;
  /** The presentation (audience) the card uses, e.g. assignee, group, detail. */
  view: string;
  /** The chat the card is in, when the send does not name it (a reply, a re-post). */
  chatId?: string;
  /** The message this card replaces: once sent, that message's reference moves to the new one. */
  replaces?: string;
}
