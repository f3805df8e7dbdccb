import { newId, sql, type Sql, type SqlRunner } from '../../db/sql.js';
import type { Card } from '../../cards/types.js';
import { cardToText } from '../outbox/card-fit.js';
import { enqueueNow, uuidFor } from '../outbox/outbox.js';
import { decodeTracks, repostKey } from './tracks.js';

/**
 * The outbox's side of tracked cards, as prepared statements (the delivery worker's path): recording a
 * card once it is sent, and re-posting a card Lark refused to update because it is past 14 days.
 */

/**
 * In the transaction that marks the row sent: the new message shows the object. A re-post moves the old
 * message's reference to the new one — a compare-and-set on the old message id, so of two deliveries of
 * the same re-post (a lease taken over) the reference moves once and is never duplicated.
 */
export async function recordSentCard(tx: SqlRunner, row: { targetType: string; targetId: string; tracks: string }, messageId: string): Promise<void> {
  const t = decodeTracks(row.tracks);
  if (!t) return;
  const chatId = t.chatId ?? (row.targetType === 'chat_id' ? row.targetId : '');
  const at = new Date();
  if (t.replaces) {
    const moved = await tx.run(sql`UPDATE "CardRef" SET "messageId" = ${messageId}, "createdAt" = ${at}
      WHERE "messageId" = ${t.replaces} AND "objectType" = ${t.objectType} AND "objectId" = ${t.objectId}`);
    if (moved === 1) return;
  }
  await tx.run(sql`INSERT INTO "CardRef" ("id", "objectType", "objectId", "messageId", "chatId", "view", "createdAt")
    VALUES (${newId()}, ${t.objectType}, ${t.objectId}, ${messageId}, ${chatId}, ${t.view}, ${at}) ON CONFLICT ("messageId") DO NOTHING`);
}

interface RefusedPatch {
  targetId: string;
  content: string;
}

/**
 * Lark refused to update the message (230031, past 14 days): the card goes again as a reply to it, once
 * (a stable key), and the message's reference moves to the reply when it is sent. If the re-post is
 * already queued it takes this newer card; if already sent, the new message is updated instead. Returns
 * false when no card reference names the message (nothing shows an object there: nothing to move).
 */
export async function repostRefusedPatch(db: Sql, row: RefusedPatch): Promise<boolean> {
  const card = JSON.parse(row.content) as Card;
  const uuid = uuidFor(repostKey(row.targetId));
  const existing = await db.get<{ status: string; messageId: string | null }>(sql`SELECT "status", "messageId" FROM "OutboxMessage" WHERE "uuid" = ${uuid}`);
  if (existing?.status === 'sent' && existing.messageId) {
    await enqueueNow(db, { to: { patch: existing.messageId }, content: { type: 'card', card } });
    return true;
  }
  if (existing?.status === 'pending') {
    await db.run(
      sql`UPDATE "OutboxMessage" SET "content" = ${row.content}, "fallbackText" = ${cardToText(card)} WHERE "uuid" = ${uuid} AND "status" = 'pending'`,
    );
    return true;
  }
  if (existing) return true;
  const ref = await db.get<{ objectType: string; objectId: string; view: string; chatId: string }>(
    sql`SELECT "objectType", "objectId", "view", "chatId" FROM "CardRef" WHERE "messageId" = ${row.targetId}`,
  );
  if (!ref) return false;
  await enqueueNow(db, {
    to: { replyTo: row.targetId },
    content: { type: 'card', card },
    key: repostKey(row.targetId),
    origin: `cards:${ref.objectType}`,
    tracks: { objectType: ref.objectType, objectId: ref.objectId, view: ref.view, ...(ref.chatId ? { chatId: ref.chatId } : {}), replaces: row.targetId },
  });
  return true;
}
