import type { PrismaClient, Tx } from '../../../db/client.js';
import type { Entry, EntryFields } from '../domain/entry.js';
import { recordAudit } from '../../../platform/audit.js';

/** The 日程 feature's Prisma access to entries and their history. */
export type Db = PrismaClient | Tx;
type Row = Awaited<ReturnType<PrismaClient['scheduleEntry']['findFirstOrThrow']>>;

export function toEntry(r: Row): Entry {
  return {
    id: r.id,
    version: r.version,
    createdBy: r.createdBy,
    calendarEventId: r.calendarEventId,
    leaderId: r.leaderId,
    date: r.date,
    dayPart: r.dayPart as Entry['dayPart'],
    startMinute: r.startMinute,
    endMinute: r.endMinute,
    activity: r.activity,
    place: r.place,
    accompany: r.accompany,
    attendees: r.attendees,
    contact: r.contact,
    visibility: r.visibility as Entry['visibility'],
    status: r.status as Entry['status'],
    source: r.source as Entry['source'],
    backfilled: r.backfilled,
    remindMinutes: r.remindMinutes,
  };
}

export async function findEntry(db: Db, id: string): Promise<Entry | null> {
  const r = await db.scheduleEntry.findUnique({ where: { id } });
  return r && toEntry(r);
}

/** A day's entries (cancelled ones included: callers decide), of some leaders or all. */
export async function entriesOfDay(db: Db, date: string, leaderIds?: readonly string[]): Promise<Entry[]> {
  const rows = await db.scheduleEntry.findMany({
    where: { date, ...(leaderIds ? { leaderId: { in: [...leaderIds] } } : {}) },
    orderBy: [{ startMinute: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(toEntry);
}

/** Entries from `from` to `to` (ISO dates, both included), of one leader or all. */
export async function entriesBetween(db: Db, from: string, to: string, leaderId?: string): Promise<Entry[]> {
  const rows = await db.scheduleEntry.findMany({
    where: { date: { gte: from, lte: to }, ...(leaderId ? { leaderId } : {}) },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(toEntry);
}

export async function insertEntry(tx: Tx, fields: EntryFields, createdBy: string): Promise<Entry> {
  return toEntry(await tx.scheduleEntry.create({ data: { ...fields, createdBy } }));
}

/**
 * The one write to an existing entry: a compare-and-set on the version it was read at, bumping it. Null
 * when someone else changed it first (the caller answers with the entry as it now is).
 */
export async function updateEntryIf(
  tx: Tx,
  read: { id: string; version: number },
  data: Partial<EntryFields> & { calendarEventId?: string },
): Promise<Entry | null> {
  const { count } = await tx.scheduleEntry.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) return null;
  return toEntry(await tx.scheduleEntry.findUniqueOrThrow({ where: { id: read.id } }));
}

export interface ChangeRow {
  entryId: string;
  at: Date;
  actor: string;
  kind: string;
  before: string;
  after: string;
}

/** An entry's change, in its history and (the same facts) in the office's audit trail. */
export async function insertChange(tx: Tx, change: ChangeRow): Promise<void> {
  await tx.scheduleChange.create({ data: change });
  await auditChange(tx, change);
}

const parsed = (json: string): unknown => {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
};

/** The audit entry of one ScheduleChange (objectType schedule_entry; the registry's words for its kinds). */
export function auditChange(tx: Tx, c: ChangeRow): Promise<void> {
  return recordAudit(tx, {
    actor: c.actor,
    objectType: 'schedule_entry',
    objectId: c.entryId,
    action: c.kind,
    before: parsed(c.before),
    after: parsed(c.after),
    at: c.at,
  });
}

export function changesOf(db: Db, entryId: string) {
  return db.scheduleChange.findMany({ where: { entryId }, orderBy: { at: 'asc' } });
}

/** Empties the entries' tables, children first (demo:reset). The broadcast side clears its own. */
export async function clearEntryTables(tx: Tx): Promise<void> {
  await tx.scheduleChange.deleteMany();
  await tx.scheduleProposal.deleteMany();
  await tx.scheduleEntry.deleteMany();
  await tx.scheduleAway.deleteMany();
}
