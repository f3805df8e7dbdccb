import type { CommandContext } from '../../router/context.js';

/**
 * One `议题 <word> …` or `会议 <word> …` subcommand. The dispatchers (commands.ts) take the words of every
 * part: the core's (申报, 会议类型 …), meetings/ (新建, 列表, 加入 …) and minutes/ (结果, 议定, 纪要 …), so
 * each engineer adds words in their own files. Usage lines feed the usage text and the help card.
 */
export interface TopicSubcommand {
  /** The words that select it (the first is the one shown), e.g. ['列表', '清单'] */
  words: readonly string[];
  usage: string;
  summary: string;
  run(ctx: CommandContext, argv: readonly string[]): Promise<void>;
}

export type MeetingSubcommand = TopicSubcommand;

/** What a part brings to the two commands. */
export interface CommandWords {
  topic: TopicSubcommand[];
  meeting: MeetingSubcommand[];
  /** `议题 <编号>` (no word matched): the part that answers a topic by its number (meetings/). */
  topicByNumber?: (ctx: CommandContext, text: string) => Promise<void>;
  /** `会议 <编号>` (no word matched): meetings/. */
  meetingByNumber?: (ctx: CommandContext, text: string) => Promise<void>;
}

export const NO_WORDS: CommandWords = { topic: [], meeting: [] };
