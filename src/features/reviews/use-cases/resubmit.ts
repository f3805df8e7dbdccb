import { badInput, forbidden, notFound } from '../../../errors.js';
import { resumeAt } from '../../../platform/workflow/approvals.js';
import { applyTransition } from '../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../deps.js';
import type { Actor } from '../../org/index.js';
import { DRAFT_MACHINE, type DraftStatus } from '../domain/states.js';
import { DRAFT_TYPE } from '../object-type.js';
import { findDraft, readDraft, stepsOf, updateDraftIf, updateStepIf } from '../repositories/drafts.js';
import type { DraftView } from '../view.js';
import { readChange, readRevision } from './documents.js';
import { uploadDraftFile } from './draft-file.js';
import { staleCard } from './holding.js';
import { postHolderCard, refreshDraftCards } from './publish.js';
import { moveRevision, type RevisionChange } from './revisions.js';

/** A revised file the drafter sent in their DM, to stand as the draft from this revision on. */
export interface RevisedFile {
  messageId: string;
  key: string;
  name: string;
}

/**
 * 重新提交（修改稿）, by the drafter after 退回修改. With a Feishu document the revision is re-read; with
 * a file the revision goes up by one, and the revised file (when sent) replaces the old one, so the
 * reviewers re-confirm what was actually revised. The chain resumes at the level that returned it;
 * earlier levels that signed on another revision are voided and asked to re-confirm.
 */
export async function resubmit(
  deps: FeatureDeps,
  actor: Actor,
  draftId: string,
  cardVersion: number,
  answered?: string,
  file?: RevisedFile,
): Promise<DraftView> {
  const draft = await findDraft(deps.prisma, draftId);
  if (!draft) throw notFound('未找到该文稿，可能已被删除。');
  if (actor.person?.id !== draft.drafterId) throw forbidden('只有起草人本人可以重新提交该文稿。');
  const why = DRAFT_MACHINE.whyNot('resubmit', draft.status as DraftStatus);
  if (why) throw staleCard(why);
  if (draft.version !== cardVersion) throw staleCard('该文稿已有新的变化，卡片已更新为最新状态，请核对后再操作。');
  if (file && draft.sourceType !== 'file') throw badInput('该文稿是飞书云文档，请直接修改文档后重新提交，无需发送文件。');
  let change: RevisionChange;
  if (draft.sourceType === 'docx') {
    const revision = await readRevision(deps, draft.docToken);
    change = { revision, ...(revision !== draft.revision ? await readChange(deps, draft.docToken) : {}) };
  } else change = { revision: draft.revision + 1 };
  // The revised file as the bot's own, for the holder and the re-confirmers (outside the transaction).
  const sentFileKey = file ? await uploadDraftFile(deps, file) : undefined;
  const now = deps.clock.now();
  const view = await deps.prisma.$transaction(async (tx) => {
    const d = await readDraft(tx, draftId);
    if (d.status !== 'returned') throw staleCard(DRAFT_MACHINE.whyNot('resubmit', d.status as DraftStatus) ?? '该文稿状态已变化。');
    // A file's revision is counted here: a second resubmit racing this one reads the same number and loses below.
    const next: RevisionChange = {
      revision: d.revision + 1,
      ...(file && sentFileKey ? { file: { fileMessageId: file.messageId, fileKey: file.key, fileName: file.name.slice(0, 200), sentFileKey } } : {}),
    };
    const moved = await moveRevision(tx, d, d.sourceType === 'docx' ? change : next, actor.openId, now);
    if (moved === false) throw staleCard('该文稿刚有变化，卡片已更新为最新状态。');
    const steps = await stepsOf(tx, d.id);
    const returning = moved.currentPosition ?? steps.find((s) => s.status === 'returned')?.position;
    const changes = resumeAt(steps, returning ?? 0, moved.revision);
    let holder: (typeof steps)[number] | undefined;
    for (const s of steps) {
      const status = changes.get(s.position);
      if (!status || status === 'voided') continue;
      const data = status === 'current' ? { status, reachedAt: now, decidedAt: null, remindedRank: 0 } : { status };
      if (!(await updateStepIf(tx, s, data))) throw staleCard('该文稿刚有变化，请重试。');
      if (status === 'current') holder = s;
    }
    const from = moved.status as DraftStatus;
    await applyTransition(tx, {
      machine: DRAFT_MACHINE,
      action: 'resubmit',
      from,
      write: (to) => updateDraftIf(tx, moved, { status: to, statusAt: now }),
      event: (to) => ({
        type: DRAFT_TYPE,
        objectId: d.id,
        auditId: d.number,
        actor: actor.openId,
        at: now,
        kind: 'resubmit',
        text: `起草人提交修改稿（第${moved.revision}版${file ? `，附件「${file.name.slice(0, 60)}」` : ''}）${holder ? `，送${holder.label} ${holder.personName}` : ''}`,
        data: { revision: moved.revision, from: d.revision, ...(file ? { fileName: file.name.slice(0, 200) } : {}) },
        before: { status: from, revision: d.revision, ...(file ? { fileName: d.fileName } : {}) },
        after: { status: to, revision: moved.revision, ...(file ? { fileName: file.name.slice(0, 200) } : {}) },
      }),
      staleMessage: '该文稿刚有变化，卡片已更新为最新状态。',
    });
    const v = await refreshDraftCards(tx, await readDraft(tx, d.id), now, answered);
    if (holder) await postHolderCard(tx, v, holder, `${holder.version + 1}`);
    return v;
  });
  deps.outbox.kick();
  return view;
}
