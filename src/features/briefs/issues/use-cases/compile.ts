import { BotError, badInput } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { beijingDate } from '../../../../platform/time.js';
import { initialPositions } from '../../../../platform/workflow/approvals.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { officeKinds } from '../../notes/use-cases/shared.js';
import { ISSUE_SERIES, ISSUE_TYPE } from '../../object-type.js';
import { findIssue, insertIssue, issueStepsOf, updateIssueIf, updateIssueStepIf, type IssueRow, type IssueStepRow } from '../../repositories/issues.js';
import { findItem, itemsOfIssue, updateItemIf } from '../../repositories/items.js';
import { briefSettings } from '../../settings.js';
import { DEFAULT_DISTRIBUTION, orderByKind } from '../domain/document.js';
import { ISSUE_MACHINE, type IssueAction } from '../domain/machine.js';
import { insertIssueStep, issueSigners, uncompiledItems } from '../repositories/signers.js';
import { postStepCard, refreshIssueCards } from './cards.js';

export const NOTHING_ADOPTED = '暂无已采用且未编期的信息条目。请先用「信息 起草」起草并在卡片上点击「采用」，再编期。';

/** 信息 编期: the adopted items not yet in an issue, compiled (by kind) into the next 第N期 of this year. */
export async function compileIssue(deps: FeatureDeps, actor: Actor): Promise<IssueRow> {
  authorize(actor, 'briefs.edit');
  const items = await uncompiledItems(deps.prisma);
  if (!items.length) throw badInput(NOTHING_ADOPTED);
  const ordered = orderByKind(items, await officeKinds(deps));
  const now = deps.clock.now();
  const settings = briefSettings(deps);
  return deps.prisma.$transaction(async (tx) => {
    const n = await ISSUE_SERIES.allocate(tx, Number(beijingDate(now).slice(0, 4)));
    // The 签发 chain is added when the issue is sent to sign, not at 编期.
    const issue = await insertIssue(
      tx,
      {
        year: n.year,
        seq: n.seq,
        number: n.number,
        title: settings.periodical,
        compiledBy: actor.openId,
        compiledAt: now,
        distribution: JSON.stringify(settings.distribution ?? DEFAULT_DISTRIBUTION),
      },
      [],
    );
    for (const [i, item] of ordered.entries()) {
      if (!(await updateItemIf(tx, { ...item, state: 'adopted' }, { state: 'compiled', issueId: issue.id, position: i + 1 })))
        throw new BotError('stale_card', '有信息条目刚被他人编期或修改，请重新发送「信息 编期」。');
    }
    await recordEvent(tx, {
      type: ISSUE_TYPE,
      objectId: issue.id,
      auditId: issue.number,
      actor: actor.openId,
      at: now,
      kind: 'compile',
      text: `${ordered.length} 条`,
    });
    return issue;
  });
}

/** An editor's issue while it can still change (编辑中 / 已退回). */
export async function editableIssue(deps: FeatureDeps, actor: Actor, issueId: unknown): Promise<IssueRow> {
  authorize(actor, 'briefs.edit');
  const issue = typeof issueId === 'string' ? await findIssue(deps.prisma, issueId) : null;
  if (!issue) throw new BotError('stale_card', '该期简报已不存在。');
  if (issue.state !== 'compiling' && issue.state !== 'returned') throw new BotError('conflict', '该期简报已送签，不能再调整条目。');
  return issue;
}

/** 移出: the item goes back to 已采用 (for a later issue). */
export async function removeItem(deps: FeatureDeps, actor: Actor, issue: IssueRow, itemId: unknown, skipMessageId?: string): Promise<void> {
  const item = typeof itemId === 'string' ? await findItem(deps.prisma, itemId) : null;
  if (!item || item.issueId !== issue.id) throw new BotError('stale_card', '该条目已不在本期中。');
  const now = deps.clock.now();
  await deps.prisma.$transaction(async (tx) => {
    if (!(await updateItemIf(tx, { ...item, state: 'compiled' }, { state: 'adopted', issueId: null, position: 0 })))
      throw new BotError('stale_card', '该条目刚被他人调整，请刷新后再试。');
    if (!(await updateIssueIf(tx, issue, {}))) throw new BotError('stale_card', '该期简报刚被他人调整，请刷新后再试。');
    await recordEvent(tx, {
      type: ISSUE_TYPE,
      objectId: issue.id,
      auditId: issue.number,
      actor: actor.openId,
      at: now,
      kind: 'remove_item',
      action: 'compile',
      text: item.title,
    });
    await refreshIssueCards(tx, issue.id, skipMessageId);
  });
}

const LEVELS = [
  { key: 'chief', label: '信息科科长审核', missing: '信息科尚未登记科长' },
  { key: 'director', label: '办公室主任审核', missing: '尚未登记办公室主任' },
  { key: 'leader', label: '领导签发', missing: '信息科尚无分管领导（签发人）' },
] as const;

/**
 * 确认编期: the chain 信息科科长 → 办公室主任 → the leader (签发) from the directory, its steps written (a
 * previous chain's voided), the first holder's card queued; nothing is written when a level has nobody.
 */
export async function confirmIssue(deps: FeatureDeps, actor: Actor, issue: IssueRow, skipMessageId?: string): Promise<IssueRow> {
  const items = await itemsOfIssue(deps.prisma, issue.id);
  if (!items.length) throw badInput('本期没有条目，不能送签。');
  const signers = await issueSigners(deps.prisma);
  const missing = LEVELS.filter((l) => !signers[l.key]).map((l) => l.missing);
  if (missing.length) throw badInput(`无法送签：${missing.join('；')}。请管理员在通讯录中授权后再确认编期。`);
  const now = deps.clock.now();
  const old = await issueStepsOf(deps.prisma, issue.id);
  const base = old.reduce((m, s) => Math.max(m, s.position), 0);
  const positions = initialPositions(LEVELS.length).map((p) => p + base);
  return deps.prisma.$transaction(async (tx) => {
    for (const s of old) if (s.status !== 'voided') await updateIssueStepIf(tx, s, { status: 'voided' });
    const steps: IssueStepRow[] = [];
    for (const [i, level] of LEVELS.entries()) {
      const who = signers[level.key]!;
      steps.push(
        await insertIssueStep(tx, {
          issueId: issue.id,
          position: positions[i]!,
          label: level.label,
          personId: who.id,
          openId: who.openId,
          personName: who.name,
          status: i === 0 ? 'current' : 'waiting',
          ...(i === 0 ? { reachedAt: now } : {}),
        }),
      );
    }
    await applyTransition(tx, {
      machine: ISSUE_MACHINE,
      action: 'submit' as IssueAction,
      from: issue.state as 'compiling' | 'returned',
      write: (to) => updateIssueIf(tx, issue, { state: to, currentPosition: positions[0]! }),
      event: () => ({
        type: ISSUE_TYPE,
        objectId: issue.id,
        auditId: issue.number,
        actor: actor.openId,
        at: now,
        kind: 'submit',
        text: steps.map((s) => s.personName).join(' → '),
      }),
    });
    // Every card of the issue (the editor's previews, an earlier round's signers') shows the new chain.
    const cards = await refreshIssueCards(tx, issue.id, skipMessageId);
    await postStepCard(
      tx,
      cards,
      cards.steps.find((s) => s.id === steps[0]!.id)!,
    );
    const fresh = cards.issue;
    return fresh;
  });
}
