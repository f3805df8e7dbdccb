import { BotError } from '../../errors.js';

/**
 * A phrase we could not read, or a date that does not exist. It is a user error (`bad_input`), so a
 * caller may let it reach the router as it is; `reason` says which for callers that react differently.
 */
export class PhraseError extends BotError {
  constructor(
    public readonly reason: 'unrecognised' | 'invalid_date' | 'invalid_time' | 'out_of_range',
    message: string,
  ) {
    super('bad_input', message);
    this.name = 'PhraseError';
  }
}

/** The forms a date may take, with examples: shown whenever a date phrase is not understood. */
export const DATE_FORMS = [
  '具体日期：2026-12-18、2026/12/18、2026.12.18、2026年12月18日',
  '不写年份：12月18日、12.18（今年，已过则为明年）',
  '相对日期：今天、明天、后天',
  '星期：本周五、下周五、下下周一',
  '月份：月底、本月底、下月初、下月底',
  '期限：3个工作日、三个工作日、10天',
] as const;

/** The forms a time of day may take, with examples. */
export const TIME_FORMS = ['时刻：上午9点、9:30、下午3点半', '时段：14:00-16:00、上午9点至11点', '半天或全天：上午、下午、晚上、全天'] as const;

export const dateFormsHint = (): string => `可以这样写：\n${DATE_FORMS.map((f) => `- ${f}`).join('\n')}`;
export const timeFormsHint = (): string => `可以这样写：\n${TIME_FORMS.map((f) => `- ${f}`).join('\n')}`;
