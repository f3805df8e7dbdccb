import type { PrismaClient } from '../../../db/client.js';
import type { Db, Tx } from './db.js';

/** InfoNote rows. Every state change is a compare-and-set on `version` (and the state it was read in). */
export type NoteRow = Awaited<ReturnType<PrismaClient['infoNote']['findFirstOrThrow']>>;
export type NoteData = Parameters<PrismaClient['infoNote']['create']>[0]['data'];

export const findNote = (db: Db, id: string): Promise<NoteRow | null> => db.infoNote.findUnique({ where: { id } });
export const findNoteByNumber = (db: Db, year: number, seq: number): Promise<NoteRow | null> => db.infoNote.findUnique({ where: { year_seq: { year, seq } } });
export const findNotes = (db: Db, ids: readonly string[]): Promise<NoteRow[]> =>
  db.infoNote.findMany({ where: { id: { in: [...ids] } }, orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }] });
/** The note a message already made (Lark re-delivers; a second 报送 of the same message is not a second note). */
export const noteOfMessage = (db: Db, messageId: string): Promise<NoteRow | null> =>
  messageId ? db.infoNote.findFirst({ where: { messageId } }) : Promise.resolve(null);

/** The notes of one day (for the board and 起草 今日), withdrawn ones left out unless asked for. */
export const notesOfDay = (db: Db, date: string, options: { withWithdrawn?: boolean } = {}): Promise<NoteRow[]> =>
  db.infoNote.findMany({
    where: { date, ...(options.withWithdrawn ? {} : { state: { not: 'withdrawn' } }) },
    orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }],
  });

/** The notes of a date range, inclusive (起草 by date range), withdrawn ones left out. */
export const notesBetween = (db: Db, from: string, to: string): Promise<NoteRow[]> =>
  db.infoNote.findMany({ where: { date: { gte: from, lte: to }, state: { not: 'withdrawn' } }, orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }] });

/** A reporter's notes, newest first (修改 / 撤回 without a number pick from these). */
export const notesOfReporter = (db: Db, reporterId: string, options: { take?: number; openOnly?: boolean } = {}): Promise<NoteRow[]> =>
  db.infoNote.findMany({
    where: { reporterId, ...(options.openOnly ? { state: { in: ['reported', 'returned'] } } : {}) },
    orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
    take: options.take ?? 20,
  });

/** The notes of a unit in a month (YYYY-MM), for the monthly summary. */
export const notesOfUnitsInMonth = (db: Db, month: string): Promise<Pick<NoteRow, 'unitId' | 'date' | 'state'>[]> =>
  db.infoNote.findMany({ where: { date: { startsWith: month } }, select: { unitId: true, date: true, state: true } });

/** The 续报 of a first report, in order. */
export const followUpsOf = (db: Db, parentNoteId: string): Promise<NoteRow[]> =>
  db.infoNote.findMany({ where: { parentNoteId }, orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }] });

export const insertNote = (tx: Tx, data: NoteData): Promise<NoteRow> => tx.infoNote.create({ data });

/** The note changes only from the version (and, when given, the state) it was read at; false: someone else changed it first. */
export async function updateNoteIf(tx: Tx, note: Pick<NoteRow, 'id' | 'version'> & Partial<Pick<NoteRow, 'state'>>, data: Partial<NoteData>): Promise<boolean> {
  const where = { id: note.id, version: note.version, ...(note.state ? { state: note.state } : {}) };
  const r = await tx.infoNote.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}

/**
 * Marks notes used by an editor (起草 drafted from them): from then on their reporters can neither edit nor
 * withdraw them. Only open notes move; returns the ids that moved (a withdrawn note stays withdrawn).
 */
export async function markNotesUsed(tx: Tx, ids: readonly string[], at: Date): Promise<string[]> {
  const open = await tx.infoNote.findMany({
    where: { id: { in: [...ids] }, state: { in: ['reported', 'returned'] } },
    select: { id: true, version: true, state: true },
  });
  const moved: string[] = [];
  for (const n of open) if (await updateNoteIf(tx, n, { state: 'used', usedAt: at })) moved.push(n.id);
  return moved;
}
