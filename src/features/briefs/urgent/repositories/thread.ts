import type { Db } from '../../repositories/db.js';
import { eventsOf } from '../../repositories/events.js';
import type { NoteRow } from '../../repositories/notes.js';
import { NOTE_TYPE } from '../../object-type.js';

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

/** The kind of the timeline event a reply's text is kept in; the thread's elements are read over them too. */
export const URGENT_REPLY = 'urgent_reply';

/** What was added to a matter by replying to its cards, in order. */
export async function repliesOf(db: Db, rootId: string): Promise<{ at: Date; byName: string; text: string }[]> {
  return (await eventsOf(db, NOTE_TYPE, rootId))
    .filter((e) => e.kind === URGENT_REPLY)
    .map((e) => {
      const d = JSON.parse(e.data || '{}') as { text?: string; byName?: string };
      return { at: e.at, byName: d.byName ?? '', text: d.text ?? e.text };
    });
}
