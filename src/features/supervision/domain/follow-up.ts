import { badInput } from '../../../errors.js';
import { NUMERAL_CHARS, parseCount } from '../../../platform/phrases/index.js';

/** The longest 回访 delay accepted: about a year of working days. */
export const MAX_FOLLOW_UP_DAYS = 250;

/**
 * 回访 after N working days from closure, as people type it: `5`, `5个工作日`, `十个工作日`, `5天`; empty = no 回访.
 * The count is read by the shared phrase numerals, as in deadlines.
 */
export function parseFollowUpDays(text: string | undefined): number | null {
  const t = (text ?? '').normalize('NFKC').trim();
  if (!t || t === '不回访' || t === '无') return null;
  const m = new RegExp(`^([${NUMERAL_CHARS}]{1,6})\\s*(个?工作日|天|日)?(后)?$`).exec(t);
  const n = m ? parseCount(m[1]!) : undefined;
  if (n === undefined) throw badInput(`无法识别回访时间「${t.slice(0, 20)}」。请写成「10个工作日」，或不填（不回访）。`);
  if (n < 1 || n > MAX_FOLLOW_UP_DAYS) throw badInput(`回访时间应为办结后 1 至 ${MAX_FOLLOW_UP_DAYS} 个工作日。`);
  return n;
}
