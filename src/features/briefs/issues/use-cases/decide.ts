import { BotError, badInput } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import { canFinalise, nextAfter } from '../../../../platform/workflow/approvals.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Actor } from '../../../org/index.js';
import { ISSUE_TYPE } from '../../object-type.js';
import { findIssue, issueStepsOf, updateIssueIf, updateIssueStepIf } from '../../repositories/issues.js';
import { ISSUE_MACHINE } from '../domain/machine.js';
import { findIssueStep } from '../repositories/signers.js';
import { postStepCard, refreshIssueCards } from './cards.js';

export type Verdict = 'approve' | 'return';

const STALE = '该环节已处理或卡片已过期，请以最新卡片为准。';

/**
 * 通过 / 退回 on a signer's card. Who may act is the stored step's holder (never the card's values); the
 * card's version must be the step's (compare-and-set). The last level's 通过 is the 签发: the issue is
 * signed and `signed: true` is returned for the caller to publish after the commit.
 */
export async function decideStep(
  deps: FeatureDeps,
  actor: Actor,
  v: { step: unknown; version: unknown; verdict: Verdict; comment: string; messageId?: string },
): Promise<{ signed: boolean; issueId: string; returned: boolean }> {
  const step = typeof v.step === 'string' ? await findIssueStep(deps.prisma, v.step) : null;
  if (!step) throw new BotError('stale_card', STALE);
  if (step.openId !== actor.openId) throw new BotError('forbidden', '该环节不由您处理。');
  if (step.status !== 'current' || String(step.version) !== String(v.version)) throw new BotError('stale_card', STALE);
  const comment = v.comment.trim().slice(0, 500);
  if (v.verdict === 'return' && !comment) throw badInput('退回时请填写意见。');
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx) => {
    const issue = await findIssue(tx, step.issueId);
    if (!issue || issue.state !== 'signing' || issue.currentPosition !== step.position) throw new BotError('stale_card', STALE);
    const steps = await issueStepsOf(tx, issue.id);
    const base = { type: ISSUE_TYPE, objectId: issue.id, auditId: issue.number, actor: actor.openId, at: now };
    if (!(await updateIssueStepIf(tx, step, { status: v.verdict === 'approve' ? 'approved' : 'returned', revision: 0, comment, decidedAt: now })))
      throw new BotError('stale_card', STALE);
    if (v.verdict === 'return') {
      await applyTransition(tx, {
        machine: ISSUE_MACHINE,
        action: 'return',
        from: 'signing',
        write: (to) => updateIssueIf(tx, { ...issue, state: 'signing' }, { state: to, currentPosition: null }),
        event: () => ({ ...base, kind: 'return', text: `${step.label}：${comment}` }),
      });
      await refreshIssueCards(tx, issue.id, v.messageId);
      await enqueue(tx, {
        to: { openId: issue.compiledBy },
        content: {
          type: 'text',
          text: `【信息编期】《${issue.title}》${issue.number}被${step.personName}（${step.label}）退回，意见：${comment}\n请调整后重新发送「信息 编期 ${issue.number}」确认编期。`,
        },
        key: `briefs-issue-returned:${step.id}`,
        origin: `briefs:${issue.number}`,
      });
      return { signed: false, returned: true, issueId: issue.id };
    }
    const decided = steps.map((s) => (s.id === step.id ? { ...s, status: 'approved', revision: 0 } : s)).filter((s) => s.status !== 'voided');
    const next = nextAfter(decided, step.position);
    if (next) {
      if (!(await updateIssueStepIf(tx, next, { status: 'current', reachedAt: now }))) throw new BotError('stale_card', STALE);
      if (!(await updateIssueIf(tx, { ...issue, state: 'signing' }, { currentPosition: next.position }))) throw new BotError('stale_card', STALE);
      await recordEvent(tx, { ...base, kind: 'approve', action: 'submit', text: `${step.label}通过` });
      const cards = await refreshIssueCards(tx, issue.id, v.messageId);
      await postStepCard(
        tx,
        cards,
        cards.steps.find((s) => s.id === next.id)!,
      );
      return { signed: false, returned: false, issueId: issue.id };
    }
    if (!canFinalise(decided, step.position, 0).ok) throw new BotError('conflict', '尚有审核环节未通过，不能签发。');
    await applyTransition(tx, {
      machine: ISSUE_MACHINE,
      action: 'sign',
      from: 'signing',
      write: (to) => updateIssueIf(tx, { ...issue, state: 'signing' }, { state: to, currentPosition: null, signedBy: actor.openId, signedAt: now }),
      event: () => ({ ...base, kind: 'sign', text: step.personName }),
    });
    await refreshIssueCards(tx, issue.id, v.messageId);
    return { signed: true, returned: false, issueId: issue.id };
  });
}
