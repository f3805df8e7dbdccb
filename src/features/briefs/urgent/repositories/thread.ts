import type { Db } from '../../repositories/db.js';
import type { NoteRow } from '../../repositories/notes.js';

/** Reads the urgent part needs besides the shared note repository. */

export async function personNameOf(db: Db, openId: string): Promise<string> {
  if (!openId) return '';
  return (await db.person.findFirst({ where: { openId }, select: { name: true } }))?.name ?? '';
}

/** The reporter's latest urgent first report (a 续报 without a number follows it). */
export function latestUrgentOf(db: Db, reporterId: string): Promise<NoteRow | null> {
  return db.infoNote.findFirst({
    where: { reporterId, urgent: true, parentNoteId: null, state: { not: 'withdrawn' } },
    orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
  });
}

/** Urgent first reports whose clock still runs (not sent to the leaders, not withdrawn), oldest first. */
export function runningUrgent(db: Db, take = 20): Promise<NoteRow[]> {
  return db.infoNote.findMany({
    where: { urgent: true, parentNoteId: null, sentToLeadersAt: null, state: { not: 'withdrawn' } },
    orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }],
    take,
  });
}
