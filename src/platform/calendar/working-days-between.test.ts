import { describe, expect, it } from 'vitest';
import { addDays } from '../time.js';
import { WorkCalendar } from './work-calendar.js';

/** The day-by-day definition that workingDaysBetween's running totals must reproduce. */
function naive(cal: WorkCalendar, from: string, to: string): number {
  if (to < from) return -naive(cal, to, from);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

describe('workingDaysBetween from running totals', () => {
  it('equals the day-by-day count for every pair of a seeded sample, across years, holidays and overrides', () => {
    const plain = new WorkCalendar();
    const overridden = new WorkCalendar([
      ['2027-01-01', { kind: 'holiday', name: '元旦' }],
      ['2027-02-06', { kind: 'workday', name: '春节' }],
    ]);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const day = () => addDays('2023-06-01', rand(1700));
    for (const cal of [plain, overridden]) {
      for (let i = 0; i < 400; i++) {
        const a = day();
        const b = i % 5 === 0 ? a : day();
        expect(cal.workingDaysBetween(a, b), `${a} → ${b}`).toBe(naive(cal, a, b));
      }
    }
  });

  it('National Day 2026: the holiday week 10-01…10-07 does not count, 10-08, 10-09 and the make-up Saturday 10-10 do', () => {
    const cal = new WorkCalendar();
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-11')).toBe(3);
    expect(cal.workingDaysBetween('2026-10-11', '2026-09-30')).toBe(-3);
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(naive(cal, '2026-12-31', '2027-01-04'));
  });
});
