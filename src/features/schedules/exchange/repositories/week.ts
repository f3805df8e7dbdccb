import type { PrismaClient, Tx } from '../../../../db/client.js';

type Db = PrismaClient | Tx;

/** An entry as the exports and the calendar sync read it. */
export interface WeekEntry {
  id: string;
  leaderId: string;
  date: string;
  dayPart: string;
  startMinute: number | null;
  endMinute: number | null;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  contact: string;
  visibility: string;
  status: string;
  backfilled: boolean;
  calendarEventId: string;
  version: number;
}

const SELECT = {
  id: true,
  leaderId: true,
  date: true,
  dayPart: true,
  startMinute: true,
  endMinute: true,
  activity: true,
  place: true,
  accompany: true,
  attendees: true,
  contact: true,
  visibility: true,
  status: true,
  backfilled: true,
  calendarEventId: true,
  version: true,
} as const;

/** Entries dated from `from` to `to` (inclusive), cancelled ones left out, optionally of some leaders. */
export function entriesBetween(db: Db, from: string, to: string, leaderIds?: readonly string[]): Promise<WeekEntry[]> {
  return db.scheduleEntry.findMany({
    where: { date: { gte: from, lte: to }, status: { not: 'cancelled' }, ...(leaderIds ? { leaderId: { in: [...leaderIds] } } : {}) },
    select: SELECT,
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }, { createdAt: 'asc' }],
  });
}

export async function entryById(db: Db, id: string): Promise<WeekEntry | undefined> {
  return (await db.scheduleEntry.findUnique({ where: { id }, select: SELECT })) ?? undefined;
}

/** Same-day entries of these leaders or at these places, for the import's conflict check. */
export function sameDayEntries(db: Db, dates: readonly string[], leaderIds: readonly string[], places: readonly string[]): Promise<WeekEntry[]> {
  return db.scheduleEntry.findMany({
    where: {
      date: { in: [...dates] },
      status: { not: 'cancelled' },
      OR: [{ leaderId: { in: [...leaderIds] } }, ...(places.length ? [{ place: { in: [...places] } }] : [])],
    },
    select: SELECT,
  });
}

/**
 * Records the entry's calendar event, compare-and-set on the event id it had (another instance's sync
 * of the same entry, or a second event for it, loses). Does not bump `version`: the entry did not change.
 */
export async function setCalendarEventId(db: Db, entryId: string, expected: string, eventId: string): Promise<boolean> {
  const r = await db.scheduleEntry.updateMany({ where: { id: entryId, calendarEventId: expected }, data: { calendarEventId: eventId } });
  return r.count === 1;
}
