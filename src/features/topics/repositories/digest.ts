import type { Db } from './db.js';

const SELECT = { id: true, number: true, title: true, statusAt: true, leaderOpinion: true } as const;
const TAKE = 100;

/** Topics waiting for this leader's first-step review (论证与审核), the longest waiting first. */
export const topicsAwaitingLeader = (db: Db, leaderId: string) =>
  db.topic.findMany({ where: { status: 'leader_review', leaderId }, select: SELECT, orderBy: { statusAt: 'asc' }, take: TAKE });

/** Topics this person submitted that were returned for revision (退回修改). */
export const topicsReturnedTo = (db: Db, submitterId: string) =>
  db.topic.findMany({ where: { status: 'returned', submitterId }, select: SELECT, orderBy: { statusAt: 'asc' }, take: TAKE });
