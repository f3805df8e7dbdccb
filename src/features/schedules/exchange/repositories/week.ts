import type { PrismaClient, Tx } from '../../../../db/client.js';

type Db = PrismaClient | Tx;

/**
 * Records the entry's calendar event, compare-and-set on the event id it had (another instance's sync
 * of the same entry, or a second event for it, loses). Does not bump `version`: the entry itself did
 * not change, and a card showing it stays current.
 */
export async function setCalendarEventId(db: Db, entryId: string, expected: string, eventId: string): Promise<boolean> {
  const r = await db.scheduleEntry.updateMany({ where: { id: entryId, calendarEventId: expected }, data: { calendarEventId: eventId } });
  return r.count === 1;
}

/** Entries that should have an event and have none yet (a sync that failed or never ran), from `from` on. */
export async function unsyncedEntryIds(db: Db, from: string, limit = 200): Promise<string[]> {
  const rows = await db.scheduleEntry.findMany({
    where: { date: { gte: from }, status: { not: 'cancelled' }, calendarEventId: '' },
    select: { id: true },
    orderBy: { date: 'asc' },
    take: limit,
  });
  return rows.map((r) => r.id);
}
