import type { MeetingRow } from './meetings.js';
import type { TopicRow } from './topics.js';
import type { Db } from './db.js';

/**
 * The meetings part's reads besides the shared ones (t14-meetings): a meeting already at that time, a
 * counter's current value, the topics of a type still in the chain.
 */

/** A meeting of the type at that very time that is not cancelled: a second 确认 finds the first's. */
export const meetingAt = (db: Db, meetingTypeId: string, startsAt: Date): Promise<MeetingRow | null> =>
  db.meeting.findFirst({ where: { meetingTypeId, startsAt, status: { not: 'cancelled' } } });

/** The counter's value (0 when it was never used): the next number is this + 1. */
export async function counterValue(db: Db, name: string): Promise<number> {
  return (await db.counter.findUnique({ where: { name } }))?.value ?? 0;
}

const IN_CHAIN = ['leader_review', 'legal_review', 'awaiting_consent'];

/** Topics of the type on their way to the pool (审核中): the office sees what they wait for. */
export const topicsInChain = (db: Db, meetingTypeId: string): Promise<TopicRow[]> =>
  db.topic.findMany({ where: { meetingTypeId, status: { in: IN_CHAIN } }, orderBy: { submittedAt: 'asc' }, take: 50 });

/** Upcoming meetings (拟定 / 已发布议程) of the type after `after`, soonest first, this one excluded. */
export const upcomingOfType = (db: Db, meetingTypeId: string, after: Date, exceptId: string): Promise<MeetingRow[]> =>
  db.meeting.findMany({
    where: { meetingTypeId, status: { in: ['planned', 'published'] }, startsAt: { gt: after }, id: { not: exceptId } },
    orderBy: { startsAt: 'asc' },
    take: 5,
  });
