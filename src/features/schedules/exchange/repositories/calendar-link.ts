import type { PrismaClient } from '../../../../db/client.js';

const ID = 'shared';

export interface CalendarLink {
  calendarId: string;
  granted: Set<string>;
  claimedAt: Date;
}

export async function readCalendarLink(db: PrismaClient): Promise<CalendarLink | undefined> {
  const row = await db.scheduleCalendar.findUnique({ where: { id: ID } });
  return row ? { calendarId: row.calendarId, granted: new Set(row.granted.split('\n').filter(Boolean)), claimedAt: row.claimedAt } : undefined;
}

/** The one row, inserted by whoever comes first: true for the instance that is to create the calendar. */
export async function claimCalendarLink(db: PrismaClient, at: Date): Promise<boolean> {
  try {
    await db.scheduleCalendar.create({ data: { id: ID, claimedAt: at } });
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return false;
    throw err;
  }
}

/** Takes over a claim that never produced a calendar (the claimer died before Lark answered). */
export async function reclaimStaleLink(db: PrismaClient, staleBefore: Date, at: Date): Promise<boolean> {
  const r = await db.scheduleCalendar.updateMany({ where: { id: ID, calendarId: '', claimedAt: { lt: staleBefore } }, data: { claimedAt: at } });
  return r.count === 1;
}

export async function saveCalendarId(db: PrismaClient, calendarId: string): Promise<void> {
  await db.scheduleCalendar.update({ where: { id: ID }, data: { calendarId } });
}

/** Adds `<role>:<open_id>` lines to what was granted (read-modify-write on the one row; a lost race re-grants, which Lark accepts). */
export async function addGranted(db: PrismaClient, keys: readonly string[]): Promise<void> {
  const row = await db.scheduleCalendar.findUnique({ where: { id: ID } });
  if (!row) return;
  const all = new Set([...row.granted.split('\n').filter(Boolean), ...keys]);
  await db.scheduleCalendar.update({ where: { id: ID }, data: { granted: [...all].join('\n') } });
}
