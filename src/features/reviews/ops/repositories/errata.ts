import type { PrismaClient, Tx } from '../../../../db/client.js';
import { recordAudit } from '../../../../platform/audit.js';

type Db = PrismaClient | Tx;

export interface ErratumRow {
  id: string;
  docNumber: string;
  draftId: string | null;
  description: string;
  level: string;
  personName: string;
  recordedBy: string;
  recordedAt: Date;
}

export const ERRATUM_OBJECT_TYPE = 'review_erratum';

/** Records an error found in an issued document, with its audit entry, in one transaction. */
export async function recordErratum(db: PrismaClient, e: Omit<ErratumRow, 'id'>, actor: string): Promise<ErratumRow> {
  return db.$transaction(async (tx) => {
    const row = await tx.reviewErratum.create({ data: e });
    await recordAudit(tx, { actor, objectType: ERRATUM_OBJECT_TYPE, objectId: row.docNumber, action: 'record', after: e, at: e.recordedAt });
    return row;
  });
}

/** The errata recorded in [from, to), oldest first (over the recordedAt index). */
export function errataBetween(db: Db, from: Date, to: Date): Promise<ErratumRow[]> {
  return db.reviewErratum.findMany({ where: { recordedAt: { gte: from, lt: to } }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] });
}

/** A draft by its number (审〔2026〕37号), to link an erratum to the review it went through. */
export function draftByNumber(db: Db, number: string) {
  return db.reviewDraft.findUnique({ where: { number }, select: { id: true, number: true, title: true } });
}

/** Who signed a level of a draft (the last approval at a level with that name). */
export async function signerOfLevel(db: Db, draftId: string, label: string): Promise<string | undefined> {
  const step = await db.reviewStep.findFirst({
    where: { draftId, label, status: 'approved' },
    orderBy: { decidedAt: 'desc' },
    select: { personName: true },
  });
  return step?.personName;
}
