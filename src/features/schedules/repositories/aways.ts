import type { Tx } from '../../../db/client.js';
import type { Db } from './entries.js';

export interface Away {
  id: string;
  leaderId: string;
  startDate: string;
  endDate: string;
  destination: string;
  reason: string;
  version: number;
}

const pick = (r: Away & Record<string, unknown>): Away => ({
  id: r.id,
  leaderId: r.leaderId,
  startDate: r.startDate,
  endDate: r.endDate,
  destination: r.destination,
  reason: r.reason,
  version: r.version,
});

export async function insertAway(tx: Tx, a: Omit<Away, 'id' | 'version'> & { createdBy: string }): Promise<Away> {
  return pick(await tx.scheduleAway.create({ data: a }));
}

/** 外出 records (not withdrawn) overlapping `from`…`to`, of some leaders or all. */
export async function awaysBetween(db: Db, from: string, to: string, leaderIds?: readonly string[]): Promise<Away[]> {
  const rows = await db.scheduleAway.findMany({
    where: { cancelledAt: null, startDate: { lte: to }, endDate: { gte: from }, ...(leaderIds ? { leaderId: { in: [...leaderIds] } } : {}) },
    orderBy: { startDate: 'asc' },
  });
  return rows.map(pick);
}

export async function findAway(db: Db, id: string): Promise<Away | null> {
  const r = await db.scheduleAway.findFirst({ where: { id, cancelledAt: null } });
  return r && pick(r);
}

/** Withdraws a 外出 record, only at the version it was read at. */
export async function cancelAwayIf(tx: Tx, read: { id: string; version: number }, at: Date): Promise<boolean> {
  const { count } = await tx.scheduleAway.updateMany({
    where: { id: read.id, version: read.version, cancelledAt: null },
    data: { cancelledAt: at, version: { increment: 1 } },
  });
  return count === 1;
}
