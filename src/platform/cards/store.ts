import type { PrismaClient, Tx } from '../../db/client.js';

/** The tracked-cards piece's Prisma access: card references and the outbox rows that carry its cards. */
export type Db = PrismaClient | Tx;

export interface CardRefRow {
  objectType: string;
  objectId: string;
  messageId: string;
  chatId: string;
  view: string;
  createdAt: Date;
}

const REF = { objectType: true, objectId: true, messageId: true, chatId: true, view: true, createdAt: true } as const;

export function refsOf(db: Db, objectType: string, objectId: string): Promise<CardRefRow[]> {
  return db.cardRef.findMany({ where: { objectType, objectId }, select: REF, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** The card a message is (a reply to it names the message), or null when the bot tracks no card there. */
export function refOfMessage(db: Db, messageId: string): Promise<CardRefRow | null> {
  return db.cardRef.findUnique({ where: { messageId }, select: REF });
}

/** The objects (of the ids given) that some card shows, in one query. */
export async function objectsWithCards(db: Db, objectType: string, objectIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < objectIds.length; i += 500) {
    const rows = await db.cardRef.findMany({
      where: { objectType, objectId: { in: objectIds.slice(i, i + 500) } },
      select: { objectId: true },
      distinct: ['objectId'],
    });
    for (const r of rows) found.add(r.objectId);
  }
  return found;
}

/** The objects with a card posted before `before` (approaching Lark's 14-day limit on updates). */
export async function objectsWithCardsBefore(db: Db, objectType: string, before: Date): Promise<string[]> {
  const rows = await db.cardRef.findMany({
    where: { objectType, createdAt: { lt: before } },
    select: { objectId: true },
    distinct: ['objectId'],
    orderBy: { objectId: 'asc' },
  });
  return rows.map((r) => r.objectId);
}

export function refInChat(db: Db, objectType: string, objectId: string, view: string, chatId: string): Promise<CardRefRow | null> {
  return db.cardRef.findFirst({ where: { objectType, objectId, view, chatId }, select: REF });
}

/** Records that `messageId` shows the object (a card answered in place, e.g. a form that became the object's card). */
export async function recordRef(db: Db, ref: Omit<CardRefRow, 'createdAt'>, at = new Date()): Promise<void> {
  await db.cardRef.upsert({ where: { messageId: ref.messageId }, update: { view: ref.view }, create: { ...ref, createdAt: at } });
}

export function outboxRow(db: Db, uuid: string) {
  return db.outboxMessage.findUnique({ where: { uuid }, select: { status: true, messageId: true, kind: true, lockedBy: true, attempts: true } });
}

/** A queued card not sent yet takes the newest state (compare-and-set on `pending`: a row sent meanwhile is left alone). */
export async function updatePendingCard(db: Db, uuid: string, content: string, fallbackText: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({ where: { uuid, status: 'pending' }, data: { content, fallbackText } });
  return count === 1;
}

/** Patches of a message still queued are dropped (it is being re-posted with the newest state). */
export async function supersedePatches(db: Db, messageId: string): Promise<void> {
  await db.outboxMessage.updateMany({ where: { op: 'patch', targetId: messageId, status: 'pending' }, data: { status: 'superseded' } });
}

/**
 * Holds the card reference's row (a write that changes nothing) until the transaction ends: two refreshers
 * re-posting the same old card take turns, and the second finds the first's re-post queued. False when the
 * reference has moved meanwhile (the re-post was sent).
 */
export async function holdRef(db: Db, messageId: string): Promise<boolean> {
  const { count } = await db.cardRef.updateMany({ where: { messageId }, data: { messageId } });
  return count === 1;
}
