import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, formatChineseDate, isValidIsoDate, weekday } from './time.js';

dayjs.extend(utc);

/** The date arithmetic in time.ts (plain Date fields) against dayjs in UTC, day by day over 51 years. */
const OFFSETS = [-400, -1, 0, 1, 7, 365];

function mismatches(): string[] {
  const bad: string[] = [];
  const end = dayjs.utc('2040-12-31');
  for (let d = dayjs.utc('1990-01-01'); !d.isAfter(end); d = d.add(1, 'day')) {
    const iso = d.format('YYYY-MM-DD');
    for (const n of OFFSETS) {
      const want = d.add(n, 'day').format('YYYY-MM-DD');
      const got = addDays(iso, n);
      if (got !== want) bad.push(`addDays(${iso}, ${n}) = ${got}, want ${want}`);
    }
    if (weekday(iso) !== d.day()) bad.push(`weekday(${iso}) = ${weekday(iso)}, want ${d.day()}`);
    const chinese = `${d.month() + 1}月${d.date()}日（周${'日一二三四五六'[d.day()]}）`;
    if (formatChineseDate(iso) !== chinese) bad.push(`formatChineseDate(${iso}) = ${formatChineseDate(iso)}, want ${chinese}`);
    if (!isValidIsoDate(iso)) bad.push(`isValidIsoDate(${iso}) = false`);
    if (bad.length > 20) break;
  }
  return bad;
}

describe('calendar-date arithmetic without dayjs', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('agrees with dayjs for every date from 1990 to 2040', () => {
    expect(mismatches()).toEqual([]);
  });

  // Zones whose clocks jumped at midnight (Brazil's DST, Samoa skipping 2011-12-30) break local-time arithmetic.
  it.each(['America/Sao_Paulo', 'Pacific/Apia'])('does not depend on the process time zone (%s)', (tz) => {
    process.env.TZ = tz; // Node re-reads TZ when it is assigned
    expect(new Date('2011-12-31T12:00:00Z').getTimezoneOffset()).not.toBe(0);
    expect(mismatches()).toEqual([]);
  });

  it('spot checks', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(weekday('2026-11-23')).toBe(1);
    expect(formatChineseDate('2026-11-23')).toBe('11月23日（周一）');
    expect(formatChineseDate('2026-10-04')).toBe('10月4日（周日）');
  });

  it('validates ISO dates', () => {
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-01',
      '',
      '2026-04-31',
      '2026-01-32',
      '2026-01-00',
      '2026-01-01T00:00',
      ' 2026-01-01',
      '0999-01-01',
      'abcd-ef-gh',
    ]) {
      expect({ bad, valid: isValidIsoDate(bad) }).toEqual({ bad, valid: false });
    }
    for (const good of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '1000-01-01', '9999-12-31']) {
      expect({ good, valid: isValidIsoDate(good) }).toEqual({ good, valid: true });
    }
    expect(isValidIsoDate('1900-02-29')).toBe(false);
  });
});
