/** Numbers as written in Chinese office text: 1,200, 1.2万, 三百余, 两 — to one value for comparison. */

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** 三百二十 → 320, 十二 → 12, 一万二千 → 12000; undefined for anything else. */
export function chineseNumeral(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万亿]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch in SMALL_UNIT) {
      section += (digit ?? 1) * (SMALL_UNIT[ch] ?? 1);
      digit = undefined;
    } else if (ch in BIG_UNIT) {
      total += (section + (digit ?? 0)) * (BIG_UNIT[ch] ?? 1);
      section = 0;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** The value of a number token: `1,200` → 1200, `1.2万` → 12000, `三百` → 300. */
export function numberValue(token: string): number | undefined {
  const t = token.replace(/[,，](?=\d{3})/g, '');
  const m = /^(\d+(?:\.\d+)?)([万亿千百]?)$/.exec(t);
  if (m) {
    const scale = m[2] === '万' ? 1e4 : m[2] === '亿' ? 1e8 : m[2] === '千' ? 1e3 : m[2] === '百' ? 100 : 1;
    return Math.round(Number(m[1]) * scale * 1e6) / 1e6;
  }
  return chineseNumeral(t);
}

/** Units that mean the same thing for the check. */
export function canonicalUnit(unit: string): string {
  const u = unit.replace(/^(?:余|多|左右)/, '');
  if (u === '％' || u === '%' || u === '百分比') return '%';
  if (u === '千米') return '公里';
  if (u === '位') return '人';
  return u;
}
