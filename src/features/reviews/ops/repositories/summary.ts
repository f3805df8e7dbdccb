import { asDate, sql, type SqlRunner } from '../../../../db/sql.js';

/** A level's decision (通过 / 退回) in a period, with its draft's urgency, for the monthly summary. */
export interface DecidedStep {
  label: string;
  personName: string;
  openId: string;
  urgency: string;
  reachedAt: Date;
  decidedAt: Date;
}

/**
 * A voided sign-off waiting to be re-confirmed has reachedAt = the voiding (after its old decidedAt): it is
 * left out until it is decided again, rather than counted with a negative dwell.
 */
export async function decidedSteps(db: SqlRunner, from: Date, to: Date): Promise<DecidedStep[]> {
  const rows = await db.all<Record<string, unknown>>(sql`SELECT s."label", s."personName", s."openId", s."reachedAt", s."decidedAt", d."urgency"
    FROM "ReviewStep" s JOIN "ReviewDraft" d ON d."id" = s."draftId"
    WHERE s."decidedAt" >= ${from} AND s."decidedAt" < ${to} AND s."reachedAt" IS NOT NULL AND s."reachedAt" <= s."decidedAt"
      AND s."status" IN ('approved', 'returned', 'voided')
    ORDER BY s."decidedAt"`);
  return rows.map((r) => ({
    label: String(r.label),
    personName: String(r.personName),
    openId: String(r.openId),
    urgency: String(r.urgency),
    reachedAt: asDate(r.reachedAt),
    decidedAt: asDate(r.decidedAt),
  }));
}

/** Drafts submitted in a period, by kind. */
export async function submittedByKind(db: SqlRunner, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db.all<{ kind: string; n: unknown }>(
    sql`SELECT "kind", COUNT(*) AS "n" FROM "ReviewDraft" WHERE "submittedAt" >= ${from} AND "submittedAt" < ${to} GROUP BY "kind"`,
  );
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}
