import type { CommandContext } from '../../router/context.js';

/**
 * One `审核 <word> …` subcommand. The 审核 command (commands.ts) dispatches on the first word; the chain's
 * own words (提交, 重新提交, <编号>) live there, the desk and reporting words (卡在谁那, 我的, 列表, 错文,
 * 流程) in ops/. Usage lines feed the usage text and the help card.
 */
export interface ReviewSubcommand {
  /** The words that select it (the first is the one shown), e.g. ['卡在谁那', '卡在哪'] */
  words: readonly string[];
  usage: string;
  summary: string;
  run(ctx: CommandContext, argv: readonly string[]): Promise<void>;
}
