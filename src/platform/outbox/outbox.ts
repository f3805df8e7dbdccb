import { createHash, randomBytes } from 'node:crypto';
import type { Tx, PrismaClient } from '../../db/client.js';
import { newId, sql, type Sql } from '../../db/sql.js';
import type { Card } from '../../cards/types.js';
import type { OutgoingContent } from '../../ports/messenger.js';
import type { OutboxItem, OutboxTarget } from '../../ports/outbox.js';
import { cardToText } from './card-fit.js';
import { storableText } from '../text.js';
import { encodeTracks } from '../cards/tracks.js';

/**
 * Lark refuses a text over 150 KB (230025) and the message would be lost: nothing the bot means to say
 * is that long, so a text quoting a huge input is cut short instead.
 */
export const MAX_TEXT_CHARS = 20_000;

function sendableText(text: string): string {
  const clipped = text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}\n……（内容过长，已截断）` : text;
  return storableText(clipped);
}

/**
 * What must be delivered is written first — inside the transaction of the change that caused it —
 * and delivered afterwards by the OutboxWorker. A message carries a stable uuid, so a retry (or a
 * second enqueue of the same thing by a re-run job) cannot post twice.
 */
export type { OutboxItem, OutboxTarget } from '../../ports/outbox.js';

/** Lark's uuid is at most 50 characters: long keys are hashed, keeping a readable prefix. */
export function uuidFor(key: string): string {
  if (key.length <= 50) return key;
  return `${key.slice(0, 17)}~${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** How content is kept in a row: the text, the card JSON, or `{"file_key":…}` (the upload happened before queueing). */
export function toStored(content: OutgoingContent): string {
  switch (content.type) {
    case 'text':
      return sendableText(content.text);
    case 'card':
      return JSON.stringify(content.card);
    case 'file':
      return JSON.stringify({ file_key: content.fileKey });
  }
}

export function fromStored(kind: string, stored: string): OutgoingContent {
  if (kind === 'card') return { type: 'card', card: JSON.parse(stored) as Card };
  if (kind === 'file') return { type: 'file', fileKey: (JSON.parse(stored) as { file_key: string }).file_key };
  return { type: 'text', text: stored };
}

function target(to: OutboxTarget): { op: string; targetType: string; targetId: string } {
  if ('chatId' in to) return { op: 'send', targetType: 'chat_id', targetId: to.chatId };
  if ('openId' in to) return { op: 'send', targetType: 'open_id', targetId: to.openId };
  if ('replyTo' in to) return { op: 'reply', targetType: 'message_id', targetId: to.replyTo };
  return { op: 'patch', targetType: 'message_id', targetId: to.patch };
}

/**
 * Queues for delivery now. Deliberately takes no time argument: delivery runs on physical time, and the
 * office clock (which tests and trainers move) must never hold a message back.
 */
/**
 * Queues many sends at once (a job's digests): one lookup of the keys already queued, one bulk insert.
 * Patches are not accepted here (they need the supersede step of `enqueue`).
 */
export async function enqueueMany(tx: Tx | PrismaClient, items: OutboxItem[]): Promise<number> {
  const rows = items.map((item) => {
    const t = target(item.to);
    if (t.op === 'patch') throw new Error('enqueueMany does not take patches');
    return row(item, t, uuidFor(item.key ?? `m-${randomBytes(12).toString('hex')}`), new Date());
  });
  const fresh: typeof rows = [];
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const existing = await tx.outboxMessage.findMany({ where: { uuid: { in: chunk.map((r) => r.uuid) } }, select: { uuid: true } });
    for (const e of existing) seen.add(e.uuid);
    for (const r of chunk) {
      if (seen.has(r.uuid)) continue;
      seen.add(r.uuid);
      fresh.push(r);
    }
  }
  for (let i = 0; i < fresh.length; i += 500) await tx.outboxMessage.createMany({ data: fresh.slice(i, i + 500) });
  return fresh.length;
}

/** An outbox row as written (awaiting.ts writes rows that wait for another's message id). */
export function row(item: Omit<OutboxItem, 'to'>, t: { op: string; targetType: string; targetId: string }, uuid: string, now: Date) {
  return {
    uuid,
    ...t,
    kind: item.content.type,
    content: toStored(item.content),
    fallbackText: item.content.type === 'card' ? cardToText(item.content.card) : '',
    origin: item.origin ?? '',
    tracks: item.tracks ? encodeTracks(item.tracks) : '',
    nextAttemptAt: now,
    createdAt: now,
  };
}

export async function enqueue(tx: Tx | PrismaClient, item: OutboxItem): Promise<void> {
  const now = new Date();
  const t = target(item.to);
  if (t.op === 'patch' && item.content.type !== 'card') throw new Error('only cards can be patched');
  const uuid = uuidFor(item.key ?? `m-${randomBytes(12).toString('hex')}`);
  if (t.op === 'patch') {
    // Only the newest state of a card matters: an older queued patch of the same message is dropped.
    await tx.outboxMessage.updateMany({
      where: { op: 'patch', targetId: t.targetId, status: 'pending' },
      data: { status: 'superseded' },
    });
  }
  await tx.outboxMessage.upsert({ where: { uuid }, update: {}, create: row(item, t, uuid, now) });
}

/**
 * `enqueue` outside a transaction, as prepared statements (db/sql.ts): every command reply takes this
 * path, so it costs one INSERT (a patch: one UPDATE and one INSERT in a transaction) instead of Prisma's
 * compiled upsert inside an interactive transaction. Same rows, same idempotency by uuid.
 */
export async function enqueueNow(db: Sql, item: OutboxItem): Promise<void> {
  const t = target(item.to);
  if (t.op === 'patch' && item.content.type !== 'card') throw new Error('only cards can be patched');
  const r = row(item, t, uuidFor(item.key ?? `m-${randomBytes(12).toString('hex')}`), new Date());
  const insert = sql`INSERT INTO "OutboxMessage" ("id", "uuid", "op", "targetType", "targetId", "kind", "content", "fallbackText", "status", "attempts", "nextAttemptAt", "lastError", "origin", "tracks", "createdAt")
    VALUES (${newId()}, ${r.uuid}, ${r.op}, ${r.targetType}, ${r.targetId}, ${r.kind}, ${r.content}, ${r.fallbackText}, 'pending', 0, ${r.nextAttemptAt}, '', ${r.origin}, ${r.tracks}, ${r.createdAt})
    ON CONFLICT ("uuid") DO NOTHING`;
  if (t.op !== 'patch') {
    await db.run(insert);
    return;
  }
  await db.transaction(async (tx) => {
    // Only the newest state of a card matters: an older queued patch of the same message is dropped.
    await tx.run(sql`UPDATE "OutboxMessage" SET "status" = 'superseded' WHERE "op" = 'patch' AND "targetId" = ${t.targetId} AND "status" = 'pending'`);
    await tx.run(insert);
  });
}

/** Housekeeping: messages delivered (or superseded) before `before` are forgotten. */
export async function pruneDelivered(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.outboxMessage.deleteMany({ where: { status: { in: ['sent', 'superseded'] }, createdAt: { lt: before } } });
  return count;
}
