/** How a 公文 writes its numbers: heading counters, the 发文字号 and the 成文日期. */

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (heading counters and dates; 1–99). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`cannot count ${n} in Chinese numerals`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}${tens ? '十' : ''}${ones ? DIGITS[ones] : ''}`;
}

/** The heading numbers of levels 1–4: 一、 （一） 1. （1）. */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${chineseCount(n)}、`;
    case 2:
      return `（${chineseCount(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

export interface DocNumber {
  /** 机关代字, e.g. 县政发, 县政办发. */
  prefix: string;
  year: number;
  seq: number;
}

/**
 * 发文字号: the full year in 〔〕 (U+3014/3015), no 第 and no zero padding, then 号: 县政发〔2026〕15号.
 * A number already written out has its year's brackets put right: (2026), （2026）, [2026], 【2026】 and
 * 〖2026〗 are all typed for 〔2026〕.
 */
export function formatDocNumber(n: DocNumber | string): string {
  if (typeof n !== 'string') return `${n.prefix}〔${n.year}〕${n.seq}号`;
  return n.trim().replace(/\s*[(（[【〖〔]\s*(\d{4})\s*[)）\]】〗〕]\s*0*(\d+)\s*号/u, '〔$1〕$2号');
}

/**
 * 成文日期 as GB/T 9704-2012 §7.3.5 writes it: Arabic numerals, the year in full, no zero padding
 * (2026年12月1日). `chinese` writes it the older way some offices keep for 纪要 (二〇二六年十二月一日).
 */
export function formatDocDate(isoDate: string, numerals: 'arabic' | 'chinese' = 'arabic'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a date: ${isoDate}`);
  const [year, month, day] = [m[1]!, Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(Number(year), month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`no such date: ${isoDate}`);
  if (numerals === 'arabic') return `${year}年${month}月${day}日`;
  return `${[...year].map((d) => DIGITS[Number(d)]).join('')}年${chineseCount(month)}月${chineseCount(day)}日`;
}

/** Width in body characters: a full-width character is one, an ASCII one half (for 空N字 alignment). */
export function widthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x80 ? 0.5 : 1;
  return w;
}
