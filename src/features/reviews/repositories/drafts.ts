import type { PrismaClient } from '../../../db/client.js';
import type { TimelineEntry } from '../../../platform/objects.js';
import type { Db, Tx } from './db.js';

/** The reviews feature's draft, step and timeline rows. Every state change is a compare-and-set on `version`. */
export type DraftRow = Awaited<ReturnType<PrismaClient['reviewDraft']['findFirstOrThrow']>>;
export type StepRow = Awaited<ReturnType<PrismaClient['reviewStep']['findFirstOrThrow']>>;
export type EventRow = Awaited<ReturnType<PrismaClient['reviewEvent']['findFirstOrThrow']>>;

type DraftData = Parameters<PrismaClient['reviewDraft']['create']>[0]['data'];
type StepData = Omit<Parameters<PrismaClient['reviewStep']['create']>[0]['data'], 'draftId'>;

export const findDraft = (db: Db, id: string): Promise<DraftRow | null> => db.reviewDraft.findUnique({ where: { id } });
export const findDraftByNumber = (db: Db, year: number, seq: number): Promise<DraftRow | null> =>
  db.reviewDraft.findUnique({ where: { year_seq: { year, seq } } });
/** The drafter's file drafts back with them for 修改 (a file sent in their DM may be the revised one). */
export const returnedFileDrafts = (db: Db, drafterId: string): Promise<DraftRow[]> =>
  db.reviewDraft.findMany({ where: { drafterId, sourceType: 'file', status: 'returned' }, orderBy: { statusAt: 'desc' }, take: 5 });

export const findStep = (db: Db, id: string): Promise<StepRow | null> => db.reviewStep.findUnique({ where: { id } });

export const stepsOf = (db: Db, draftId: string): Promise<StepRow[]> => db.reviewStep.findMany({ where: { draftId }, orderBy: { position: 'asc' } });

/**
 * The voidings and the edits after 审核完成 only: what a card needs of the timeline (sign-offs carry text
 * snapshots, not read for cards).
 */
export const voidingsOf = (db: Db, draftId: string): Promise<EventRow[]> =>
  db.reviewEvent.findMany({ where: { draftId, kind: { in: ['voided', EDITED_AFTER_CLOSE] } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

/** The timeline kind of an edit to the document of an approved draft (recorded, the chain stays closed). */
export const EDITED_AFTER_CLOSE = 'edited_after_close';

/** The revisions already recorded as edited after 审核完成 (each is recorded once). */
export async function revisionsEditedAfterClose(db: Db, draftId: string): Promise<number[]> {
  const rows = await db.reviewEvent.findMany({ where: { draftId, kind: EDITED_AFTER_CLOSE }, select: { data: true } });
  return rows.map((e) => Number(parseData(e.data).revision));
}

export const eventsOf = (db: Db, draftId: string): Promise<EventRow[]> =>
  db.reviewEvent.findMany({ where: { draftId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

/** Drafts an edit to the document concerns (drive.file.edit_v1 names the file, not the draft): the open ones, and approved ones (an edit after 审核完成 is recorded). */
export const draftsOnDocument = (db: Db, docToken: string): Promise<DraftRow[]> =>
  db.reviewDraft.findMany({ where: { docToken, status: { in: ['reviewing', 'returned', 'approved'] } } });

export async function insertDraft(tx: Tx, data: DraftData, steps: readonly StepData[]): Promise<DraftRow> {
  const draft = await tx.reviewDraft.create({ data });
  for (const s of steps) await tx.reviewStep.create({ data: { ...s, draftId: draft.id } });
  return draft;
}

export async function insertStep(tx: Tx, draftId: string, s: StepData): Promise<StepRow> {
  return tx.reviewStep.create({ data: { ...s, draftId } });
}

/**
 * The draft changes only from the version (and, when given, the status) it was read at; false: someone
 * else changed it first. The status in the condition is belt and braces: a write meant for an open draft
 * never lands on a closed one even if a caller re-read the row in between.
 */
export async function updateDraftIf(
  tx: Tx,
  draft: Pick<DraftRow, 'id' | 'version'> & Partial<Pick<DraftRow, 'status'>>,
  data: Partial<DraftData>,
): Promise<boolean> {
  const where = { id: draft.id, version: draft.version, ...(draft.status ? { status: draft.status } : {}) };
  const r = await tx.reviewDraft.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}

/** A step changes only from the version (and status) it was read at. */
export async function updateStepIf(tx: Tx, step: Pick<StepRow, 'id' | 'version' | 'status'>, data: Partial<StepData>): Promise<boolean> {
  const r = await tx.reviewStep.updateMany({
    where: { id: step.id, version: step.version, status: step.status },
    data: { ...data, version: { increment: 1 } },
  });
  return r.count === 1;
}

export const readDraft = (db: Db, id: string): Promise<DraftRow> => db.reviewDraft.findUniqueOrThrow({ where: { id } });

/** The text a reviewer signed on (stored with their sign-off event), for the diff on a re-confirm card. */
export async function signedText(db: Db, draftId: string, stepId: string): Promise<string | undefined> {
  const events = await db.reviewEvent.findMany({ where: { draftId, kind: { in: ['approve', 'reconfirm'] } }, orderBy: { at: 'desc' } });
  for (const e of events) {
    const data = parseData(e.data);
    if (data.stepId === stepId && typeof data.text === 'string') return data.text;
  }
  return undefined;
}

export function parseData(json: string): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The object registry's timeline writer (platform/events.ts recordEvent). */
export async function writeTimeline(tx: Tx, entries: TimelineEntry[]): Promise<void> {
  await tx.reviewEvent.createMany({
    data: entries.map((e) => ({
      draftId: e.objectId,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      text: e.text ?? '',
      data: e.data === undefined ? '' : JSON.stringify(e.data),
    })),
  });
}

export async function clearReviewTables(tx: Tx): Promise<void> {
  await tx.reviewEvent.deleteMany({});
  await tx.reviewStep.deleteMany({});
  await tx.reviewErratum.deleteMany({});
  await tx.reviewDraft.deleteMany({});
}
