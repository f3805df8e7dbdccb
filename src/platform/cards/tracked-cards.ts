import type { Tx } from '../../db/handles.js';
import type { Card } from '../../cards/types.js';
import type { Recipient } from '../../ports/messenger.js';
import { cardToText } from '../outbox/card-fit.js';
import { enqueueAfterSent } from '../outbox/awaiting.js';
import { enqueue, uuidFor } from '../outbox/outbox.js';
import { holdRef, outboxRow, refInChat, refsOf, supersedePatches, updatePendingCard, type CardRefRow } from './store.js';
import { REPOST_AFTER_MS, repostKey, type Tracks } from './tracks.js';

/**
 * Cards that show an object (a 督办 item, later a 文稿 or a 议题): posting one, knowing which message shows
 * which view of which object (CardRef, recorded by the outbox once the card is sent), and bringing every
 * one of them up to date after a change. Lark updates a message for 14 days only (230031 after that): a
 * card a day from the limit is re-posted instead, as a reply to the old one in its chat, and the
 * reference moves to the new message. Knows nothing of any feature: the caller presents each view.
 */
export interface TrackedObject {
  objectType: string;
  objectId: string;
}

/** The card of one view of the object, as it now is. */
export type Presenter = (view: string) => Card | Promise<Card>;

export interface PostCard {
  object: TrackedObject;
  view: string;
  to: Recipient | { replyTo: string };
  card: Card;
  /** Stable key: the same post queued twice (two instances, a re-run) is one message. */
  key: string;
  origin?: string;
  /** The chat of a reply (a send to a chat names it itself). */
  chatId?: string;
}

/**
 * What became of a post: `queued` the first time; `updated` while queued and not yet tried (it goes out
 * with this card: nobody saw an older one); `in_flight` while being delivered, or tried before (Lark may
 * already show the older card): the queued card takes this one for a retry, and the message is updated
 * once its id is known; `patched` once sent (updated in place); `gone` when it failed or was dropped.
 * Whoever posted knows from it whether people may have seen an older state (`in_flight`, `patched`).
 */
export type Posted = { state: 'queued' | 'updated' | 'in_flight' | 'gone' } | { state: 'patched'; messageId: string };

/**
 * Queues the card once per key, always with the object's newest state: a post already queued takes the
 * newer card; one already sent is updated in place; one being sent is updated as soon as it is.
 */
export async function postCard(tx: Tx, p: PostCard & { replaces?: string }): Promise<Posted> {
  const chatId = p.chatId ?? ('chatId' in p.to ? p.to.chatId : undefined);
  const tracks: Tracks = { ...p.object, view: p.view, ...(chatId ? { chatId } : {}), ...(p.replaces ? { replaces: p.replaces } : {}) };
  const content = { type: 'card' as const, card: p.card };
  const uuid = uuidFor(p.key);
  const existing = await outboxRow(tx, uuid);
  if (!existing) {
    await enqueue(tx, { to: p.to, content, key: p.key, tracks, ...(p.origin ? { origin: p.origin } : {}) });
    return { state: 'queued' };
  }
  // The compare-and-set holds the row until the transaction ends: the worker cannot claim it meanwhile,
  // nor mark it sent (PostgreSQL: its sent mark waits, then releases the patch queued here).
  if (existing.status === 'pending' && (await updatePendingCard(tx, uuid, JSON.stringify(p.card), cardToText(p.card)))) {
    const held = await outboxRow(tx, uuid);
    if (!held?.lockedBy && !held?.attempts) return { state: 'updated' };
    await enqueueAfterSent(tx, p.key, { op: 'patch', content, tracks });
    return { state: 'in_flight' };
  }
  const now = existing.status === 'pending' ? await outboxRow(tx, uuid) : existing;
  if (now?.status === 'sent' && now.messageId && now.kind === 'card') {
    await enqueue(tx, { to: { patch: now.messageId }, content, tracks });
    return { state: 'patched', messageId: now.messageId };
  }
  return { state: 'gone' };
}

/**
 * Posts the card to the chat unless the object already has a card of this view there (that one is
 * brought up to date by `refreshCards`): one card per object, view and chat.
 */
export async function ensureCardInChat(tx: Tx, p: PostCard & { to: { chatId: string } }): Promise<boolean> {
  if (await refInChat(tx, p.object.objectType, p.object.objectId, p.view, p.to.chatId)) return false;
  await postCard(tx, p);
  return true;
}

export interface RefreshOptions {
  /** The message being answered directly (a click's response replaces it): not patched as well. */
  skipMessageId?: string;
  /** Physical time (Lark's limit runs on it), for a card's age. */
  now?: Date;
}

/** Brings every card of the object up to date: patched in place, or re-posted when near Lark's limit. */
export async function refreshCards(tx: Tx, object: TrackedObject, present: Presenter, o: RefreshOptions = {}): Promise<number> {
  const now = o.now ?? new Date();
  const refs = (await refsOf(tx, object.objectType, object.objectId)).filter((r) => r.messageId !== o.skipMessageId);
  for (const ref of refs) {
    const card = await present(ref.view);
    if (now.getTime() - ref.createdAt.getTime() >= REPOST_AFTER_MS) await repost(tx, ref, card);
    else
      await enqueue(tx, {
        to: { patch: ref.messageId },
        content: { type: 'card', card },
        tracks: { ...object, view: ref.view, ...(ref.chatId ? { chatId: ref.chatId } : {}) },
      });
  }
  return refs.length;
}

/** The card again, as a reply to the old message in its chat; once sent the reference moves to it. */
export async function repost(tx: Tx, ref: CardRefRow, card: Card): Promise<void> {
  // Moved meanwhile: postCard finds the re-post sent and updates the new message instead.
  await holdRef(tx, ref.messageId);
  await supersedePatches(tx, ref.messageId);
  await postCard(tx, {
    object: { objectType: ref.objectType, objectId: ref.objectId },
    view: ref.view,
    to: { replyTo: ref.messageId },
    card,
    key: repostKey(ref.messageId),
    origin: `cards:${ref.objectType}`,
    ...(ref.chatId ? { chatId: ref.chatId } : {}),
    replaces: ref.messageId,
  });
}
