import type { Db } from '../../repositories/db.js';
import type { MeetingRow } from '../../repositories/meetings.js';

/** The minutes part's reads of meetings (the writes go through the shared compare-and-sets). */

/** The meeting whose 纪要 is the review draft `draftId`, if any. */
export const meetingOfReviewDraft = (db: Db, draftId: string): Promise<MeetingRow | null> => db.meeting.findFirst({ where: { reviewDraftId: draftId } });

/** Held meetings whose 纪要 is not yet 签发 and falls due by `horizon` (the chase's candidates). */
export const minutesOutstanding = (db: Db, horizon: string): Promise<MeetingRow[]> =>
  db.meeting.findMany({
    where: { status: { in: ['held', 'minutes'] }, minutesStatus: { in: ['none', 'drafting', 'reviewing'] }, minutesDueDate: { not: '', lte: horizon } },
    orderBy: [{ minutesDueDate: 'asc' }, { id: 'asc' }],
    take: 500,
  });

/** Meetings whose 纪要 was 签发 but not yet 印发 (a sending that failed or was cut short is retried). */
export const minutesSignedNotIssued = (db: Db): Promise<MeetingRow[]> =>
  db.meeting.findMany({ where: { status: 'minutes', minutesStatus: 'signed' }, orderBy: { minutesSignedAt: 'asc' }, take: 100 });

/** Meetings whose 纪要 is 印发 and whose decisions are still being carried out. */
export const meetingsIssued = (db: Db): Promise<MeetingRow[]> =>
  db.meeting.findMany({ where: { status: 'issued' }, orderBy: { minutesIssuedAt: 'asc' }, take: 500 });

/** The standing office director(s) (办公室主任: a director grant with no unit scope), for the chase and the chain. */
export const officeDirectors = (db: Db) =>
  db.person.findMany({
    where: { active: true, roles: { some: { role: 'director', scope: '' } } },
    select: { id: true, name: true, openId: true, title: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });

/** The liaisons of a unit (any scope), who receive the 印发 file for it. */
export const unitLiaisons = (db: Db, unitId: string) =>
  db.person.findMany({
    where: { unitId, active: true, openId: { not: null }, roles: { some: { role: 'liaison' } } },
    select: { id: true, name: true, openId: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });

export const personBrief = (db: Db, id: string) => db.person.findUnique({ where: { id }, select: { id: true, name: true, openId: true } });
