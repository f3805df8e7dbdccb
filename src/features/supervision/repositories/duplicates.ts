import type { PrismaClient, Tx } from '../../../db/client.js';

type Db = PrismaClient | Tx;

export interface DuplicateRow {
  id: string;
  number: string;
  createdAt: Date;
}

/**
 * A live item with the same content, unit and deadline created since `since` (the same item entered
 * twice): the newest, or null. Read in the creating transaction, so the check and the insert agree.
 */
export function findRecentDuplicate(db: Db, q: { content: string; unitId: string; deadline: string; since: Date }): Promise<DuplicateRow | null> {
  return db.supervisionItem.findFirst({
    where: { content: q.content, unitId: q.unitId, deadline: q.deadline, createdAt: { gte: q.since }, status: { not: 'cancelled' } },
    select: { id: true, number: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
