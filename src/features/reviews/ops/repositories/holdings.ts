import { asDate, asInt, join, list, sql, type Query, type SqlRunner } from '../../../../db/sql.js';

/**
 * Who holds which draft: the levels currently holding an open draft (ReviewStep.status = current) and the
 * levels whose sign-off was voided and who must re-confirm (status = voided: the draft is on their desk
 * again, though not as its current holder), each with its draft, in one join over the (status, reachedAt) index. Ordered by reachedAt: the earliest
 * arrival has the longest dwell in working time too (working minutes to now shrink as the start moves
 * later), so the order is "longest first" without computing a dwell per row in SQL.
 */
export interface Holding {
  stepId: string;
  stepVersion: number;
  /** `current` (the holder) or `voided` (a pending re-confirmation; reachedAt is when it was voided). */
  status: 'current' | 'voided';
  draftId: string;
  position: number;
  role: string;
  label: string;
  personId: string;
  openId: string;
  personName: string;
  reachedAt: Date;
  remindedRank: number;
  number: string;
  title: string;
  kind: string;
  urgency: string;
  unitId: string;
  drafterOpenId: string;
  submittedAt: Date;
}

export interface HoldingFilter {
  /** Held by this person. */
  holderOpenId?: string;
  /** Drafted by this person. */
  drafterOpenId?: string;
  /** Drafted for one of these units. */
  unitIds?: readonly string[];
  kind?: string;
  urgency?: string;
  /** Arrived at or before this instant (a lower bound on the dwell, for the reminder candidates). */
  reachedBy?: Date;
  /** Reminder rank already sent is below this. */
  rankBelow?: number;
}

const SELECT = sql`SELECT s."id" AS "stepId", s."version" AS "stepVersion", s."status" AS "stepStatus", s."draftId", s."position", s."role", s."label",
  s."personId", s."openId", s."personName", s."reachedAt", s."remindedRank",
  d."number", d."title", d."kind", d."urgency", d."unitId", d."drafterOpenId", d."submittedAt"
  FROM "ReviewStep" s JOIN "ReviewDraft" d ON d."id" = s."draftId"`;

export async function holdings(db: SqlRunner, f: HoldingFilter = {}): Promise<Holding[]> {
  const where: Query[] = [sql`s."status" IN ('current', 'voided')`, sql`s."reachedAt" IS NOT NULL`, sql`d."status" = 'reviewing'`];
  if (f.reachedBy) where.push(sql`s."reachedAt" <= ${f.reachedBy}`);
  if (f.rankBelow !== undefined) where.push(sql`s."remindedRank" < ${f.rankBelow}`);
  if (f.holderOpenId) where.push(sql`s."openId" = ${f.holderOpenId}`);
  if (f.drafterOpenId) where.push(sql`d."drafterOpenId" = ${f.drafterOpenId}`);
  if (f.kind) where.push(sql`d."kind" = ${f.kind}`);
  if (f.urgency) where.push(sql`d."urgency" = ${f.urgency}`);
  if (f.unitIds) {
    if (!f.unitIds.length) return [];
    where.push(sql`d."unitId" IN ${list(f.unitIds)}`);
  }
  const rows = await db.all<Record<string, unknown>>(join([SELECT, sql`WHERE`, join(where, ' AND '), sql`ORDER BY s."reachedAt", s."id"`], ' '));
  return rows.map(toHolding);
}

function toHolding(r: Record<string, unknown>): Holding {
  return {
    stepId: String(r.stepId),
    stepVersion: asInt(r.stepVersion),
    status: r.stepStatus === 'voided' ? 'voided' : 'current',
    draftId: String(r.draftId),
    position: asInt(r.position),
    role: String(r.role),
    label: String(r.label),
    personId: String(r.personId),
    openId: String(r.openId),
    personName: String(r.personName),
    reachedAt: asDate(r.reachedAt),
    remindedRank: asInt(r.remindedRank),
    number: String(r.number),
    title: String(r.title),
    kind: String(r.kind),
    urgency: String(r.urgency),
    unitId: String(r.unitId),
    drafterOpenId: String(r.drafterOpenId),
    submittedAt: asDate(r.submittedAt),
  };
}

/** Drafts sent by a person that nobody holds now (returned to them, or just approved), newest first. */
export interface SentDraft {
  id: string;
  number: string;
  title: string;
  kind: string;
  urgency: string;
  status: string;
  statusAt: Date;
  unitId: string;
}

export async function draftsSentBy(db: SqlRunner, drafterOpenId: string, statuses: readonly string[], limit: number): Promise<SentDraft[]> {
  if (!statuses.length) return [];
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT "id", "number", "title", "kind", "urgency", "status", "statusAt", "unitId" FROM "ReviewDraft"
      WHERE "drafterOpenId" = ${drafterOpenId} AND "status" IN ${list(statuses)} ORDER BY "statusAt" DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    number: String(r.number),
    title: String(r.title),
    kind: String(r.kind),
    urgency: String(r.urgency),
    status: String(r.status),
    statusAt: asDate(r.statusAt),
    unitId: String(r.unitId),
  }));
}

/** Unit names by id (for lines and group headings). */
export async function unitNames(db: SqlRunner, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.all<{ id: string; name: string }>(sql`SELECT "id", "name" FROM "Unit" WHERE "id" IN ${list(chunk)}`);
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}
