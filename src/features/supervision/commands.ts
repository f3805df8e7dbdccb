import { badInput, notFound } from '../../errors.js';
import type { CommandContext } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import type { OutboxItem } from '../../platform/outbox/outbox.js';
import { chatAudienceFor, type AnswerRoute } from '../../platform/audience.js';
import { beijingDate } from '../../platform/time.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize, formLists, rankOrder, readDirectory, resolveLeader } from '../org/index.js';
import { parseOneLineCreate } from './schemas.js';
import { duplicateConfirmCard } from './use-cases/confirm-duplicate.js';
import { ITEM_SERIES } from './object-type.js';
import { presentCreateForm } from './presenters/forms.js';
import { presentItemCard } from './presenters/item-card.js';
import { presentItemList, presentReport } from './presenters/reports.js';
import { privateNotice, routeCreatedAnswer, routeItemsAnswer, routeReportAnswer } from './audience.js';
import { exportLedger } from './export.js';
import { buildReport, FILTER_LABEL, itemWhere, listItems, subjectsOf, type ListFilter } from './queries.js';
import { findItemByNumber } from './repository.js';
import { FILTER_CHOICES, isFilterWord, SUPERVISION_COMMANDS } from './command-words.js';
import { createItem, DuplicateItemError } from './use-cases/create-item.js';
import { actOnItem } from './use-cases/act-on-item.js';
import { tracks } from './use-cases/publish.js';
import { readItemByNumber, readItemView, readTimeline } from './read-model.js';

const FEATURE = '督查督办';
function parseFilter(argv: string[]): ListFilter {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
    case '在办':
      return { kind: 'open' };
    case '我的':
      return { kind: 'mine' };
    case '本单位':
      return { kind: 'my_unit' };
    case '领导':
      if (!rest.length) throw badInput('请写明领导姓名，如「督办 领导 李明」。');
      return { kind: 'leader', leaderName: rest.join('') };
    case '超期':
      return { kind: 'overdue' };
    case '本周到期':
      return { kind: 'due_this_week' };
    case '全部':
      return { kind: 'all' };
    default:
      throw badInput(`无法识别筛选条件「${first.slice(0, 20)}」。可用：${FILTER_CHOICES.split('|').join('、')}。`);
  }
}

const C = SUPERVISION_COMMANDS;
const USAGE = [
  '督办指令：',
  `${C.create} —— 打开立项表单（督查员）`,
  `${C.create} <工作内容> 单位:<承办单位> 期限:<如 12月18日、下周五、10个工作日> [领导:<负责领导，不写则为承办单位的分管领导>] [责任人:<姓名>] [标准:<工作标准>] [回访:<办结后N个工作日>]`,
  `${C.list} [${FILTER_CHOICES}] —— 查看事项（默认在办事项）`,
  `督办 [${FILTER_CHOICES}] —— 同上的简写，如「${C.mine}」「${C.overdue}」；也可发送「督办列表」「我的督办」`,
  `${C.export} [${FILTER_CHOICES}] —— 导出台账 Excel 文件（默认全部）`,
  '督办 <编号> —— 查看详情和办理记录，如「督办 督〔2026〕15号」',
  `${C.report} —— 发布督查通报`,
  '督办 撤销 <编号> <理由> —— 撤销事项（督查员）',
].join('\n');

export function registerSupervisionCommands(router: Router, deps: FeatureDeps): void {
  // Who is in each chat, looked up when an answer shows items (cached briefly: one lookup per chat a minute).
  const audience = chatAudienceFor(deps.messenger);
  /** Sends `content` privately to the asker and tells the chat so (`note`); `key` is the answer's own outbox key. */
  const answerPrivately = async (
    ctx: CommandContext,
    route: Extract<AnswerRoute, { kind: 'private' }>,
    item: Omit<OutboxItem, 'to' | 'origin'>,
    note = privateNotice(route),
  ) => {
    const origin = `command:${ctx.actorOpenId}`;
    await deps.outbox.deliver({ ...item, to: { openId: ctx.actorOpenId }, origin });
    await ctx.replyText(note);
  };

  const create = async (ctx: CommandContext, rest: string) => {
    const actor = actorOf(ctx);
    authorize(actor, 'supervision.create');
    if (!rest) return ctx.replyCard(presentCreateForm(formLists(await readDirectory(deps.prisma), rankOrder(deps.settings.leaderRanks))));
    const args = parseOneLineCreate(rest);
    const once = `msg:${ctx.message.messageId}`;
    let result;
    try {
      result = await createItem(
        deps,
        actor,
        {
          content: args.content,
          standard: args.标准,
          unit: { name: args.单位 },
          personName: args.责任人,
          ...(args.领导 ? { leader: { name: args.领导 } } : {}),
          mentions: ctx.command.mentions,
          deadline: args.期限,
          sourceType: 'instruction',
          sourceRef: args.文号 ?? args.来源,
          followUp: args.回访,
        },
        { chatId: ctx.chatId, once },
      );
    } catch (err) {
      // Entered twice within a day: asked first, created only on 确认重复立项 (under this message's key).
      if (err instanceof DuplicateItemError) return ctx.replyCard(duplicateConfirmCard(deps, err, once));
      throw err;
    }
    const { item, view, notes } = result;
    // In a group only when it is a 督查 group or every member may see the item; else in the asker's DM, tracked there.
    const created = {
      content: { type: 'card' as const, card: presentItemCard(view, 'group') },
      key: `sv-created:${item.id}`,
      tracks: tracks(item.id, 'group'),
    };
    const route = await routeCreatedAnswer(deps, audience, ctx, { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId });
    if (route.kind === 'private') await answerPrivately(ctx, route, created, `已立项。${privateNotice(route, '事项卡片')}`);
    else await deps.outbox.deliver({ ...created, tracks: tracks(item.id, 'group', ctx.chatId), to: { replyTo: ctx.message.messageId } });
    if (notes.length) await ctx.replyText(notes.join('\n'));
  };

  const details = async (ctx: CommandContext, text: string) => {
    const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
    const n = ITEM_SERIES.parse(text, year);
    if (!n) throw badInput(`无法识别「${text}」。${USAGE}`);
    const read = await readItemByNumber(deps.sql, n.year, n.seq);
    if (!read) throw notFound(`未找到督办事项 ${ITEM_SERIES.format(n)}。`);
    const { item } = read;
    const subject = { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId };
    authorize(actorOf(ctx), 'supervision.view', subject);
    const route = await routeItemsAnswer(deps, audience, ctx, async () => [subject]);
    const [view, timeline] = await Promise.all([
      readItemView(deps.sql, read, beijingDate(deps.clock.now()), deps.calendar.current()),
      readTimeline(deps.sql, item.id),
    ]);
    // Tracked where it was sent: later changes re-render the card in that chat only (a DM stays a DM).
    const answer = {
      content: { type: 'card' as const, card: presentItemCard(view, 'detail', timeline) },
      key: `sv-detail:${ctx.message.messageId}`,
      tracks: tracks(item.id, 'detail'),
    };
    if (route.kind === 'private') return answerPrivately(ctx, route, answer);
    await deps.outbox.deliver({ ...answer, to: { replyTo: ctx.message.messageId } });
  };

  const list = async (ctx: CommandContext, argv: string[]) => {
    let filter = parseFilter(argv);
    // 督办 领导 吴县长 / @吴副县长: the leader as the directory knows them, or 是否为 — never an empty list for a typo.
    if (filter.kind === 'leader')
      filter = { kind: 'leader', leaderName: resolveLeader(await readDirectory(deps.prisma), filter.leaderName, { mentions: ctx.command.mentions }).name };
    const actor = actorOf(ctx);
    const { rows, total } = await listItems(deps, actor, filter);
    const card = presentItemList(`督办事项 · ${FILTER_LABEL[filter.kind]}（${total} 项）`, rows, total);
    const route = total
      ? await routeItemsAnswer(deps, audience, ctx, async () => subjectsOf(deps, await itemWhere(deps, actor, filter, beijingDate(deps.clock.now()))))
      : ({ kind: 'here' } as const);
    if (route.kind === 'private') return answerPrivately(ctx, route, { content: { type: 'card', card }, key: `sv-list:${ctx.message.messageId}` });
    return ctx.replyCard(card);
  };

  const spec = {
    names: ['督办', 'duban', '督查'],
    feature: FEATURE,
    usage: '督办 [新建|我的|列表|超期|通报|导出|<编号>]',
    summary: '督查督办台账：立项、查询、通报、导出；发送「督办」查看全部用法',
    examples: [C.mine, C.list, C.overdue, C.dueThisWeek, C.create],
  };
  router.command(spec, async (ctx) => {
    const [sub, ...rest] = ctx.command.argv;
    const restText = ctx.command.args.slice((sub ?? '').length).trim();
    // 督办 我的 / 督办 超期 …: a filter word right after 督办 is a list, as people naturally type it.
    if (isFilterWord(sub)) return list(ctx, ctx.command.argv);
    switch (sub) {
      case undefined:
      case '帮助':
        return ctx.replyText(USAGE);
      case '新建':
      case '立项':
        return create(ctx, restText);
      case '列表':
      case '查询':
        return list(ctx, rest);
      case '导出': {
        // The whole ledger by default (列表 defaults to open items); still only what the asker may see.
        const filter: ListFilter = rest.length ? parseFilter(rest) : { kind: 'all' };
        await exportLedger(deps, actorOf(ctx), filter, {
          chatId: ctx.chatId,
          replyTo: ctx.message.messageId,
          route: (where) => routeItemsAnswer(deps, audience, ctx, () => subjectsOf(deps, where)),
        });
        return;
      }
      case '撤销': {
        const [numberText, ...reason] = rest;
        const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
        const n = numberText ? ITEM_SERIES.parse(numberText, year) : undefined;
        if (!n || !reason.length) throw badInput('用法：督办 撤销 <编号> <撤销理由>，如「督办 撤销 督〔2026〕15号 已并入第20号事项」。');
        const item = await findItemByNumber(deps.prisma, n.year, n.seq);
        if (!item) throw notFound(`未找到督办事项 ${ITEM_SERIES.format(n)}。`);
        await actOnItem(deps, actorOf(ctx), item.id, { action: 'cancel', reason: reason.join(' ') });
        return ctx.replyText(`已撤销 ${item.number}，相关卡片已更新。`);
      }
      case '通报': {
        authorize(actorOf(ctx), 'supervision.report');
        const report = {
          content: { type: 'card' as const, card: presentReport(await buildReport(deps, '督查通报')) },
          key: `sv-report:${ctx.message.messageId}`,
        };
        const route = await routeReportAnswer(deps, audience, ctx);
        if (route.kind === 'private') return answerPrivately(ctx, route, report, privateNotice(route, '督查通报'));
        return ctx.replyCard(report.content.card);
      }
      default:
        return details(ctx, ctx.command.args);
    }
  });
  // Written without the space, or the other way round: 督办列表 [筛选], 我的督办.
  router.command({ names: ['督办列表'], feature: FEATURE, usage: `督办列表 [${FILTER_CHOICES}]`, summary: `同「${C.list}」` }, (ctx) =>
    list(ctx, ctx.command.argv),
  );
  router.command({ names: ['我的督办'], feature: FEATURE, usage: '我的督办', summary: `同「${C.mine}」：与我相关的督办事项` }, (ctx) =>
    list(ctx, ['我的', ...ctx.command.argv]),
  );
}
