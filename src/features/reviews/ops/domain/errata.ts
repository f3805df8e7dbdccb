import { ROLE_LABEL } from '../../domain/templates.js';

/**
 * 错文 as typed: `登记 <文号> <错误> [环节:<科长…>] [文稿:<审〔2026〕37号>]`, and the month of a listing.
 * Pure; errors are the sentence the person reads.
 */
export interface ErratumInput {
  docNumber: string;
  description: string;
  level: string;
  draftNumber?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const USAGE =
  '格式：审核 错文 登记 <文号> <错误内容> [环节:<科长、分管副主任、主任…>] [文稿:<审核编号>]，如「审核 错文 登记 县政办发〔2026〕12号 第三段日期有误 环节:科长」。';
const LEVELS = Object.values(ROLE_LABEL).filter((l) => l !== '指定审核人');

export function parseErratum(argv: readonly string[]): Parsed<ErratumInput> {
  let level = '';
  let draftNumber: string | undefined;
  const rest: string[] = [];
  for (const word of argv) {
    const m = /^(环节|级别|文稿|审核编号)[:：](.*)$/.exec(word);
    if (!m) {
      rest.push(word);
      continue;
    }
    const value = m[2]!.trim();
    if (!value) return { ok: false, error: `「${m[1]}」后未写内容。${USAGE}` };
    if (m[1] === '环节' || m[1] === '级别') {
      if (!LEVELS.includes(value)) return { ok: false, error: `无法识别环节「${value.slice(0, 20)}」。可用：${LEVELS.join('、')}。` };
      level = value;
    } else draftNumber = value;
  }
  const [docNumber, ...words] = rest;
  if (!docNumber) return { ok: false, error: `请写明出错文件的文号。${USAGE}` };
  if (!/\d/.test(docNumber) || docNumber.length > 60) return { ok: false, error: `「${docNumber.slice(0, 30)}」不像文号（如 县政办发〔2026〕12号）。${USAGE}` };
  const description = words.join(' ').trim();
  if (!description) return { ok: false, error: `请写明错误内容。${USAGE}` };
  if (description.length > 500) return { ok: false, error: '错误内容请控制在 500 字以内。' };
  return { ok: true, value: { docNumber, description, level, ...(draftNumber ? { draftNumber } : {}) } };
}

/** `11月`, `2026年11月`, `2026-11`, `本月`, `上月` (or nothing: this month) → YYYY-MM. */
export function parseMonth(text: string | undefined, today: string): Parsed<string> {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const fmt = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}`;
  const t = (text ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (!t || t === '本月') return { ok: true, value: fmt(y, m) };
  if (t === '上月' || t === '上个月') return { ok: true, value: m === 1 ? fmt(y - 1, 12) : fmt(y, m - 1) };
  const full = /^(\d{4})(?:年|-|\/|\.)(\d{1,2})月?$/.exec(t);
  const short = /^(\d{1,2})月$/.exec(t);
  const yy = full ? Number(full[1]) : y;
  const mm = full ? Number(full[2]) : short ? Number(short[1]) : NaN;
  if (!(mm >= 1 && mm <= 12)) return { ok: false, error: `无法识别月份「${t.slice(0, 20)}」，请写如「11月」「2026年11月」「上月」。` };
  // A month later than this one, typed without a year, is last year's.
  return { ok: true, value: fmt(!full && mm > m ? y - 1 : yy, mm) };
}
