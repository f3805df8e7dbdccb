import { badInput } from '../../../errors.js';
import type { CommandContext } from '../../../router/context.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { TOPIC_SERIES } from '../object-type.js';
import { findTopicByNumber } from '../repositories/topics.js';
import type { CommandWords, MeetingSubcommand, TopicSubcommand } from '../subcommands.js';
import { parseMeetingLine, startOf, NEW_MEETING_EXAMPLE } from './domain/line.js';
import { arrange, type ArrangeOp } from './use-cases/arrange.js';
import { cancelMeeting, moveMeeting } from './use-cases/change.js';
import { proposeMeeting } from './use-cases/create.js';
import { arrangeCard } from './use-cases/load.js';
import { postponeTopics } from './use-cases/postpone.js';
import { publishAgenda } from './use-cases/publish.js';
import { findMeetingTyped, meetingByNumber, meetingList, officeOnly, topicByNumber, topicList } from './use-cases/queries.js';
import { answerTopicsQuery } from './answer.js';
import { whenText } from './presenters/text.js';
import { parseCount } from '../../../platform/phrases/index.js';

const MEETING_NO = '县政府第1次常务会议';
const TOPIC_NO = '议〔2026〕12号';

/** The words of the meetings part (t14-meetings): `会议 新建 / 议程 / 加入 / 移出 / 排序 / 发布 / 改期 / 取消 / 顺延 / 列表`, `议题 列表`. */
export function meetingsCommandWords(deps: FeatureDeps): CommandWords {
  const year = () => Number(beijingDate(deps.clock.now()).slice(0, 4));
  const need = (v: string | undefined, usage: string) => {
    if (!v) throw badInput(`用法：${usage}`);
    return v;
  };
  const topicTyped = async (text: string) => {
    const n = TOPIC_SERIES.parse(text, year());
    const t = n ? await findTopicByNumber(deps.prisma, n.year, n.seq) : null;
    if (!t) throw badInput(`未找到议题「${text.slice(0, 30)}」。议题编号如「${TOPIC_NO}」，发送「议题 列表」查看。`);
    return t;
  };
  const onAgenda = (op: ArrangeOp, usage: string, done: string) => async (ctx: CommandContext, argv: readonly string[]) => {
    const actor = actorOf(ctx);
    authorize(actor, 'topics.office');
    const m = await findMeetingTyped(deps, need(argv[0], usage));
    const t = await topicTyped(need(argv[1], usage));
    const r = await arrange(deps, actor, { meetingId: m.id, topicId: t.id }, op);
    await ctx.replyCard(await arrangeCard(deps, r.meeting.id, `${done}：${t.number} ${t.title}`));
  };

  const meeting: MeetingSubcommand[] = [
    {
      words: ['新建', '新增'],
      usage: '会议 新建 <类型> <日期时间> <地点>',
      summary: `新建会议（办公室），如「${NEW_MEETING_EXAMPLE}」`,
      run: async (ctx, argv) => ctx.replyCard(await proposeMeeting(deps, actorOf(ctx), argv)),
    },
    {
      words: ['列表', '清单'],
      usage: '会议 列表',
      summary: '查看近期会议',
      run: async (ctx) => ctx.replyCard(await meetingList(deps, actorOf(ctx))),
    },
    {
      words: ['议程', '安排'],
      usage: '会议 议程 <会议编号>',
      summary: '安排议程：列入、排序、移出议题并发布（办公室）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'topics.office');
        const m = await findMeetingTyped(deps, need(argv[0], '会议 议程 <会议编号>'));
        await answerTopicsQuery(deps, ctx, officeOnly(await arrangeCard(deps, m.id)));
      },
    },
    {
      words: ['加入', '列入'],
      usage: '会议 加入 <会议编号> <议题编号>',
      summary: '将待列入议程的议题列入会议议程（办公室）',
      run: onAgenda({ kind: 'add' }, `会议 加入 ${MEETING_NO} ${TOPIC_NO}`, '已列入议程'),
    },
    {
      words: ['移出'],
      usage: '会议 移出 <会议编号> <议题编号>',
      summary: '将议题移出议程，回到待列入议程（办公室）',
      run: onAgenda({ kind: 'remove' }, `会议 移出 ${MEETING_NO} ${TOPIC_NO}`, '已移出议程'),
    },
    {
      words: ['排序', '调整'],
      usage: '会议 排序 <会议编号> <议题编号> <位置>',
      summary: '调整议题在议程中的顺序（办公室）',
      run: async (ctx, argv) => {
        authorize(actorOf(ctx), 'topics.office');
        const usage = `会议 排序 ${MEETING_NO} ${TOPIC_NO} 2`;
        const to = parseCount(need(argv[2], usage).replace(/^第|项$/g, ''));
        if (to === undefined || to < 1) throw badInput(`请写明议题在议程中的位置（第几项），如「${usage}」。`);
        return onAgenda({ kind: 'move', to }, usage, `已调整为第${to}项`)(ctx, argv);
      },
    },
    {
      words: ['发布'],
      usage: '会议 发布 <会议编号>',
      summary: '发布议程至会议群并私信汇报人和列席单位（办公室）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'topics.office');
        const m = await findMeetingTyped(deps, need(argv[0], `会议 发布 ${MEETING_NO}`));
        const r = await publishAgenda(deps, actor, { meetingId: m.id });
        const missing = r.unreachable.length ? `；${r.unreachable.join('、')}未绑定飞书账号，未能私信` : '';
        await ctx.replyText(`${m.number}议程已发布至会议群，已私信${r.sent}人${missing}。`);
      },
    },
    {
      words: ['改期'],
      usage: '会议 改期 <会议编号> <日期时间>',
      summary: '调整会议时间，议程卡片和会前提醒随之调整（办公室）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'topics.office');
        const usage = `会议 改期 ${MEETING_NO} 12月9日上午9:00`;
        const m = await findMeetingTyped(deps, need(argv[0], usage));
        const when = argv.slice(1);
        if (!when.length) throw badInput(`用法：${usage}`);
        // The one-line parser wants a type and a place around the time: give it the meeting's.
        const line = parseMeetingLine(['_', ...when, m.place], { today: beijingDate(deps.clock.now()), calendar: deps.calendar.current() });
        const moved = await moveMeeting(deps, actor, m.id, startOf(line.date.date, line.startMinute));
        await ctx.replyText(`${moved.number}已改期至${whenText(moved.startsAt)}。`);
      },
    },
    {
      words: ['取消'],
      usage: '会议 取消 <会议编号>',
      summary: '取消会议，议题回到待列入议程（办公室）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'topics.office');
        const m = await findMeetingTyped(deps, need(argv[0], `会议 取消 ${MEETING_NO}`));
        const done = await cancelMeeting(deps, actor, m.id);
        await ctx.replyText(`${done.number}已取消，议程中的议题已回到待列入议程，会前提醒已取消。`);
      },
    },
    {
      words: ['顺延'],
      usage: '会议 顺延 <会议编号> [议题编号]',
      summary: '未及审议的议题顺延至下次同类会议，审核结果保留（办公室）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'topics.office');
        const m = await findMeetingTyped(deps, need(argv[0], `会议 顺延 ${MEETING_NO}`));
        const topicId = argv[1] ? (await topicTyped(argv[1])).id : undefined;
        const r = await postponeTopics(deps, actor, { meetingId: m.id, ...(topicId ? { topicId } : {}) });
        await ctx.replyText(`${r.numbers.join('、')}${r.next ? `已顺延至${r.next.number}，列于议程前列` : '已顺延，回到待列入议程，将优先列入下次会议'}。`);
      },
    },
  ];

  const topic: TopicSubcommand[] = [
    {
      words: ['列表', '清单', '查询'],
      usage: '议题 列表 [状态] [单位] [会议类型]',
      summary: '查看议题，可按状态、单位、会议类型筛选',
      run: async (ctx, argv) => answerTopicsQuery(deps, ctx, await topicList(deps, actorOf(ctx), argv)),
    },
  ];

  return {
    topic,
    meeting,
    topicByNumber: async (ctx, text) => answerTopicsQuery(deps, ctx, await topicByNumber(deps, actorOf(ctx), text)),
    meetingByNumber: async (ctx, text) => answerTopicsQuery(deps, ctx, await meetingByNumber(deps, actorOf(ctx), text)),
  };
}
