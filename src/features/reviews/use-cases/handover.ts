import { badInput } from '../../../errors.js';
import { applyTransition } from '../../../platform/workflow/index.js';
import { DRAFT_MACHINE, type DraftStatus } from '../domain/states.js';
import { positionAfter } from '../../../platform/workflow/approvals.js';
import type { FeatureDeps } from '../../deps.js';
import { readDirectory, resolvePerson, type Actor } from '../../org/index.js';
import { candidatesFor, type ChainPerson } from '../domain/chain.js';
import { loadChainDirectory } from '../repositories/directory.js';
import { findStep, insertStep, readDraft, stepsOf, updateDraftIf, updateStepIf, type DraftRow, type StepRow } from '../repositories/drafts.js';
import type { DraftView } from '../view.js';
import { DRAFT_TYPE } from '../object-type.js';
import { checkHolding, loadHolding, staleCard, type StepRef } from './holding.js';
import { postHolderCard, refreshDraftCards } from './publish.js';

const REASON_MAX = 500;

/**
 * Who may take over a level by 转交: another person holding the same role for the draft's unit — not one
 * who already holds another level of this chain (as 加签 refuses them): one person, one sign-off.
 */
export async function transferTargets(
  deps: FeatureDeps,
  draft: Pick<DraftRow, 'id' | 'unitId' | 'drafterId'>,
  step: Pick<StepRow, 'role' | 'personId'>,
): Promise<ChainPerson[]> {
  const [dir, steps] = await Promise.all([loadChainDirectory(deps.prisma), stepsOf(deps.prisma, draft.id)]);
  const inChain = new Set(steps.filter((s) => s.status !== 'skipped').map((s) => s.personId));
  return candidatesFor(step.role, dir, draft.unitId).filter((p) => !inChain.has(p.id) && p.id !== draft.drafterId && p.openId);
}

/** 转交: the level passes to another person holding the same role, with a reason; the dwell clock restarts. */
export async function transfer(deps: FeatureDeps, actor: Actor, ref: StepRef, toPersonId: string, reason: string, answered?: string): Promise<DraftView> {
  // Who first, then what: a bad-input refusal redraws the form, which only the holder may see.
  const { draft, step } = await loadHolding(deps.prisma, actor, ref, 'transfer');
  const why = reason.trim();
  if (!toPersonId) throw badInput('请选择转交给谁。');
  if (!why) throw badInput('请填写转交理由。');
  if (why.length > REASON_MAX) throw badInput(`转交理由不超过 ${REASON_MAX} 字。`);
  const target = (await transferTargets(deps, draft, step)).find((p) => p.id === toPersonId);
  if (!target) throw badInput(`所选人员不能承担「${step.label}」审核（须同为${step.label}），请重新选择。`);
  const now = deps.clock.now();
  const view = await deps.prisma.$transaction(async (tx) => {
    const d = await readDraft(tx, ref.draftId);
    const s = (await findStep(tx, ref.stepId))!;
    checkHolding(d, s, ref, 'transfer');
    const moved = {
      personId: target.id,
      openId: target.openId!,
      personName: target.name,
      transferredFrom: s.personName,
      transferReason: why,
      reachedAt: now,
      remindedRank: 0,
    };
    if (!(await updateStepIf(tx, s, moved))) throw staleCard('该审核刚有变化，卡片已更新为最新状态。');
    // The draft's version moves too, so this act and any other on the draft are ordered (compare-and-set).
    await applyTransition(tx, {
      machine: DRAFT_MACHINE,
      action: 'transfer',
      from: d.status as DraftStatus,
      write: () => updateDraftIf(tx, d, {}),
      event: () => ({
        type: DRAFT_TYPE,
        objectId: d.id,
        auditId: d.number,
        actor: actor.openId,
        at: now,
        kind: 'transfer',
        text: `${s.label}由${s.personName}转交${target.name}：${why}`,
        data: { stepId: s.id, position: s.position, revision: d.revision, from: s.personName, to: target.name },
        before: { step: s.label, person: s.personName },
        after: { step: s.label, person: target.name, note: why },
      }),
      staleMessage: '该文稿刚有变化，卡片已更新为最新状态。',
    });
    const v = await refreshDraftCards(tx, await readDraft(tx, d.id), now, answered);
    const fresh = (await findStep(tx, s.id))!;
    await postHolderCard(tx, v, fresh, `${fresh.version}`);
    return v;
  });
  deps.outbox.kick();
  return view;
}

/** 加签: a reviewer inserted right after this level (they review once this level has signed). */
export async function addReviewer(deps: FeatureDeps, actor: Actor, ref: StepRef, name: string, label: string, answered?: string): Promise<DraftView> {
  // Who first, then what (as 转交).
  const { draft } = await loadHolding(deps.prisma, actor, ref, 'add_reviewer');
  if (!name.trim()) throw badInput('请填写加签人的姓名。');
  const person = resolvePerson(await readDirectory(deps.prisma), name.trim());
  if (!person.openId) throw badInput(`${person.name}尚未关联飞书账号，无法送达，请管理员补充。`);
  if (person.id === draft.drafterId) throw badInput('加签人不能是起草人本人。');
  const title = (label.trim() || '加签').slice(0, 20);
  const now = deps.clock.now();
  const view = await deps.prisma.$transaction(async (tx) => {
    const d = await readDraft(tx, ref.draftId);
    const s = (await findStep(tx, ref.stepId))!;
    checkHolding(d, s, ref, 'add_reviewer');
    const steps = await stepsOf(tx, d.id);
    if (steps.some((x) => x.personId === person.id && x.status !== 'skipped')) throw badInput(`${person.name}已在本文稿的审核流程中。`);
    const at = positionAfter(steps, s.position);
    if (at === undefined) throw badInput('此处已无法再加签，请在下一级审核时加签。');
    if (!(await updateStepIf(tx, s, {}))) throw staleCard('该审核刚有变化，卡片已更新为最新状态。');
    await insertStep(tx, d.id, {
      position: at,
      role: 'added',
      label: title,
      personId: person.id,
      openId: person.openId!,
      personName: person.name,
      status: 'waiting',
    });
    // The draft's version moves too, so this act and any other on the draft are ordered (compare-and-set).
    await applyTransition(tx, {
      machine: DRAFT_MACHINE,
      action: 'add_reviewer',
      from: d.status as DraftStatus,
      write: () => updateDraftIf(tx, d, {}),
      event: () => ({
        type: DRAFT_TYPE,
        objectId: d.id,
        auditId: d.number,
        actor: actor.openId,
        at: now,
        kind: 'add_reviewer',
        text: `${s.label} ${s.personName}加签${person.name}（${title}）`,
        data: { position: at, after: s.position, revision: d.revision, person: person.name },
        after: { step: title, person: person.name },
      }),
      staleMessage: '该文稿刚有变化，卡片已更新为最新状态。',
    });
    return refreshDraftCards(tx, await readDraft(tx, d.id), now, answered);
  });
  deps.outbox.kick();
  return view;
}
