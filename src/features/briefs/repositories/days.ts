import type { PrismaClient } from '../../../db/client.js';
import type { Db, Tx } from './db.js';

/** InfoDayStatus rows: one unit's standing on one working day (the unique (unitId, date) is the claim). */
export type DayRow = Awaited<ReturnType<PrismaClient['infoDayStatus']['findFirstOrThrow']>>;
type DayData = Parameters<PrismaClient['infoDayStatus']['create']>[0]['data'];

export const dayOf = (db: Db, unitId: string, date: string): Promise<DayRow | null> =>
  db.infoDayStatus.findUnique({ where: { unitId_date: { unitId, date } } });

export const daysOf = (db: Db, date: string): Promise<DayRow[]> => db.infoDayStatus.findMany({ where: { date } });

/** A month's rows (YYYY-MM), for the monthly summary and the scores. */
export const daysOfMonth = (db: Db, month: string): Promise<DayRow[]> => db.infoDayStatus.findMany({ where: { date: { startsWith: month } } });

/**
 * The unit's row for the day, created (未报送) when missing: the row every later write compares against.
 * The update (a no-op) makes it one INSERT … ON CONFLICT DO UPDATE, so two claims at once never both insert
 * (an empty update is a read then an insert in Prisma, and the second insert fails on PostgreSQL).
 */
export async function claimDay(tx: Tx, unitId: string, date: string): Promise<DayRow> {
  return tx.infoDayStatus.upsert({ where: { unitId_date: { unitId, date } }, create: { unitId, date }, update: { version: { increment: 0 } } });
}

/** The row changes only from the version it was read at; false: someone else changed it first. */
export async function updateDayIf(tx: Tx, day: Pick<DayRow, 'id' | 'version'>, data: Partial<DayData>): Promise<boolean> {
  const r = await tx.infoDayStatus.updateMany({ where: { id: day.id, version: day.version }, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}
