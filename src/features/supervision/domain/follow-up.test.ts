import { describe, expect, it } from 'vitest';
import { parseFollowUpDays } from './follow-up.js';

describe('回访 delay', () => {
  it.each([
    ['10', 10],
    ['10个工作日', 10],
    ['十个工作日', 10],
    ['十五个工作日后', 15],
    ['二十天', 20],
    ['５个工作日', 5],
    ['', null],
    ['不回访', null],
  ] as const)('「%s」 → %s', (text, days) => expect(parseFollowUpDays(text)).toBe(days));

  it.each([
    ['过一阵子', '无法识别回访时间'],
    ['0个工作日', '1 至 250'],
    ['三百个工作日', '1 至 250'],
  ])('refuses 「%s」', (text, message) => {
    expect(() => parseFollowUpDays(text)).toThrow(message);
  });
});
