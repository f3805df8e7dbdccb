import { BotError, badInput } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import { canFinalise, isLast, nextAfter } from '../../../platform/workflow/approvals.js';
import { applyTransition } from '../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../deps.js';
import type { Actor } from '../../org/index.js';
import { DRAFT_MACHINE, type DraftStatus } from '../domain/states.js';
import { DRAFT_TYPE } from '../object-type.js';
import { findDraft, findStep, readDraft, stepsOf, updateDraftIf, updateStepIf } from '../repositories/drafts.js';
import type { DraftView } from '../view.js';
import { isUnreadableError, readChange, readRevision, snapshot, UNREADABLE_FOR_REVIEWER } from './documents.js';
import { checkHolding, loadHolding, staleCard, type StepRef } from './holding.js';
import { draftFinalised } from './system-draft.js';
import { postHolderCard, refreshDraftCards, tell } from './publish.js';
import { syncDocument } from './revisions.js';

const COMMENT_MAX = 1000;
const STALE_DRAFT = '该文稿刚有变化，卡片已更新为最新状态。';

/** What a reviewer's act read of a Feishu document: its revision and the text at that revision. */
interface DocumentRead {
  revision: number;
  text?: string;
}

/**
 * Before a reviewer's act: the document re-read (a moved revision voids older sign-offs), then the revision
 * and its text read together — the revision before and after the text, so the text stored with the
 * sign-off is that revision's. The act then signs exactly this revision, or is refused (see signedRevision).
 */
async function freshDocument(deps: FeatureDeps, draftId: string, actor: Actor): Promise<DocumentRead | undefined> {
  const draft = await syncDocument(deps, draftId, actor.openId).catch(forReviewer);
  if (!draft || draft.sourceType !== 'docx') return undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await readRevision(deps, draft.docToken).catch(forReviewer);
    const text = snapshot((await readChange(deps, draft.docToken)).text);
    const after = await readRevision(deps, draft.docToken).catch(forReviewer);
    if (before === after) return { revision: after, ...(text !== undefined ? { text } : {}) };
  }
  throw new BotError('conflict', '文稿正在被修改，请稍后再点击。');
}

/** The document moved between the act's read and its transaction: the move is recorded, then the holder looks again. */
class RevisionMoved extends Error {}

/**
 * The revision a sign-off is given on: the one the act read (a Feishu document) and the card showed. Inside
 * the transaction, so an edit recorded meanwhile (by the edit event) cannot make the sign-off stand on a
 * revision nobody read: the draft must still stand at what was read, and at what the holder's card showed.
 */
function signedRevision(draft: { revision: number }, read: DocumentRead | undefined, ref: StepRef): number {
  if (read && read.revision !== draft.revision) throw new RevisionMoved();
  if (ref.revision !== undefined && ref.revision !== draft.revision) {
    throw staleCard(`文稿已更新为第${draft.revision}版，卡片已更新，请核对修改后再操作。`);
  }
  return draft.revision;
}

/** Records the move the act saw (voiding what stood on older revisions, refreshing the cards) and asks the holder to look again. */
async function lookAgain(deps: FeatureDeps, draftId: string, actor: Actor): Promise<never> {
  const draft = await syncDocument(deps, draftId, actor.openId).catch(forReviewer);
  throw new BotError('conflict', `文稿刚有修改${draft ? `（现为第${draft.revision}版）` : ''}，请核对修改后再操作。`);
}

/** A reviewer is told what they can do about an unreadable document (the drafter's wording says 重新提交). */
function forReviewer(err: unknown): never {
  if (isUnreadableError(err)) throw new BotError('conflict', UNREADABLE_FOR_REVIEWER);
  throw err;
}

/**
 * 通过: the level signs on the revision the draft stands at now (re-read first). The next level gets the
 * holder's card; the last level's 通过 completes the chain — and is refused while any level stands on
 * another revision (voided, not yet re-confirmed): the final sign-off never stands on a revision nobody
 * reviewed.
 */
export async function approve(deps: FeatureDeps, actor: Actor, ref: StepRef, comment: string, answered?: string): Promise<DraftView> {
  const { draft: read } = await loadHolding(deps.prisma, actor, ref, 'approve');
  const doc = await freshDocument(deps, ref.draftId, actor);
  const text = doc?.text;
  // 签发: the revision read once more right before the final sign-off; an edit meanwhile is recorded
  // (voiding what stood on the older one) and the holder looks again rather than sign unseen text.
  const synced = read.sourceType === 'docx' ? await findDraft(deps.prisma, ref.draftId) : null;
  if (synced && isLast(await stepsOf(deps.prisma, synced.id), (await findStep(deps.prisma, ref.stepId))!.position)) {
    const again = await readRevision(deps, synced.docToken).catch(forReviewer);
    if (again !== synced.revision) {
      await syncDocument(deps, synced.id, actor.openId);
      throw new BotError('conflict', `文稿刚有修改（现为第${again}版），请核对修改后再点击「通过」。`);
    }
  }
  const now = deps.clock.now();
  let afterCommit: (() => Promise<void>)[] = [];
  const view = await deps.prisma
    .$transaction(async (tx) => {
      afterCommit = [];
      const draft = await readDraft(tx, ref.draftId);
      const step = (await findStep(tx, ref.stepId))!;
      checkHolding(draft, step, ref, 'approve');
      signedRevision(draft, doc, ref);
      const steps = await stepsOf(tx, draft.id);
      const last = isLast(steps, step.position);
      if (last) {
        const check = canFinalise(steps, step.position, draft.revision);
        if (!check.ok) {
          const who = check.pending.map((s) => `${s.label} ${s.personName}`).join('、');
          throw new BotError('conflict', `文稿现为第${draft.revision}版，${who}尚未在该版本上确认，暂不能最终通过。已请其重新确认，确认后请再点击「通过」。`);
        }
      }
      const signed = { status: 'approved', revision: draft.revision, decidedAt: now, comment: comment.trim().slice(0, COMMENT_MAX) };
      if (!(await updateStepIf(tx, step, signed))) throw staleCard('该审核刚有变化，卡片已更新为最新状态。');
      const next = last ? undefined : nextAfter(steps, step.position);
      if (next && !(await updateStepIf(tx, next, { status: 'current', reachedAt: now, decidedAt: null, remindedRank: 0 })))
        throw staleCard('该文稿刚有变化，请重试。');
      const event = { type: DRAFT_TYPE, objectId: draft.id, auditId: draft.number, actor: actor.openId, at: now };
      const signOff = {
        ...event,
        kind: 'approve',
        text: `${step.label} ${step.personName}审核通过${signed.comment ? `：${signed.comment}` : ''}`,
        data: { stepId: step.id, position: step.position, revision: draft.revision, ...(text !== undefined ? { text } : {}) },
        before: { step: step.label, status: 'current' },
        after: { step: step.label, status: 'approved', revision: draft.revision },
      };
      const from = draft.status as DraftStatus;
      if (!last) {
        // The draft stays 审核中; its holder moves on (compare-and-set on the draft's version).
        await applyTransition(tx, {
          machine: DRAFT_MACHINE,
          action: 'approve',
          from,
          write: () => updateDraftIf(tx, draft, { currentPosition: next!.position }),
          event: () => signOff,
          staleMessage: STALE_DRAFT,
        });
      } else {
        await recordEvent(tx, signOff);
        await applyTransition(tx, {
          machine: DRAFT_MACHINE,
          action: 'finalise',
          from,
          write: (to) => updateDraftIf(tx, draft, { status: to, currentPosition: null, statusAt: now, closedAt: now }),
          event: (to) => ({
            ...event,
            kind: 'finalise',
            text: `审核完成（第${draft.revision}版）`,
            data: { revision: draft.revision },
            before: { status: from },
            after: { status: to, revision: draft.revision },
          }),
          staleMessage: STALE_DRAFT,
        });
        await tell(tx, draft, draft.drafterOpenId, `【文稿审核】${draft.number}「${draft.title}」已审核完成（第${draft.revision}版）。`, `rv-done:${draft.id}`);
        // Another feature's draft (a 纪要): its own state moves in this transaction; its sending after.
        afterCommit = await draftFinalised(tx, draft, actor.openId, now);
      }
      const updated = await readDraft(tx, draft.id);
      const v = await refreshDraftCards(tx, updated, now, answered);
      if (next) await postHolderCard(tx, v, next, `${next.version + 1}`);
      return v;
    })
    .catch((err: unknown) => (err instanceof RevisionMoved ? lookAgain(deps, ref.draftId, actor) : Promise.reject(err)));
  deps.outbox.kick();
  for (const work of afterCommit) {
    // The sign-off stands; what follows it is the listener's to retry (its own sweep), not the reviewer's.
    await work().catch((err: unknown) => deps.log.error({ err, draft: ref.draftId }, 'review draft: after-finalise work failed'));
  }
  return view;
}

/** 退回修改: a comment is required; the draft goes back to the drafter, the chain waits at this level. */
export async function returnDraft(deps: FeatureDeps, actor: Actor, ref: StepRef, comment: string, answered?: string): Promise<DraftView> {
  // Who first, then what: a bad-input refusal redraws the form, which only the holder may see.
  await loadHolding(deps.prisma, actor, ref, 'return');
  const text = comment.trim();
  if (!text) throw badInput('退回修改须填写修改意见，请写明需要修改的内容。');
  if (text.length > COMMENT_MAX) throw badInput(`修改意见不超过 ${COMMENT_MAX} 字。`);
  // 退回 never waits on the document: one that can no longer be read (or not just now) is returned on
  // the revision last seen, and the timeline says the revision could not be read.
  let unread = false;
  try {
    await syncDocument(deps, ref.draftId, actor.openId);
  } catch (err) {
    if (!(err instanceof BotError) || (!isUnreadableError(err) && err.code !== 'unavailable')) throw err;
    unread = true;
  }
  const now = deps.clock.now();
  const view = await deps.prisma.$transaction(async (tx) => {
    const draft = await readDraft(tx, ref.draftId);
    const step = (await findStep(tx, ref.stepId))!;
    checkHolding(draft, step, ref, 'return');
    const unreadNote = unread ? `（文稿已无法读取，按第${draft.revision}版记录）` : '';
    if (!(await updateStepIf(tx, step, { status: 'returned', comment: text, revision: draft.revision, decidedAt: now })))
      throw staleCard('该审核刚有变化，卡片已更新为最新状态。');
    const from = draft.status as DraftStatus;
    await applyTransition(tx, {
      machine: DRAFT_MACHINE,
      action: 'return',
      from,
      ctx: { comment: text },
      write: (to) => updateDraftIf(tx, draft, { status: to, statusAt: now }),
      event: (to) => ({
        type: DRAFT_TYPE,
        objectId: draft.id,
        auditId: draft.number,
        actor: actor.openId,
        at: now,
        kind: 'return',
        text: `${step.label} ${step.personName}退回修改${unreadNote}：${text}`,
        data: { stepId: step.id, position: step.position, revision: draft.revision, ...(unread ? { revisionUnread: true } : {}) },
        before: { status: from },
        after: { status: to, step: step.label, revision: draft.revision, note: text },
      }),
      staleMessage: STALE_DRAFT,
    });
    await tell(
      tx,
      draft,
      draft.drafterOpenId,
      `【文稿审核】${draft.number}「${draft.title}」被${step.label}${step.personName}退回修改，意见：${text}\n` +
        (draft.sourceType === 'file'
          ? `修改后请把修改稿文件私聊发给助手，点击「作为${draft.number}的修改稿提交」；也可在文稿审核卡片上点击「重新提交（修改稿）」（附件不变）。`
          : '修改后请在文稿审核卡片上点击「重新提交（修改稿）」。'),
      `rv-returned:${draft.id}:${draft.version}`,
    );
    return refreshDraftCards(tx, await readDraft(tx, draft.id), now, answered);
  });
  deps.outbox.kick();
  return view;
}

/** 重新确认: a voided sign-off given again, on the revision the draft stands at now (re-read first). */
export async function reconfirm(deps: FeatureDeps, actor: Actor, ref: StepRef, answered?: string): Promise<DraftView> {
  await loadHolding(deps.prisma, actor, ref, 'reconfirm', 'voided');
  const doc = await freshDocument(deps, ref.draftId, actor);
  const text = doc?.text;
  const now = deps.clock.now();
  const view = await deps.prisma
    .$transaction(async (tx) => {
      const draft = await readDraft(tx, ref.draftId);
      const step = (await findStep(tx, ref.stepId))!;
      checkHolding(draft, step, ref, 'reconfirm', 'voided');
      // Edited again since the card was drawn: what they confirm must be what the card showed.
      if (ref.revision !== undefined && ref.revision !== draft.revision) {
        throw staleCard(`文稿又有修改（现为第${draft.revision}版），卡片已更新，请核对后再确认。`);
      }
      signedRevision(draft, doc, ref);
      // decidedAt moves too: the voiding set reachedAt to when the level came back, so the dwell the summary
      // counts is voiding → re-confirmation, never negative.
      if (!(await updateStepIf(tx, step, { status: 'approved', revision: draft.revision, decidedAt: now })))
        throw staleCard('该审核刚有变化，卡片已更新为最新状态。');
      // The draft's version moves too, so this act and any other on the draft are ordered (compare-and-set).
      await applyTransition(tx, {
        machine: DRAFT_MACHINE,
        action: 'reconfirm',
        from: draft.status as DraftStatus,
        write: () => updateDraftIf(tx, draft, {}),
        event: () => ({
          type: DRAFT_TYPE,
          objectId: draft.id,
          auditId: draft.number,
          actor: actor.openId,
          at: now,
          kind: 'reconfirm',
          text: `${step.label} ${step.personName}在第${draft.revision}版上重新确认`,
          data: { stepId: step.id, position: step.position, revision: draft.revision, ...(text !== undefined ? { text } : {}) },
          before: { step: step.label, status: 'voided', revision: step.revision },
          after: { step: step.label, status: 'approved', revision: draft.revision },
        }),
        staleMessage: '该文稿刚有变化，卡片已更新为最新状态。',
      });
      return refreshDraftCards(tx, await readDraft(tx, draft.id), now, answered);
    })
    .catch((err: unknown) => (err instanceof RevisionMoved ? lookAgain(deps, ref.draftId, actor) : Promise.reject(err)));
  deps.outbox.kick();
  return view;
}
