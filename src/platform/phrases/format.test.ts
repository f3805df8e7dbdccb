import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/work-calendar.js';
import { describeDate, inParens, officeDate } from './index.js';

const calendar = new WorkCalendar();

/** Parentheses are never nested: a date's own （周一） gives way to a comma inside another pair. */
describe('dates inside parentheses', () => {
  it.each([
    ['12月7日（周一）', '（12月7日，周一）'],
    ['时限：12月7日（周一）', '（时限：12月7日，周一）'],
    ['10月2日（周五，国庆节假期）', '（10月2日，周五，国庆节假期）'],
    ['2027年1月5日（周二）', '（2027年1月5日，周二）'],
    ['自12月7日（周一）起', '（自12月7日，周一，起）'],
    ['12月7日（周一）至12月11日（周五）', '（12月7日，周一，至12月11日，周五）'],
    ['待督查科审批', '（待督查科审批）'],
  ])('inParens(%j) = %j', (text, expected) => {
    const out = inParens(text);
    expect(out).toBe(expected);
    expect(out.slice(1, -1)).not.toMatch(/[（）]/);
  });

  it('a described date, holidays and make-up days included, nests in no pair', () => {
    for (const date of ['2026-12-07', '2026-10-02', '2026-10-10', '2027-01-05']) {
      const inside = inParens(`时限：${describeDate(date, '2026-11-23', calendar)}`);
      expect(inside).not.toMatch(/（[^）]*（/);
    }
    expect(inParens(`时限：${describeDate('2026-10-10', '2026-11-23', calendar)}`)).toBe('（时限：10月10日，周六，调休上班）');
  });

  it.each([
    ['2026-12-07', undefined, '12月7日（周一）'],
    ['2026-12-07', '2026-11-23', '12月7日（周一）'],
    ['2027-01-05', '2026-12-21', '2027年1月5日（周二）'],
    ['12月18日', '2026-12-21', '12月18日'], // already written for people: kept
    ['2026-02-30', undefined, '2026-02-30'], // not a date: kept, never rolled over
  ])('officeDate(%j, %j) = %j', (date, today, expected) => {
    expect(officeDate(date, today)).toBe(expected);
  });
});

describe('the rule is kept in the source', () => {
  it('no message puts a date written with its weekday inside a literal pair of parentheses (use inParens)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const root = new URL('../../', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('generated'));
    // `（…${describeDate(…)}…）`, `（${understood}）`, `（时限 ${formatChineseDate(…)}）`: the date's own （周一） would nest.
    const nested = /（[^）`\n]*\$\{[^}]*\b(understood|describeDate|describeDeadline|formatChineseDate|officeDate)\b/;
    const found = files
      .flatMap((f) =>
        readFileSync(`${root}${f}`, 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const),
      )
      .filter(([, , line]) => nested.test(line));
    expect(found.map(([f, n]) => `${f}:${n}`)).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });
});

it.each([
  ['2026-12-07', '周一'],
  ['2026-12-13', '周日'],
  ['2026-10-10', '周六'],
])('weekdayName(%s) = %s', async (date, expected) => {
  const { weekdayName } = await import('./index.js');
  expect(weekdayName(date)).toBe(expected);
});
