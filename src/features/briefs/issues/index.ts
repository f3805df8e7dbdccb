import { z } from 'zod';
import { BotError, notFound } from '../../../errors.js';
import type { ActionContext } from '../../../router/context.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { ISSUE_SERIES } from '../object-type.js';
import { findIssueByNumber } from '../repositories/issues.js';
import type { BriefPart } from '../subcommands.js';
import { APPROVE_ACTION, CONFIRM_ACTION, REMOVE_ACTION, RETURN_ACTION } from './presenters/issue-cards.js';
import { loadIssueCards, postEditorCard, stepCardView } from './use-cases/cards.js';
import { compileIssue, confirmIssue, editableIssue, removeItem } from './use-cases/compile.js';
import { decideStep, type Verdict } from './use-cases/decide.js';
import { publishIssue } from './use-cases/publish.js';
import { signedIssueIds } from './repositories/publishing.js';

/** Retries 印发 of issues 签发 but not yet out (a failed build, upload or write). */
export const PUBLISH_JOB = 'briefs.issue.publish';

export const ISSUE_USAGE = '信息 编期 [第N期]';

const stepForm = z.object({ comment: z.string().max(500).optional().default('') });

/** The editor's preview as it now is (a click's answer replaces the clicked card with it). */
const preview = async (deps: FeatureDeps, issueId: string) => (await loadIssueCards(deps.prisma, issueId)).present('editor');

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
      // Tracked (platform/cards): the preview follows the chain in place.
      await deps.prisma.$transaction(async (tx) =>
        postEditorCard(tx, await loadIssueCards(tx, issueId), { messageId: ctx.message.messageId, chatId: ctx.chatId }),
      );
      deps.outbox.kick();
    },
  });

  router.action(REMOVE_ACTION, async (ctx) => {
    const actor = actorOf(ctx);
    const issue = await editableIssue(deps, actor, ctx.action.value.issue);
    await removeItem(deps, actor, issue, ctx.action.value.item, ctx.action.messageId);
    deps.outbox.kick();
    return { toast: { type: 'success', content: '已移出本期' }, card: await preview(deps, issue.id) };
  });

  router.action(CONFIRM_ACTION, async (ctx) => {
    const actor = actorOf(ctx);
    const issue = await editableIssue(deps, actor, ctx.action.value.issue);
    await confirmIssue(deps, actor, issue, ctx.action.messageId);
    deps.outbox.kick();
    const cards = await loadIssueCards(deps.prisma, issue.id);
    const first = cards.view.chain.find((s) => s.current);
    return { toast: { type: 'success', content: first ? `已送${first.personName}（${first.label}）` : '已送审' }, card: cards.present('editor') };
  });

  const decide = (verdict: Verdict) => async (ctx: ActionContext) => {
    const actor = actorOf(ctx);
    const form = stepForm.safeParse(ctx.action.formValue ?? {});
    if (!form.success) throw new BotError('stale_card', '卡片内容已失效。');
    const r = await decideStep(deps, actor, {
      step: ctx.action.value.step,
      version: ctx.action.value.version,
      verdict,
      comment: form.data.comment,
      messageId: ctx.action.messageId,
    });
    deps.outbox.kick();
    let note = '';
    if (r.signed) {
      // 签发 is committed: answer the click now (Lark waits 3 s for it) and let 印发 — building the .docx and
      // uploading it — run after it; a failure stays 已签发 and the briefs.issue.publish sweep retries it.
      const issueId = r.issueId;
      router.trackWork(
        publishIssue(deps, issueId).then(
          (outcome) => deps.log.info({ issue: issueId, outcome }, 'briefs issue publish after sign-off'),
          (err: unknown) => deps.log.error({ err, issue: issueId }, 'briefs issue publish after sign-off failed'),
        ),
      );
      note = '已签发；简报正在生成，稍后印发至信息群。';
    }
    const card = (await loadIssueCards(deps.prisma, r.issueId)).present(stepCardView({ id: String(ctx.action.value.step) }));
    return { toast: { type: 'success' as const, content: note || (verdict === 'approve' ? '已通过' : '已退回') }, card };
  };
  router.action(APPROVE_ACTION, decide('approve'));
  router.action(RETURN_ACTION, decide('return'));

  router.job({
    name: PUBLISH_JOB,
    label: '简报印发重试',
    description: '已签发但未能印发（文件生成、上传失败）的简报，每 5 分钟重试一次，直至发到信息群',
    cron: '*/5 * * * *',
    // Most runs have nothing to do: a minute with no 已签发 issue is passed over, not recorded.
    pending: async () => (await signedIssueIds(deps.prisma)).length > 0,
    handler: async ({ log }) => {
      for (const id of await signedIssueIds(deps.prisma)) log.info({ issue: id, outcome: await publishIssue(deps, id) }, 'briefs issue publish retry');
    },
  });
};
