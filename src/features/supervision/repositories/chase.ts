import type { PrismaClient, Tx } from '../../../db/client.js';
import type { IsoDate } from '../../../platform/time.js';

type Db = PrismaClient | Tx;

/**
 * The scheduled jobs' reads and the chase's one write. For the chase: The ids first, in one query over the (status, deadline)
 * index; then the rows a page at a time by primary key (see jobs/chase.ts for why).
 */
export async function chasedItemIds(db: Db, statuses: readonly string[], horizon: IsoDate): Promise<string[]> {
  const rows = await db.supervisionItem.findMany({
    where: { status: { in: [...statuses] }, OR: [{ deadline: { lte: horizon } }, { status: 'pending_ack' }, { progressCycle: { not: 'none' } }] },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((i) => i.id);
}

export function chasedItemsById(db: Db, ids: readonly string[]) {
  return db.supervisionItem.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      version: true,
      number: true,
      content: true,
      deadline: true,
      status: true,
      unitId: true,
      personId: true,
      leaderId: true,
      chaseStep: true,
      progressCycle: true,
      lastProgressAt: true,
      createdAt: true,
    },
    orderBy: { id: 'asc' },
  });
}

/** Moves each item to `rank` on the version it was read at (compare-and-set); the ids that moved. */
export async function advanceChaseStep(tx: Tx, reads: readonly { id: string; version: number }[], rank: number): Promise<string[]> {
  const won = await tx.supervisionItem.updateManyAndReturn({
    where: { OR: reads.map((r) => ({ id: r.id, version: r.version })), chaseStep: { lt: rank } },
    data: { chaseStep: rank, version: { increment: 1 } },
    select: { id: true },
  });
  return won.map((w) => w.id);
}

export function peopleById(db: Db, ids: readonly string[]) {
  return db.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, openId: true, title: true } });
}

export function unitNamesById(db: Db, ids: readonly string[]) {
  return db.unit.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
}

/** The supervision liaisons (active) of the units. */
export function liaisonsOfUnits(db: Db, unitIds: readonly string[]) {
  return db.person.findMany({
    where: { unitId: { in: [...unitIds] }, active: true, roles: { some: { role: 'liaison', scope: 'supervision' } } },
    select: { unitId: true, name: true, openId: true },
  });
}

/** Closed items whose 回访 falls due by `today` and has not been sent (a batch; the next run takes the rest). */
export function followUpsDue(db: Db, today: IsoDate) {
  return db.supervisionItem.findMany({ where: { status: 'closed', followUpDone: false, followUpSentAt: null, followUpDate: { lte: today } }, take: 500 });
}

/** 承诺办理（B类）建议提案, for October's 回头看. */
export function promisedProposals(db: Db) {
  return db.supervisionItem.findMany({ where: { sourceType: 'proposal', promised: true }, orderBy: { seq: 'asc' }, take: 200 });
}
