import { badInput } from '../../errors.js';
import type { CommandContext } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { coreWords } from './core-words.js';
import { materialsWords } from './materials-words.js';
import { meetingsWords } from './meetings/index.js';
import { minutesWords } from './minutes/index.js';
import type { CommandWords, TopicSubcommand } from './subcommands.js';

export const FEATURE = '会议议题';

const merge = (parts: CommandWords[]): CommandWords => ({
  topic: parts.flatMap((p) => p.topic),
  meeting: parts.flatMap((p) => p.meeting),
  ...pick(parts, 'topicByNumber'),
  ...pick(parts, 'meetingByNumber'),
});

function pick<K extends 'topicByNumber' | 'meetingByNumber'>(parts: CommandWords[], k: K): Partial<CommandWords> {
  const hit = parts.find((p) => p[k]);
  return hit ? { [k]: hit[k] } : {};
}

const usageOf = (title: string, subs: readonly TopicSubcommand[], extra: string[]) =>
  [title, ...subs.map((s) => `${s.usage} —— ${s.summary}`), ...extra].join('\n');

/** `议题 …` and `会议 …`: one dispatcher each over the words of every part (core, meetings/, minutes/). */
export function registerTopicCommands(router: Router, deps: FeatureDeps): void {
  const words = merge([coreWords(deps), materialsWords(deps), meetingsWords(deps), minutesWords(deps)]);

  const dispatch =
    (subs: readonly TopicSubcommand[], usage: () => string, byNumber: CommandWords['topicByNumber'], what: string) => async (ctx: CommandContext) => {
      const [sub, ...rest] = ctx.command.argv;
      if (sub === undefined || sub === '帮助') return ctx.replyText(usage());
      const hit = subs.find((s) => s.words.includes(sub));
      if (hit) return hit.run(ctx, rest);
      if (byNumber) return byNumber(ctx, ctx.command.args);
      throw badInput(`无法识别「${ctx.command.args.slice(0, 30)}」的${what}指令。\n${usage()}`);
    };

  const topicUsage = () => usageOf('会议议题指令：', words.topic, words.topicByNumber ? ['议题 <编号> —— 查看议题，如「议题 议〔2026〕12号」'] : []);
  const meetingUsage = () => usageOf('会议指令：', words.meeting, words.meetingByNumber ? ['会议 <编号> —— 查看会议议程、审议结果、纪要和落实情况'] : []);

  router.command(
    {
      names: ['议题', 'topic', 'yiti'],
      feature: FEATURE,
      usage: `议题 [${words.topic.map((s) => s.words[0]).join('|')}${words.topicByNumber ? '|<编号>' : ''}]`,
      summary: '会议议题：申报、分管领导审核、合法性审查；发送「议题」查看全部用法',
      examples: ['议题 申报'],
    },
    dispatch(words.topic, topicUsage, words.topicByNumber, '议题'),
  );
  router.command(
    {
      names: ['会议', 'meeting', 'huiyi'],
      feature: FEATURE,
      usage: `会议 [${words.meeting.map((s) => s.words[0]).join('|')}${words.meetingByNumber ? '|<编号>' : ''}]`,
      summary: '会议：新建会议、安排议程、发布议程、纪要与落实；发送「会议」查看全部用法',
      examples: ['会议 类型'],
    },
    dispatch(words.meeting, meetingUsage, words.meetingByNumber, '会议'),
  );
}
