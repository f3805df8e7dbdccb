import { z } from 'zod';
import { BotError, notFound } from '../../../errors.js';
import type { ActionContext } from '../../../router/context.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { ISSUE_SERIES } from '../object-type.js';
import { findIssue, findIssueByNumber, issueStepsOf } from '../repositories/issues.js';
import type { BriefPart } from '../subcommands.js';
import { APPROVE_ACTION, CONFIRM_ACTION, REMOVE_ACTION, RETURN_ACTION, presentIssuePreview, presentStepCard } from './presenters/issue-cards.js';
import { compileIssue, confirmIssue, editableIssue, removeItem } from './use-cases/compile.js';
import { decideStep, type Verdict } from './use-cases/decide.js';
import { publishIssue } from './use-cases/publish.js';
import { issueView, stepView } from './use-cases/view.js';

export const ISSUE_USAGE = '信息 编期 [第N期]';

const stepForm = z.object({ comment: z.string().max(500).optional().default('') });

async function preview(deps: FeatureDeps, issueId: string, note?: string) {
  const issue = (await findIssue(deps.prisma, issueId))!;
  return presentIssuePreview(await issueView(deps.prisma, issue), note);
}

/** 信息 编期 (t15-issue): compile adopted items into 第N期, the 签发 chain, the 简报 .docx and its 印发. */
export const registerIssues: BriefPart = (router, deps, seam) => {
  seam.subcommands({
    words: ['编期'],
    usage: ISSUE_USAGE,
    summary: '将已采用的信息编入本年度下一期简报并送审签发（信息科编辑）',
    run: async (ctx, argv) => {
      const actor = actorOf(ctx);
      authorize(actor, 'briefs.edit');
      let issueId: string;
      if (argv[1]) {
        const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
        const n = ISSUE_SERIES.parse(argv[1], year);
        const found = n ? await findIssueByNumber(deps.prisma, n.year, n.seq) : null;
        if (!found) throw notFound(`未找到简报${argv[1]}。用法：${ISSUE_USAGE}`);
        issueId = found.id;
      } else issueId = (await compileIssue(deps, actor)).id;
      await ctx.replyCard(await preview(deps, issueId));
    },
  });

  router.action(REMOVE_ACTION, async (ctx) => {
    const actor = actorOf(ctx);
    const issue = await editableIssue(deps, actor, ctx.action.value.issue);
    await removeItem(deps, actor, issue, ctx.action.value.item);
    return { toast: { type: 'success', content: '已移出本期' }, card: await preview(deps, issue.id) };
  });

  router.action(CONFIRM_ACTION, async (ctx) => {
    const actor = actorOf(ctx);
    const issue = await editableIssue(deps, actor, ctx.action.value.issue);
    await confirmIssue(deps, actor, issue);
    deps.outbox.kick();
    const steps = await issueStepsOf(deps.prisma, issue.id);
    const first = steps.find((s) => s.status === 'current');
    return {
      toast: { type: 'success', content: '已送审' },
      card: await preview(deps, issue.id, first ? `已送${first.personName}（${first.label}）。` : undefined),
    };
  });

  const decide = (verdict: Verdict) => async (ctx: ActionContext) => {
    const actor = actorOf(ctx);
    const form = stepForm.safeParse(ctx.action.formValue ?? {});
    if (!form.success) throw new BotError('stale_card', '卡片内容已失效。');
    const r = await decideStep(deps, actor, { step: ctx.action.value.step, version: ctx.action.value.version, verdict, comment: form.data.comment });
    deps.outbox.kick();
    let note = '';
    if (r.signed) {
      const p = await publishIssue(deps, r.issueId);
      note = p.groups ? `已签发并印发至 ${p.groups} 个信息群。` : '已签发；尚未绑定信息群，简报未发群。';
    }
    const issue = (await findIssue(deps.prisma, r.issueId))!;
    const step = (await issueStepsOf(deps.prisma, issue.id)).find((s) => s.id === ctx.action.value.step)!;
    const card = presentStepCard(await issueView(deps.prisma, issue), stepView(step), false);
    return { toast: { type: 'success' as const, content: note || (verdict === 'approve' ? '已通过' : '已退回') }, card };
  };
  router.action(APPROVE_ACTION, decide('approve'));
  router.action(RETURN_ACTION, decide('return'));
};
