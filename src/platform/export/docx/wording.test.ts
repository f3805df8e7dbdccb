import { describe, expect, it } from 'vitest';
import { chineseCount, formatDocDate, formatDocNumber, headingNumber, widthInChars } from './wording.js';

describe('公文 numbers', () => {
  it.each([
    [1, '一'],
    [2, '二'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [30, '三十'],
    [35, '三十五'],
    [99, '九十九'],
  ])('counts %i as %s', (n, text) => expect(chineseCount(n)).toBe(text));

  it.each([0, 100, 1.5, -1])('refuses to count %s', (n) => expect(() => chineseCount(n)).toThrow(RangeError));

  it.each([
    [1, 3, '三、'],
    [1, 12, '十二、'],
    [2, 1, '（一）'],
    [2, 10, '（十）'],
    [3, 2, '2.'],
    [3, 12, '12.'],
    [4, 3, '（3）'],
  ] as const)('numbers a level-%i heading #%i as %s', (level, n, text) => expect(headingNumber(level, n)).toBe(text));

  it.each([
    [{ prefix: '县政发', year: 2026, seq: 15 }, '县政发〔2026〕15号'],
    [{ prefix: '县政办发', year: 2027, seq: 3 }, '县政办发〔2027〕3号'],
    ['县政发〔2026〕15号', '县政发〔2026〕15号'],
    ['县政发(2026)15号', '县政发〔2026〕15号'],
    ['县政发（2026）15号', '县政发〔2026〕15号'],
    ['县政发[2026]15号', '县政发〔2026〕15号'],
    ['县政发【2026】15号', '县政发〔2026〕15号'],
    ['县政发〖2026〗015号', '县政发〔2026〕15号'],
    [' 县政发 ( 2026 ) 7 号 ', '县政发〔2026〕7号'],
    ['县政府常务会议纪要〔2026〕9号', '县政府常务会议纪要〔2026〕9号'],
  ])('writes the 发文字号 %j as %s (years in 〔〕, no zero padding)', (n, text) => expect(formatDocNumber(n)).toBe(text));

  it.each([
    ['2026-12-01', 'arabic', '2026年12月1日'],
    ['2026-01-09', 'arabic', '2026年1月9日'],
    ['2026-10-30', 'arabic', '2026年10月30日'],
    ['2026-12-01', 'chinese', '二〇二六年十二月一日'],
    ['2030-10-20', 'chinese', '二〇三〇年十月二十日'],
  ] as const)('writes the 成文日期 %s (%s) as %s', (iso, numerals, text) => expect(formatDocDate(iso, numerals)).toBe(text));

  it.each(['2026/12/1', '2026-11-31', '2026-13-01', '2026-02-29'])('refuses %s, which is not a date', (s) =>
    expect(() => formatDocDate(s)).toThrow(RangeError),
  );

  it.each([
    ['县人民政府', 5],
    ['2026年12月1日', 6.5],
    ['××县人民政府办公室', 10],
    ['', 0],
  ])('measures %s as %d characters wide', (s, w) => expect(widthInChars(s)).toBe(w));
});
