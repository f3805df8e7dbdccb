import type { Tx } from '../../../db/handles.js';
import { recordEvent } from '../../../platform/events.js';
import { voidedBy } from '../../../platform/workflow/approvals.js';
import type { FeatureDeps } from '../../deps.js';
import { lineDiff } from '../domain/diff.js';
import { DRAFT_TYPE } from '../object-type.js';
import {
  EDITED_AFTER_CLOSE,
  findDraft,
  readDraft,
  revisionsEditedAfterClose,
  signedText,
  stepsOf,
  updateDraftIf,
  updateStepIf,
  type DraftRow,
  type StepRow,
} from '../repositories/drafts.js';
import { personNameByOpenId } from '../repositories/directory.js';
import { loadDraftView } from '../repositories/views.js';
import { readChange, readRevision } from './documents.js';
import { postReconfirmCard, refreshDraftCards, tell } from './publish.js';

/**
 * Versions: a sign-off stands on the revision it was given on. When the draft's revision moves — seen
 * when a reviewer acts, on drive.file.edit_v1, before the final sign-off, or at 重新提交（修改稿） — every
 * sign-off on another revision is marked voided, and its reviewer gets a re-confirm card with the
 * revisions, the last editor and a line diff against the text they signed.
 */

export interface RevisionChange {
  revision: number;
  text?: string;
  editorOpenId?: string;
  /** A file draft's revised file, written with the revision (so the re-confirm cards already show it). */
  file?: { fileMessageId: string; fileKey: string; fileName: string; sentFileKey: string };
}

/**
 * Inside the caller's transaction: the draft at `change.revision` (compare-and-set on its version),
 * sign-offs on other revisions voided, re-confirm cards queued. Returns the draft as it now is; when
 * nothing moved, the draft unchanged. `false` when the draft changed under us (the caller's stale).
 */
export async function moveRevision(tx: Tx, draft: DraftRow, change: RevisionChange, actor: string, now: Date, steps?: StepRow[]): Promise<DraftRow | false> {
  const all = steps ?? (await stepsOf(tx, draft.id));
  const voided = voidedBy(all, change.revision);
  if (change.revision === draft.revision && voided.length === 0) return draft;
  // Levels already waiting to re-confirm: their note moves to the new revision (the card is redrawn in place).
  const waiting = change.revision !== draft.revision ? all.filter((s) => s.status === 'voided') : [];
  if (change.revision !== draft.revision && !(await updateDraftIf(tx, draft, { revision: change.revision, ...(change.file ?? {}) }))) return false;
  const editor = change.editorOpenId ? await personNameByOpenId(tx, change.editorOpenId) : undefined;
  if (change.revision !== draft.revision) {
    await recordEvent(tx, {
      type: DRAFT_TYPE,
      objectId: draft.id,
      auditId: draft.number,
      actor,
      at: now,
      kind: 'revision_moved',
      text: `第${draft.revision}版 → 第${change.revision}版${editor ? `（最后修改人：${editor}）` : ''}`,
      data: { from: draft.revision, revision: change.revision, editor: editor ?? '' },
      action: 'revision_moved',
      before: { revision: draft.revision },
      after: { revision: change.revision },
    });
  }
  for (const s of [...voided, ...waiting]) {
    // The level reaches its reviewer again: the desks' dwell and the reminder ladder start over from now.
    if (s.status === 'approved' && !(await updateStepIf(tx, s, { status: 'voided', reachedAt: now, remindedRank: 0 }))) return false;
    const before = await signedText(tx, draft.id, s.id);
    const diff = before !== undefined && change.text !== undefined ? lineDiff(before, change.text) : { lines: [], truncated: false };
    await recordEvent(tx, {
      type: DRAFT_TYPE,
      objectId: draft.id,
      auditId: draft.number,
      actor,
      at: now,
      kind: 'voided',
      text: `${s.label} ${s.personName}在第${s.revision}版上的签署失效，待重新确认`,
      data: {
        stepId: s.id,
        position: s.position,
        from: s.revision,
        to: change.revision,
        revision: change.revision,
        editor: editor ?? '',
        diff: diff.lines,
        diffTruncated: diff.truncated,
      },
      action: 'void',
      before: { step: s.label, status: s.status, revision: s.revision },
      after: { step: s.label, status: 'voided', revision: change.revision },
    });
  }
  const updated = await readDraft(tx, draft.id);
  if (voided.length) {
    const v = await loadDraftView(tx, updated, now);
    for (const s of voided) await postReconfirmCard(tx, v, s, change.revision);
  }
  return updated;
}

const OPEN = new Set(['reviewing', 'returned']);

/**
 * Reads the document and, if its revision moved, records it (its own transaction: the voiding is a fact
 * whatever the act that noticed it does next). Returns the draft as it now is. The status is checked
 * again inside the transaction: a draft that reached 审核完成 while the (slow) read was in flight keeps
 * its sign-offs, and the edit is recorded as one made after 审核完成 instead.
 */
export async function syncDocument(deps: FeatureDeps, draftId: string, actor: string): Promise<DraftRow | null> {
  const draft = await findDraft(deps.prisma, draftId);
  if (!draft || draft.sourceType !== 'docx' || !draft.docToken || (!OPEN.has(draft.status) && draft.status !== 'approved')) return draft;
  const revision = await readRevision(deps, draft.docToken);
  if (draft.status === 'approved') {
    if (revision <= draft.revision) return draft;
  } else {
    const stale = voidedBy(await stepsOf(deps.prisma, draft.id), revision);
    if (revision === draft.revision && stale.length === 0) return draft;
  }
  const change = { revision, ...(await readChange(deps, draft.docToken)) };
  const now = deps.clock.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await deps.prisma.$transaction(async (tx) => {
      const current = await readDraft(tx, draftId);
      if (current.status === 'approved') {
        if (await recordEditAfterClose(tx, current, change, actor, now)) await refreshDraftCards(tx, current, now);
        return current;
      }
      if (!OPEN.has(current.status)) return current;
      const moved = await moveRevision(tx, current, change, actor, now);
      if (moved === false) return false;
      if (moved !== current) await refreshDraftCards(tx, moved, now);
      return moved;
    });
    if (result !== false) {
      deps.outbox.kick();
      return result;
    }
  }
  return findDraft(deps.prisma, draftId);
}

/**
 * An edit to the document of an approved draft: the chain stays closed (the sign-offs stand on the
 * revision they were given on), but the edit is no silent fact — it goes on the timeline (once per
 * revision), the drafter is told, and the chain card says the text now differs from the approved one.
 */
async function recordEditAfterClose(tx: Tx, draft: DraftRow, change: RevisionChange, actor: string, now: Date): Promise<boolean> {
  if (change.revision <= draft.revision) return false;
  const seen = await revisionsEditedAfterClose(tx, draft.id);
  if (seen.some((r) => r >= change.revision)) return false;
  const editor = change.editorOpenId ? await personNameByOpenId(tx, change.editorOpenId) : undefined;
  await recordEvent(tx, {
    type: DRAFT_TYPE,
    objectId: draft.id,
    auditId: draft.number,
    actor,
    at: now,
    kind: EDITED_AFTER_CLOSE,
    text: `文稿于审核完成后被修改（第${change.revision}版）`,
    data: { revision: change.revision, approved: draft.revision, editor: editor ?? '' },
    action: EDITED_AFTER_CLOSE,
    before: { revision: draft.revision },
    after: { revision: change.revision },
  });
  await tell(
    tx,
    draft,
    draft.drafterOpenId,
    `【文稿审核】${draft.number}「${draft.title}」审核完成后，文稿又被修改（现为第${change.revision}版${editor ? `，最后修改人：${editor}` : ''}），与审核通过的第${draft.revision}版不一致。印发文本请以审核通过的版本为准；如修改内容需要审核，请重新提交审核。`,
    `rv-edited-after:${draft.id}:${change.revision}`,
  );
  return true;
}

/** drive.file.edit_v1: a hint to re-read every open draft on that document. */
export async function onDocumentEdited(deps: FeatureDeps, fileToken: string, drafts: readonly DraftRow[]): Promise<void> {
  for (const d of drafts) {
    try {
      await syncDocument(deps, d.id, 'system:drive.file.edit_v1');
    } catch (err) {
      deps.log.warn({ err, draft: d.number, fileToken }, 'review draft revision re-read after an edit failed');
    }
  }
}
