/**
 * What an outbox row says about the card it carries (OutboxMessage.tracks): which object it shows, in
 * which view, in which chat, and which earlier message it takes over from (a re-post). Stored as
 * `objectType|objectId|view|chatId|replaces`; rows written before chat and replaces existed hold three parts.
 */
import type { Tracks } from '../../ports/outbox.js';

export type { Tracks };

export function encodeTracks(t: Tracks): string {
  const parts = [t.objectType, t.objectId, t.view, t.chatId ?? '', t.replaces ?? ''];
  while (parts.length > 3 && parts.at(-1) === '') parts.pop();
  return parts.join('|');
}

export function decodeTracks(stored: string): Tracks | undefined {
  if (!stored) return undefined;
  const [objectType = '', objectId = '', view = '', chatId = '', replaces = ''] = stored.split('|');
  if (!objectType || !objectId) return undefined;
  return { objectType, objectId, view, ...(chatId ? { chatId } : {}), ...(replaces ? { replaces } : {}) };
}

/** Lark refuses to update a message older than 14 days (230031): a card is re-posted a day before. */
export const PATCH_LIMIT_MS = 14 * 86_400_000;
export const REPOST_AFTER_MS = 13 * 86_400_000;
/** Lark's answer to a PATCH of a message past the limit. */
export const TOO_OLD_TO_UPDATE = 230031;

/** The idempotency key of the one re-post of a message: two instances re-posting it queue one reply. */
export const repostKey = (messageId: string) => `repost:${messageId}`;
