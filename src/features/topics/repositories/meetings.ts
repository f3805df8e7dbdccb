import type { TimelineEntry } from '../../../platform/objects.js';
import type { MeetingStatus } from '../machine.js';
import type { Db, PrismaClient, Tx } from './db.js';

/** Meeting rows and their timeline. Every state change is a compare-and-set on `version` (and `status`). */
export type MeetingRow = Awaited<ReturnType<PrismaClient['meeting']['findFirstOrThrow']>>;
export type MeetingEventRow = Awaited<ReturnType<PrismaClient['meetingEvent']['findFirstOrThrow']>>;
export type MeetingData = Parameters<PrismaClient['meeting']['create']>[0]['data'];

export const findMeeting = (db: Db, id: string): Promise<MeetingRow | null> => db.meeting.findUnique({ where: { id } });

export const findMeetingByNumber = (db: Db, meetingTypeId: string, year: number, seq: number): Promise<MeetingRow | null> =>
  db.meeting.findUnique({ where: { meetingTypeId_year_seq: { meetingTypeId, year, seq } } });

export const insertMeeting = (tx: Tx, data: MeetingData): Promise<MeetingRow> => tx.meeting.create({ data });

export async function updateMeetingIf(
  tx: Tx,
  meeting: Pick<MeetingRow, 'id' | 'version'> & Partial<Pick<MeetingRow, 'status'>>,
  data: Partial<MeetingData>,
): Promise<boolean> {
  const where = { id: meeting.id, version: meeting.version, ...(meeting.status ? { status: meeting.status } : {}) };
  const r = await tx.meeting.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}

const UPCOMING: MeetingStatus[] = ['planned', 'published'];

/** The next meeting of a type not yet held (拟定 / 已发布议程) starting after `after`: what a new topic is for. */
export const nextMeetingOfType = (db: Db, meetingTypeId: string, after: Date): Promise<MeetingRow | null> =>
  db.meeting.findFirst({ where: { meetingTypeId, status: { in: UPCOMING }, startsAt: { gt: after } }, orderBy: { startsAt: 'asc' } });

export interface MeetingFilter {
  statuses?: readonly MeetingStatus[];
  meetingTypeId?: string;
  from?: Date;
  to?: Date;
  take?: number;
}

export const listMeetings = (db: Db, f: MeetingFilter = {}): Promise<MeetingRow[]> =>
  db.meeting.findMany({
    where: {
      ...(f.statuses ? { status: { in: [...f.statuses] } } : {}),
      ...(f.meetingTypeId ? { meetingTypeId: f.meetingTypeId } : {}),
      ...(f.from || f.to ? { startsAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    },
    orderBy: { startsAt: 'desc' },
    take: f.take ?? 100,
  });

export const meetingEvents = (db: Db, meetingId: string): Promise<MeetingEventRow[]> =>
  db.meetingEvent.findMany({ where: { meetingId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

export async function writeMeetingTimeline(tx: Tx, entries: TimelineEntry[]): Promise<void> {
  await tx.meetingEvent.createMany({
    data: entries.map((e) => ({
      meetingId: e.objectId,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      text: e.text ?? '',
      data: e.data === undefined ? '' : JSON.stringify(e.data),
    })),
  });
}
