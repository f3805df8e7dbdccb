import { badInput } from '../../../errors.js';
import type { CommandContext } from '../../../router/context.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { TOPIC_OUTCOME_LABEL, type TopicOutcome } from '../domain/topic-fields.js';
import type { CommandWords, MeetingSubcommand } from '../subcommands.js';
import { presentImplementation } from './presenters/implementation.js';
import { draftMinutes } from './use-cases/draft.js';
import { checkImplemented, implementationOf } from './use-cases/issue.js';
import { meetingByNumber, topicByNumber, topicOnAgenda } from './use-cases/lookup.js';
import { topicSubject } from '../view.js';
import { recordCard } from './use-cases/record-card.js';
import { holdMeeting, parseOutcome, recordDecision, recordOutcome } from './use-cases/record.js';
import { topicsOnMeeting } from '../repositories/topics.js';
import { findMeeting } from '../repositories/meetings.js';

/** `key:value` fields of a one-line command (承办:县财政局 领导:王副县长 时限:12月31日); the rest is the content. */
export function splitFields(argv: readonly string[], keys: Record<string, readonly string[]>): { rest: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const raw of argv) {
    const token = raw.normalize('NFKC');
    const m = /^([^:]+):(.*)$/.exec(token);
    const key = m ? Object.keys(keys).find((k) => keys[k]!.includes(m[1]!.trim())) : undefined;
    if (m && key) fields[key] = `${fields[key] ? `${fields[key]} ` : ''}${m[2]!.trim()}`;
    else rest.push(raw);
  }
  return { rest: rest.join(' ').trim(), fields };
}

const DECISION_KEYS = { unit: ['承办', '承办单位', '单位'], leader: ['领导', '负责领导'], deadline: ['时限', '期限', '完成时限'] } as const;

/** 议定事项与纪要's words under `会议`: 召开, 结果, 议定, 纪要, 落实. */
export function minutesCommandWords(deps: FeatureDeps): CommandWords {
  /** A word sent bare (from the help card): what it does and how to write it, as an answer, not a refusal. */
  const bare = (ctx: CommandContext, argv: readonly string[], n: number, sub: MeetingSubcommand) =>
    argv.length < n ? ctx.replyText(`${sub.summary}。请按以下格式发送：\n${sub.usage}`).then(() => true) : Promise.resolve(false);

  const hold: MeetingSubcommand = {
    words: ['召开', '已召开'],
    usage: '会议 召开 <会议编号> [请假:张三、李四]',
    summary: '记录会议已召开，纪要3个工作日内完成',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 1, hold)) return;
      const { meeting } = await meetingByNumber(deps, argv[0]!);
      const { fields } = splitFields(argv.slice(1), { absent: ['请假'] });
      const absent = (fields.absent ?? '')
        .split(/[、，,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const r = await holdMeeting(deps, actorOf(ctx), meeting.id, absent, ctx.command.mentions);
      await ctx.replyText(`已记录${meeting.number}召开。纪要请于${r.due}前完成，由您起草；请逐项记录审议结果和议定事项。`);
      await ctx.replyCard(await recordCard(deps, meeting.id));
    },
  };

  const record: MeetingSubcommand = {
    words: ['记录', '会议记录'],
    usage: '会议 记录 <会议编号>',
    summary: '打开会议记录卡片，逐项记录审议结果和议定事项',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 1, record)) return;
      authorize(actorOf(ctx), 'topics.office');
      const { meeting } = await meetingByNumber(deps, argv[0]!);
      await ctx.replyCard(await recordCard(deps, meeting.id));
    },
  };

  const outcome: MeetingSubcommand = {
    words: ['结果', '审议结果'],
    usage: `会议 结果 <会议编号> <议题序号> <${Object.values(TOPIC_OUTCOME_LABEL).join('|')}> [说明]`,
    summary: '记录议题的审议结果',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 3, outcome)) return;
      const { meeting } = await meetingByNumber(deps, argv[0]!);
      const topic = await topicOnAgenda(deps, meeting, argv[1]!);
      const o: TopicOutcome = parseOutcome(argv[2]!);
      await recordOutcome(deps, actorOf(ctx), meeting.id, topic.id, o, argv.slice(3).join(' '));
      await ctx.replyText(`已记录：${meeting.number}议题「${topic.title}」审议结果为「${TOPIC_OUTCOME_LABEL[o]}」。`);
    },
  };

  const decide: MeetingSubcommand = {
    words: ['议定', '议定事项'],
    usage: '会议 议定 <会议编号> <议题序号> <议定内容> 承办:<单位> [领导:<负责领导>] [时限:<日期>]',
    summary: '记录议定事项（须写明承办单位）',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 3, decide)) return;
      const { meeting } = await meetingByNumber(deps, argv[0]!);
      const topic = await topicOnAgenda(deps, meeting, argv[1]!);
      const { rest, fields } = splitFields(argv.slice(2), DECISION_KEYS);
      const r = await recordDecision(deps, actorOf(ctx), meeting.id, topic.id, {
        content: rest,
        ...(fields.unit !== undefined ? { unit: fields.unit } : {}),
        ...(fields.leader ? { leader: fields.leader } : {}),
        ...(fields.deadline ? { deadline: fields.deadline } : {}),
        mentions: ctx.command.mentions,
      });
      await ctx.replyText(
        `已记录议定事项（议题「${topic.title}」第${r.decision.position}项）：承办单位 ${r.unitName}` +
          `${r.leaderName ? `，负责领导 ${r.leaderName}` : ''}${r.deadline ? `，完成时限 ${r.deadline}` : '，未定时限（不列入督查督办）'}。`,
      );
    },
  };

  const minutes: MeetingSubcommand = {
    words: ['纪要', '生成纪要'],
    usage: '会议 纪要 <会议编号>',
    summary: '生成会议纪要并送办公室主任审核、主持领导签发',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 1, minutes)) return;
      const { meeting } = await meetingByNumber(deps, argv[0]!);
      const r = await draftMinutes(deps, actorOf(ctx), meeting.id);
      await ctx.replyText(
        `已生成${meeting.number}纪要送审稿（${r.draftNumber}），送${r.directorName}审核、${r.presidingName}签发。发送「审核 ${r.draftNumber}」可查看进度。`,
      );
    },
  };

  const implementation: MeetingSubcommand = {
    words: ['落实', '落实情况'],
    usage: '会议 落实 <会议编号>',
    summary: '查看议定事项的落实情况',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 1, implementation)) return;
      authorize(actorOf(ctx), 'topics.office');
      const found = await meetingByNumber(deps, argv[0]!);
      await checkImplemented(deps, found.meeting.id);
      await replyImplementation(ctx, found.meeting.id);
    },
  };

  const replyImplementation = async (ctx: CommandContext, meetingId: string) => {
    const meeting = (await findMeeting(deps.prisma, meetingId))!;
    const [agenda, impl] = await Promise.all([topicsOnMeeting(deps.prisma, meetingId), implementationOf(deps, meetingId)]);
    await ctx.replyCard(presentImplementation({ meeting, agenda, rows: impl.rows, all: impl.all || meeting.status === 'implemented' }));
  };

  const topicImplementation: MeetingSubcommand = {
    words: ['落实', '落实情况'],
    usage: '议题 落实 <议题编号>',
    summary: '查看议题议定事项的落实情况',
    run: async (ctx, argv) => {
      if (await bare(ctx, argv, 1, topicImplementation)) return;
      const topic = await topicByNumber(deps, argv.join(''));
      authorize(actorOf(ctx), 'topics.view', topicSubject(topic));
      const meeting = topic.meetingId ? await findMeeting(deps.prisma, topic.meetingId) : null;
      if (!meeting) throw badInput(`议题${topic.number}尚未上会，暂无议定事项。`);
      const impl = await implementationOf(deps, meeting.id);
      await ctx.replyCard(
        presentImplementation({
          meeting,
          agenda: [topic],
          rows: impl.rows.filter((r) => r.decision.topicId === topic.id),
          all: impl.all || meeting.status === 'implemented',
        }),
      );
    },
  };

  return { topic: [topicImplementation], meeting: [hold, record, outcome, decide, minutes, implementation] };
}
