import { randomBytes } from 'node:crypto';
import type { PrismaClient, Tx } from '../../db/client.js';
import { sql, type SqlRunner } from '../../db/sql.js';
import type { OutboxItem } from '../../ports/outbox.js';
import { enqueue, row, uuidFor } from './outbox.js';

/**
 * Messages that wait for a queued message to be sent: a reply in its thread, or an update of a card that
 * went out before its newest state was known (it was being delivered when the state changed). Such a row
 * has status `waiting` and the awaited row's uuid as its target. When the awaited row is marked sent it
 * takes that message's id and falls due at once (released); when the awaited row fails for good it is
 * dropped (superseded: there is no message to reply to or update). Only a tracked card's row (one that
 * carries `tracks`) can be awaited: the worker releases in the transaction that records the card.
 */
export const AWAITED_ROW = 'outbox_uuid';
const WAITING = 'waiting';

export interface AwaitingItem extends Omit<OutboxItem, 'to'> {
  /** `reply`: in the awaited message's thread; `patch`: the awaited card updated (text cannot be patched). */
  op: 'reply' | 'patch';
}

/**
 * Queues `item` to go once the message queued under `awaitedKey` is sent; a later patch replaces an earlier
 * one still waiting. The awaited row is held first (a write that changes nothing), so the worker's sent
 * mark, which releases what waits, comes after this commits. Already sent: `item` is queued for that
 * message now; failed, dropped or never queued: nothing is queued.
 */
export async function enqueueAfterSent(tx: Tx | PrismaClient, awaitedKey: string, item: AwaitingItem): Promise<'waiting' | 'queued' | 'dropped'> {
  if (item.op === 'patch' && item.content.type !== 'card') throw new Error('only cards can be patched');
  const targetId = uuidFor(awaitedKey);
  const { count } = await tx.outboxMessage.updateMany({ where: { uuid: targetId, status: 'pending' }, data: { uuid: targetId } });
  const { op, ...rest } = item;
  if (count === 0) {
    const awaited = await tx.outboxMessage.findUnique({ where: { uuid: targetId }, select: { status: true, messageId: true } });
    if (awaited?.status !== 'sent' || !awaited.messageId) return 'dropped';
    await enqueue(tx, { ...rest, to: op === 'patch' ? { patch: awaited.messageId } : { replyTo: awaited.messageId } });
    return 'queued';
  }
  const uuid = uuidFor(item.key ?? `m-${randomBytes(12).toString('hex')}`);
  if (op === 'patch') {
    // Only the newest state of the card matters, as with patches of a sent message.
    await tx.outboxMessage.updateMany({ where: { op: 'patch', targetId, targetType: AWAITED_ROW, status: WAITING }, data: { status: 'superseded' } });
  }
  const data = { ...row(rest, { op, targetType: AWAITED_ROW, targetId }, uuid, new Date()), status: WAITING };
  await tx.outboxMessage.upsert({ where: { uuid }, update: {}, create: data });
  return 'waiting';
}

/**
 * In the transaction that marks the awaited row sent: what waited for it now targets `messageId` and is
 * due now. A card sent as its text summary (Lark refused the card) can take replies but no update: the
 * waiting updates are dropped.
 */
export async function releaseAwaiting(tx: SqlRunner, uuid: string, messageId: string, asCard: boolean, now: Date): Promise<void> {
  if (!asCard) await dropAwaiting(tx, uuid, 'patch');
  await tx.run(sql`UPDATE "OutboxMessage" SET "status" = 'pending', "targetType" = 'message_id', "targetId" = ${messageId}, "nextAttemptAt" = ${now}
    WHERE "targetId" = ${uuid} AND "targetType" = ${AWAITED_ROW} AND "status" = ${WAITING}`);
}

/** The awaited row failed for good: what waited for it is dropped (the admins are told of the failure itself). */
export async function dropAwaiting(db: SqlRunner, uuid: string, op?: 'patch'): Promise<void> {
  await db.run(
    op
      ? sql`UPDATE "OutboxMessage" SET "status" = 'superseded' WHERE "targetId" = ${uuid} AND "targetType" = ${AWAITED_ROW} AND "status" = ${WAITING} AND "op" = ${op}`
      : sql`UPDATE "OutboxMessage" SET "status" = 'superseded' WHERE "targetId" = ${uuid} AND "targetType" = ${AWAITED_ROW} AND "status" = ${WAITING}`,
  );
}
