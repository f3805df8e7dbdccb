import { badInput } from '../../errors.js';
import type { Card } from '../../cards/types.js';
import type { CommandContext } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import { chatAudienceFor } from '../../platform/audience.js';
import { parseDatePhrase, parseTimePhrase } from '../../platform/phrases/index.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize, readDirectory, resolveLeader } from '../org/index.js';
import { scheduleBroadcastSubcommands } from './broadcast/index.js';
import { scheduleExchangeSubcommands } from './exchange/index.js';
import { overlaps } from './domain/conflicts.js';
import { dayPartOf } from './domain/input.js';
import { ONE_LINE_EXAMPLE, parseOneLine } from './domain/one-line.js';
import { visibleText } from './domain/visibility.js';
import { presentEntryCard, presentEntryChoice } from './presenters/entry-card.js';
import { presentEntryForm } from './presenters/form.js';
import { leaderLabel } from './presenters/text.js';
import { entriesOfDay } from './repositories/entries.js';
import type { ScheduleSubcommand } from './subcommands.js';
import { authorizeSomeKeeping } from './policy.js';
import { AWAY_EXAMPLE, addAway, cancelAway } from './use-cases/away.js';
import { dateText, leaderOf, leadersIn, scheduleActor, todayOf } from './use-cases/directory.js';
import { openAddForm, valuesOf } from './use-cases/form.js';
import { proposeEntry } from './use-cases/propose.js';
import { PERIOD_WORDS, scheduleCard } from './use-cases/queries.js';

const FEATURE = '领导日程';
const PICK_EXAMPLE = '张县长 明天上午';

/** 日程 新增 / 修改 / 取消 / 外出 and the queries: the entries' side of the 日程 command. */
export function scheduleCoreSubcommands(deps: FeatureDeps): ScheduleSubcommand[] {
  const audience = chatAudienceFor(deps.messenger);
  const rest = (ctx: CommandContext) => ctx.command.args.slice((ctx.command.argv[0] ?? '').length).trim();

  /** The entries a 修改/取消 names: `<领导> <日期>[时间]`, of a leader this person keeps. */
  const pick = async (ctx: CommandContext, argv: readonly string[], verb: string) => {
    const [leaderText, whenText = '今天', timeText] = argv;
    const actor = await scheduleActor(deps, actorOf(ctx));
    authorizeSomeKeeping(actor);
    if (!leaderText) throw badInput(`请写明领导和日期，如「日程 ${verb} ${PICK_EXAMPLE}」。`);
    const dir = await readDirectory(deps.prisma);
    const leader = resolveLeader(dir, leaderText, { label: '领导', mentions: ctx.command.mentions });
    authorize(actor, 'schedule.keep', { leaderId: leader.id });
    const today = todayOf(deps);
    const calendar = deps.calendar.current();
    let date: string | undefined;
    let time = timeText;
    for (let i = whenText.length; i > 0 && !date; i--) {
      try {
        date = parseDatePhrase(whenText.slice(0, i), { today, calendar }).date;
        if (i < whenText.length) time = whenText.slice(i);
      } catch {
        /* a shorter head may be the date */
      }
    }
    if (!date) date = parseDatePhrase(whenText, { today, calendar, label: '日期' }).date;
    let entries = (await entriesOfDay(deps.prisma, date, [leader.id])).filter((e) => e.status !== 'cancelled');
    if (time) {
      const span = { ...dayPartOf(parseTimePhrase(time, '时间')), date, leaderId: leader.id, place: '', status: 'confirmed' as const };
      entries = entries.filter((e) => overlaps(e, span));
    }
    const leaders = leadersIn(deps, dir);
    if (!entries.length) throw badInput(`未找到${leaderLabel(leaderOf(leaders, leader.id))}${dateText(deps, date)}${time ? ` ${time}` : ''}的日程。`);
    return { entries, leaders, date };
  };

  const add = async (ctx: CommandContext) => {
    const actor = await scheduleActor(deps, actorOf(ctx));
    authorizeSomeKeeping(actor);
    const text = rest(ctx);
    if (!text) return ctx.replyCard(await openAddForm(deps, actor));
    const line = parseOneLine(text, { today: todayOf(deps), calendar: deps.calendar.current() });
    return ctx.replyCard(
      await proposeEntry(deps, actor, {
        leader: { name: line.leader },
        raw: line.raw,
        mentions: ctx.command.mentions,
        chat: { chatId: ctx.chatId, chatType: ctx.message.chatType },
      }),
    );
  };

  /**
   * A card that shows entries as their keeper sees them (every field, 不公开 included): answered in place in
   * a direct chat; asked in a group, sent to the asker privately and the group told only that.
   */
  const answerKeeper = async (ctx: CommandContext, card: Card, what: string) => {
    if (ctx.message.chatType === 'p2p') return ctx.replyCard(card);
    await deps.outbox.deliver({
      to: { openId: ctx.actorOpenId },
      content: { type: 'card', card },
      key: `sched-private:${ctx.message.messageId}`,
      origin: `command:${ctx.actorOpenId}`,
    });
    await ctx.replyText(`${what}已私信发送给您，请在与助手的单聊中操作。`);
  };

  const modify = async (ctx: CommandContext, argv: readonly string[]) => {
    const { entries, leaders } = await pick(ctx, argv, '修改');
    if (entries.length > 1)
      return answerKeeper(
        ctx,
        presentEntryChoice(
          '请选择要修改的日程',
          entries.map((e) => ({ entry: e, text: visibleText(e, 'keeper')! })),
        ),
        '待选日程',
      );
    const e = entries[0]!;
    return answerKeeper(ctx, presentEntryForm({ leaders: leaders.filter((l) => l.id === e.leaderId), values: valuesOf(e), entry: e }), '修改表单');
  };

  const cancel = async (ctx: CommandContext, argv: readonly string[]) => {
    const { entries, leaders } = await pick(ctx, argv, '取消');
    if (entries.length > 1)
      return answerKeeper(
        ctx,
        presentEntryChoice(
          '请选择要取消的日程',
          entries.map((e) => ({ entry: e, text: visibleText(e, 'keeper')! })),
        ),
        '待选日程',
      );
    const e = entries[0]!;
    return answerKeeper(
      ctx,
      presentEntryCard(e, leaderOf(leaders, e.leaderId), dateText(deps, e.date), {
        title: '请确认取消日程',
        note: '点击「取消日程」后，各群的日程将同步更新。',
      }),
      '取消确认卡片',
    );
  };

  return [
    {
      command: '日程',
      words: ['新增', '添加', '录入'],
      usage: `日程 新增 [<日期时间> <领导> [地点] <活动>]`,
      summary: '新增领导日程：一句话录入或打开表单（秘书）',
      run: add,
    },
    {
      command: '日程',
      words: ['修改'],
      usage: `日程 修改 <领导> <日期>[时间]`,
      summary: '修改领导日程（秘书）',
      run: (ctx, argv) => modify(ctx, argv.slice(1)),
    },
    {
      command: '日程',
      words: ['取消'],
      usage: `日程 取消 <领导> <日期>[时间]`,
      summary: '取消领导日程（秘书）',
      run: (ctx, argv) => cancel(ctx, argv.slice(1)),
    },
    {
      command: '日程',
      words: ['外出'],
      usage: '日程 外出 [取消] <领导> <起止日期> <目的地> [事由]',
      summary: '登记或撤销领导外出（秘书）',
      run: async (ctx, argv) => {
        const actor = await scheduleActor(deps, actorOf(ctx));
        authorizeSomeKeeping(actor);
        // 日程 外出 取消 <领导> <日期> withdraws one; anything else records one.
        if (argv[1] === '取消' || argv[1] === '撤销') return ctx.replyText(await cancelAway(deps, actor, argv.slice(2), ctx.command.mentions));
        return ctx.replyText(await addAway(deps, actor, argv.slice(1), ctx.command.mentions));
      },
    },
    {
      command: '日程',
      words: [...PERIOD_WORDS],
      usage: '日程 今天|明天|本周|下周',
      summary: '查看领导日程',
      run: async (ctx, argv) =>
        ctx.replyCard(
          await scheduleCard(
            deps,
            audience,
            { chatId: ctx.chatId, chatType: ctx.message.chatType, actor: await scheduleActor(deps, actorOf(ctx)) },
            { period: argv[0]! },
          ),
        ),
    },
  ];
}

export function registerScheduleCommands(router: Router, deps: FeatureDeps): void {
  const subs = [...scheduleCoreSubcommands(deps), ...scheduleBroadcastSubcommands(deps), ...scheduleExchangeSubcommands(deps)];
  const audience = chatAudienceFor(deps.messenger);
  const usage = (command: '日程' | '值班') =>
    [`${command}指令：`, ...subs.filter((s) => s.command === command).map((s) => `${s.usage} —— ${s.summary}`)]
      .concat(command === '日程' ? ['日程 <领导> [今天|明天|本周|下周] —— 查看某位领导的日程', `例如：${ONE_LINE_EXAMPLE}`, `例如：${AWAY_EXAMPLE}`] : [])
      .join('\n');
  const dispatch = (command: '日程' | '值班') => async (ctx: CommandContext) => {
    const [word] = ctx.command.argv;
    if (word === undefined || word === '帮助') return ctx.replyText(usage(command));
    const sub = subs.find((s) => s.command === command && s.words.includes(word));
    if (sub) return sub.run(ctx, ctx.command.argv);
    if (command === '值班') return ctx.replyText(`无法识别「${word.slice(0, 20)}」。\n${usage(command)}`);
    // 日程 12月8日 / 日程 张县长 下周: a date is a day's query, anything else names a leader.
    const asked = { chatId: ctx.chatId, chatType: ctx.message.chatType, actor: await scheduleActor(deps, actorOf(ctx)), mentions: ctx.command.mentions };
    let isDate = false;
    try {
      parseDatePhrase(word, { today: todayOf(deps), calendar: deps.calendar.current() });
      isDate = true;
    } catch {
      /* not a date: a leader */
    }
    if (isDate) return ctx.replyCard(await scheduleCard(deps, audience, asked, { period: word }));
    return ctx.replyCard(await scheduleCard(deps, audience, asked, { period: ctx.command.argv[1] ?? '本周', leader: word }));
  };
  router.command(
    {
      names: ['日程', 'richeng'],
      feature: FEATURE,
      usage: '日程 [今天|明天|本周|下周|新增]',
      summary: '领导日程：查询、录入、修改、取消与外出登记；发送「日程」查看全部用法',
      examples: ['日程 今天', '日程 本周'],
    },
    dispatch('日程'),
  );
  if (subs.some((s) => s.command === '值班'))
    router.command({ names: ['值班'], feature: FEATURE, usage: '值班 [导入|新增]', summary: '节假日值班表；发送「值班」查看全部用法' }, dispatch('值班'));
}
