import type { PrismaClient, Tx } from '../../../db/client.js';

type Db = PrismaClient | Tx;

/** An item another feature's act created (a meeting's 议定事项), found by what it was created from. */
export function findItemFromSource(db: Db, q: { sourceType: string; sourceRef: string; content: string; unitId: string }) {
  return db.supervisionItem.findFirst({
    where: { sourceType: q.sourceType, sourceRef: q.sourceRef, content: q.content, unitId: q.unitId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** Items' states, for a source's 落实情况 (chunked: SQLite binds at most 999 values a statement). */
export async function itemStates(db: Db, ids: readonly string[]) {
  const out: { id: string; number: string; status: string; deadline: string; closedAt: Date | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db.supervisionItem.findMany({
        where: { id: { in: ids.slice(i, i + 500) } },
        select: { id: true, number: true, status: true, deadline: true, closedAt: true },
      })),
    );
  }
  return out;
}
