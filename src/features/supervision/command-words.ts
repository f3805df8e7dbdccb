/**
 * The 督办 commands people are told to type, written once. Hints on cards, the usage text, the help card's
 * examples and the local page's suggestions all come from here, and a test sends every suggested command
 * to the bot, so a hint can never name a command that is refused.
 */
export const SUPERVISION_COMMANDS = {
  mine: '督办 我的',
  list: '督办 列表',
  overdue: '督办 超期',
  dueThisWeek: '督办 本周到期',
  create: '督办 新建',
  export: '督办 导出',
  report: '督办 通报',
} as const;

/** Filter words that may follow 督办 directly (督办 我的) as well as 督办 列表 (督办 列表 我的). */
export const FILTER_WORDS = ['在办', '我的', '本单位', '领导', '超期', '本周到期', '全部'] as const;

export const isFilterWord = (word: string | undefined): boolean => word !== undefined && (FILTER_WORDS as readonly string[]).includes(word);

/** The words for the filters, as the usage text and refusals list them. */
export const FILTER_CHOICES = '我的|本单位|领导 <姓名>|超期|本周到期|全部';
