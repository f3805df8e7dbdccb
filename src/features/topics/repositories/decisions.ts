import type { Db, PrismaClient, Tx } from './db.js';

/** 议定事项 rows (MeetingDecision). Every change is a compare-and-set on `version`. */
export type DecisionRow = Awaited<ReturnType<PrismaClient['meetingDecision']['findFirstOrThrow']>>;
export type DecisionData = Parameters<PrismaClient['meetingDecision']['create']>[0]['data'];

export const decisionsOfMeeting = (db: Db, meetingId: string): Promise<DecisionRow[]> =>
  db.meetingDecision.findMany({ where: { meetingId }, orderBy: [{ topicId: 'asc' }, { position: 'asc' }] });

export const decisionsOfTopic = (db: Db, topicId: string): Promise<DecisionRow[]> =>
  db.meetingDecision.findMany({ where: { topicId }, orderBy: { position: 'asc' } });

export const findDecision = (db: Db, id: string): Promise<DecisionRow | null> => db.meetingDecision.findUnique({ where: { id } });

export const decisionOfSupervisionItem = (db: Db, supervisionItemId: string): Promise<DecisionRow | null> =>
  db.meetingDecision.findUnique({ where: { supervisionItemId } });

export const insertDecision = (tx: Tx, data: DecisionData): Promise<DecisionRow> => tx.meetingDecision.create({ data });

export async function updateDecisionIf(tx: Tx, row: Pick<DecisionRow, 'id' | 'version'>, data: Partial<DecisionData>): Promise<boolean> {
  const r = await tx.meetingDecision.updateMany({ where: { id: row.id, version: row.version }, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}

export async function deleteDecisionIf(tx: Tx, row: Pick<DecisionRow, 'id' | 'version'>): Promise<boolean> {
  const r = await tx.meetingDecision.deleteMany({ where: { id: row.id, version: row.version, supervisionItemId: null } });
  return r.count === 1;
}
