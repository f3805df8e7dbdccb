import type { PrismaClient } from '../../../db/client.js';
import type { Db, Tx } from './db.js';

/** InfoIssue rows (第N期) and their 签发 chain (InfoIssueStep, platform/workflow approvals' SignOff rows). */
export type IssueRow = Awaited<ReturnType<PrismaClient['infoIssue']['findFirstOrThrow']>>;
export type IssueData = Parameters<PrismaClient['infoIssue']['create']>[0]['data'];
export type IssueStepRow = Awaited<ReturnType<PrismaClient['infoIssueStep']['findFirstOrThrow']>>;
type IssueStepData = Omit<Parameters<PrismaClient['infoIssueStep']['create']>[0]['data'], 'issueId'>;

export const findIssue = (db: Db, id: string): Promise<IssueRow | null> => db.infoIssue.findUnique({ where: { id } });
export const findIssueByNumber = (db: Db, year: number, seq: number): Promise<IssueRow | null> =>
  db.infoIssue.findUnique({ where: { year_seq: { year, seq } } });
export const issueStepsOf = (db: Db, issueId: string): Promise<IssueStepRow[]> =>
  db.infoIssueStep.findMany({ where: { issueId }, orderBy: { position: 'asc' } });

export async function insertIssue(tx: Tx, data: IssueData, steps: readonly IssueStepData[]): Promise<IssueRow> {
  const issue = await tx.infoIssue.create({ data });
  for (const s of steps) await tx.infoIssueStep.create({ data: { ...s, issueId: issue.id } });
  return issue;
}

/** The issue changes only from the version (and, when given, the state) it was read at. */
export async function updateIssueIf(
  tx: Tx,
  issue: Pick<IssueRow, 'id' | 'version'> & Partial<Pick<IssueRow, 'state'>>,
  data: Partial<IssueData>,
): Promise<boolean> {
  const where = { id: issue.id, version: issue.version, ...(issue.state ? { state: issue.state } : {}) };
  const r = await tx.infoIssue.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}

/** A step changes only from the version and status it was read at. */
export async function updateIssueStepIf(tx: Tx, step: Pick<IssueStepRow, 'id' | 'version' | 'status'>, data: Partial<IssueStepData>): Promise<boolean> {
  const r = await tx.infoIssueStep.updateMany({
    where: { id: step.id, version: step.version, status: step.status },
    data: { ...data, version: { increment: 1 } },
  });
  return r.count === 1;
}
