import { badInput } from '../../../errors.js';

/** The longest 回访 delay accepted: about a year of working days. */
export const MAX_FOLLOW_UP_DAYS = 250;

/**
 * 回访 after N working days from closure, as people type it: `5`, `5个工作日`, `5天`; empty = no 回访.
 */
export function parseFollowUpDays(text: string | undefined): number | null {
  const t = (text ?? '').normalize('NFKC').trim();
  if (!t || t === '不回访' || t === '无') return null;
  const m = /^(\d{1,3})\s*(个?工作日|天|日)?(后)?$/.exec(t);
  if (!m) throw badInput(`无法识别回访时间「${t.slice(0, 20)}」。请写成「10个工作日」，或不填（不回访）。`);
  const n = Number(m[1]);
  if (n < 1 || n > MAX_FOLLOW_UP_DAYS) throw badInput(`回访时间应为办结后 1 至 ${MAX_FOLLOW_UP_DAYS} 个工作日。`);
  return n;
}
