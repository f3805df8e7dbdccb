/**
 * Small counts as people type them in Chinese: Arabic digits (full-width ones are folded by NFKC before
 * we get here) or Chinese numerals up to 九百九十九 — 三、十、十五、二十、二十三、两、一百零五, and the
 * digit-by-digit form of a year (二〇二六).
 */
const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The characters a number may be written with (for building patterns). */
export const NUMERAL_CHARS = '0-9零〇一二两三四五六七八九十百';

/** The value of `text`, or undefined when it is not a number we read. */
export function parseCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text || ![...text].every((c) => c in DIGIT || c === '十' || c === '百')) return undefined;
  // 二〇二六: a year, digit by digit (and only a year: 三五 is not a count).
  if (!/[十百]/.test(text))
    return text.length === 4 && /^[零〇一二三四五六七八九]+$/.test(text) ? Number([...text].map((c) => DIGIT[c]).join('')) : DIGIT[text];
  const m = /^(?:([一二两三四五六七八九])百)?(零)?(?:([一二两三四五六七八九])?(十))?([一二三四五六七八九])?$/.exec(text);
  if (!m || (m[2] && !m[1])) return undefined;
  const hundreds = m[1] ? DIGIT[m[1]]! * 100 : 0;
  // 十五 = 15; 一百十 is not written (一百一十), but 一百零五 is.
  if (m[1] && m[4] && !m[3]) return undefined;
  const tens = m[4] ? (m[3] ? DIGIT[m[3]]! : 1) * 10 : 0;
  if (m[2] && tens) return undefined; // 一百零二十
  const ones = m[5] ? DIGIT[m[5]]! : 0;
  const value = hundreds + tens + ones;
  return value === 0 && text !== '零' ? undefined : value;
}
