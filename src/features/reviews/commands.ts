import { badInput, notFound } from '../../errors.js';
import type { CommandContext } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import { chatAudienceFor, routeAnswer } from '../../platform/audience.js';
import { beijingDate } from '../../platform/time.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize, can, everyActor, readDirectory, resolveUnit } from '../org/index.js';
import { parseOneLineSubmit } from './domain/one-line.js';
import { kindList } from './domain/kinds.js';
import { DRAFT_SERIES, DRAFT_TYPE } from './object-type.js';
import { reviewOpsSubcommands } from './ops/index.js';
import type { DraftSubject } from './policy.js';
import { presentChainCard } from './presenters/chain-card.js';
import { findDraftByNumber, returnedFileDrafts, stepsOf } from './repositories/drafts.js';
import { presentRevisedFileOffer } from './presenters/revised-file.js';
import { loadDraftView, loadTimeline } from './repositories/views.js';
import { submitFormCard, submittedText } from './submit-actions.js';
import type { ReviewSubcommand } from './subcommands.js';
import { submitDraft } from './use-cases/submit.js';
import { resubmit } from './use-cases/resubmit.js';

export const FEATURE = '文稿审核';

const CHAIN_USAGE = [
  '审核 提交 —— 打开提交表单（标题、类型、紧急程度、飞书文档链接、起草单位、说明）',
  '审核 提交 <标题> <飞书文档链接> [特急|加急|平件] [类型:<文稿类型>] [单位:<起草单位>] —— 一行提交',
  '审核 重新提交 <编号> —— 起草人修改后重新提交（同卡片上的「重新提交（修改稿）」）',
  '审核 <编号> —— 查看审核流程与办理记录，如「审核 审〔2026〕37号」',
  '也可把文稿文件（.docx、.doc、.pdf、.wps、.ofd）私聊发给助手，按提示填写后提交。',
];

/** 审核 提交 …, 审核 <编号>, and the desk's words (ops/) through one dispatcher. */
export function registerReviewCommands(router: Router, deps: FeatureDeps): void {
  const audience = chatAudienceFor(deps.messenger);
  const ops: ReviewSubcommand[] = reviewOpsSubcommands(deps);
  const usage = () => ['文稿审核指令：', ...CHAIN_USAGE, ...ops.map((o) => `${o.usage} —— ${o.summary}`), `文稿类型：${kindList()}。`].join('\n');

  const submit = async (ctx: CommandContext, argv: string[]) => {
    const actor = actorOf(ctx);
    authorize(actor, 'reviews.submit');
    if (!argv.length) return ctx.replyCard(await submitFormCard(deps, actor));
    const args = parseOneLineSubmit(argv);
    const unitId = args.unitName ? resolveUnit(await readDirectory(deps.prisma), args.unitName, { label: '起草单位' }).id : undefined;
    const { view } = await submitDraft(deps, actor, {
      title: args.title,
      kind: args.kind,
      ...(args.kindTyped ? { kindTyped: args.kindTyped } : {}),
      urgency: args.urgency,
      link: args.link ?? '',
      ...(unitId ? { unitId } : {}),
      note: args.note ?? '',
    });
    await ctx.replyText(submittedText(view));
  };

  const resubmitCommand = async (ctx: CommandContext, text: string) => {
    const n = DRAFT_SERIES.parse(text, Number(beijingDate(deps.clock.now()).slice(0, 4)));
    if (!n) throw badInput('用法：审核 重新提交 <编号>，如「审核 重新提交 审〔2026〕37号」。');
    const draft = await findDraftByNumber(deps.prisma, n.year, n.seq);
    if (!draft) throw notFound(`未找到审核文稿 ${DRAFT_SERIES.format(n)}。`);
    const v = await resubmit(deps, actorOf(ctx), draft.id, draft.version);
    const holder = v.steps.find((s) => s.status === 'current');
    await ctx.replyText(`已重新提交 ${v.number}（第${v.revision}版）${holder ? `，已送${holder.label} ${holder.personName}审核` : ''}。`);
  };

  const details = async (ctx: CommandContext, text: string) => {
    const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
    const n = DRAFT_SERIES.parse(text, year);
    if (!n) throw badInput(`无法识别「${text.slice(0, 30)}」。\n${usage()}`);
    const draft = await findDraftByNumber(deps.prisma, n.year, n.seq);
    if (!draft) throw notFound(`未找到审核文稿 ${DRAFT_SERIES.format(n)}。`);
    const subject: DraftSubject = {
      drafterId: draft.drafterId,
      unitId: draft.unitId,
      reviewerIds: (await stepsOf(deps.prisma, draft.id)).map((s) => s.personId),
    };
    authorize(actorOf(ctx), 'reviews.view', subject);
    // In the group only when every other member may see this draft; otherwise privately, said so in the group.
    const route = await routeAnswer(audience, { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId }, (members) =>
      everyActor(deps.sql, deps.bootstrapAdmins, members, (a) => can(a, 'reviews.view', subject).ok),
    );
    const [view, timeline] = await Promise.all([loadDraftView(deps.prisma, draft, deps.clock.now()), loadTimeline(deps.prisma, draft.id)]);
    const answer = {
      content: { type: 'card' as const, card: presentChainCard(view, 'detail', timeline) },
      key: `rv-detail:${ctx.message.messageId}`,
      tracks: { objectType: DRAFT_TYPE, objectId: draft.id, view: 'detail' },
    };
    if (route.kind === 'private') {
      await deps.outbox.deliver({ ...answer, to: { openId: ctx.actorOpenId }, origin: `command:${ctx.actorOpenId}` });
      return ctx.replyText(
        route.reason === 'unknown'
          ? '暂时无法核实本群成员范围，为确保信息安全，审核详情已私信发送给您，请查收。'
          : '该文稿的审核详情不宜在本群公开，已私信发送给您，请查收。',
      );
    }
    await deps.outbox.deliver({ ...answer, tracks: { ...answer.tracks, chatId: ctx.chatId }, to: { replyTo: ctx.message.messageId } });
  };

  router.command(
    {
      names: ['审核', 'review', 'shenhe'],
      feature: FEATURE,
      // Only the words that exist: the desk's (ops/) as they register.
      usage: `审核 [提交|<编号>${ops.map((o) => `|${o.words[0]}`).join('')}]`,
      summary: '文稿审核：提交送审、逐级审核、查看流程；发送「审核」查看全部用法',
      examples: ['审核 提交'],
    },
    async (ctx) => {
      const [sub, ...rest] = ctx.command.argv;
      if (sub === undefined || sub === '帮助') return ctx.replyText(usage());
      if (sub === '提交' || sub === '送审') return submit(ctx, rest);
      if (sub === '重新提交') return resubmitCommand(ctx, rest.join(' '));
      const op = ops.find((o) => o.words.includes(sub));
      if (op) return op.run(ctx, rest);
      return details(ctx, ctx.command.args);
    },
  );
}

/** A file sent to the bot in a DM: the submit form, bound to that file. */
export function registerReviewFiles(router: Router, deps: FeatureDeps): void {
  router.file({ feature: FEATURE, accepts: (f) => /\.(docx?|pdf|wps|ofd)$/i.test(f.name) }, async (ctx) => {
    const actor = actorOf(ctx);
    authorize(actor, 'reviews.submit');
    const file = ctx.message.file!;
    const sent = { messageId: ctx.message.messageId, key: file.key, name: file.name };
    // With drafts back for 修改, the file may be the revised one: offered first, the new-draft form after.
    const returned = actor.person ? await returnedFileDrafts(deps.prisma, actor.person.id) : [];
    if (returned.length) await ctx.replyCard(presentRevisedFileOffer(returned, sent));
    await ctx.replyCard(await submitFormCard(deps, actor, { file: sent }));
  });
}
