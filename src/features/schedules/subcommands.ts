import type { CommandContext } from '../../router/context.js';

/**
 * One `日程 <word> …` (or `值班 <word> …`) subcommand. The 日程 command (commands.ts) dispatches on the first
 * word; entries and queries live beside it, the broadcast side (值班) in broadcast/, imports, exports and
 * calendar sync in exchange/. Usage lines feed the usage text and the help card.
 */
export interface ScheduleSubcommand {
  /** The command it belongs to: 日程 or 值班. */
  command: '日程' | '值班';
  /** The words that select it (the first is the one shown), e.g. ['导入']. */
  words: readonly string[];
  usage: string;
  summary: string;
  run(ctx: CommandContext, argv: readonly string[]): Promise<void>;
}
