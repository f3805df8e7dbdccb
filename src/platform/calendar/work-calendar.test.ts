import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../time.js';
import { yearsToWarnAbout, yearsWithoutData } from './calendar-repository.js';
import { chineseDaysSource, WorkCalendar, type CalendarEntry, type HolidaySource } from './work-calendar.js';

/** 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号), written out by hand. */
const OFFICIAL_2026: Record<string, { off: [IsoDate, IsoDate]; makeup: IsoDate[] }> = {
  元旦: { off: ['2026-01-01', '2026-01-03'], makeup: ['2026-01-04'] },
  春节: { off: ['2026-02-15', '2026-02-23'], makeup: ['2026-02-14', '2026-02-28'] },
  清明: { off: ['2026-04-04', '2026-04-06'], makeup: [] },
  劳动节: { off: ['2026-05-01', '2026-05-05'], makeup: ['2026-05-09'] },
  端午: { off: ['2026-06-19', '2026-06-21'], makeup: [] },
  中秋: { off: ['2026-09-25', '2026-09-27'], makeup: [] },
  国庆节: { off: ['2026-10-01', '2026-10-07'], makeup: ['2026-09-20', '2026-10-10'] },
};

function* daysOf(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

const cal = new WorkCalendar();

describe('the package data matches the official 2026 schedule', () => {
  it('names exactly the official days off and make-up working days, and no others', () => {
    const expected = new Map<IsoDate, CalendarEntry>();
    for (const [name, { off, makeup }] of Object.entries(OFFICIAL_2026)) {
      for (const d of daysOf(off[0], off[1])) expected.set(d, { kind: 'holiday', name });
      for (const d of makeup) expected.set(d, { kind: 'workday', name });
    }
    const actual = new Map<IsoDate, CalendarEntry>();
    for (const d of daysOf('2026-01-01', '2026-12-31')) {
      const entry = chineseDaysSource.entry(d);
      if (entry) actual.set(d, entry);
    }
    expect(actual).toEqual(expected);
    expect(expected.size).toBe(33 + 6);
  });

  it('makes every make-up day a Saturday or Sunday and counts 248 working days in 2026 (and 2025)', () => {
    for (const { makeup } of Object.values(OFFICIAL_2026)) {
      for (const d of makeup) expect({ d, info: cal.dayInfo(d) }).toMatchObject({ d, info: { working: true, reason: 'makeup' } });
    }
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // a Sunday
    // 261 weekdays − 19 weekdays off + 6 make-up days; 2025: 261 − 18 + 5.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });
});

describe('Spring Festival 2026 (2-15..2-23 off, Saturdays 2-14 and 2-28 worked)', () => {
  it('knows which days are worked', () => {
    const worked = ['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-27', '2026-02-28', '2026-03-02'];
    const off = [...daysOf('2026-02-15', '2026-02-23'), '2026-02-07', '2026-03-01'];
    for (const d of worked) expect([d, cal.isWorkingDay(d)]).toEqual([d, true]);
    for (const d of off) expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    expect(cal.holidayName('2026-02-17')).toBe('春节');
    expect(cal.holidayName('2026-02-14')).toBeUndefined(); // worked, though named after the festival
    expect(cal.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, reason: 'makeup', name: '春节', source: 'package' });
    expect(cal.holidayName('2026-03-07')).toBeUndefined(); // a plain Saturday
  });

  it('finds the next working day, make-up Saturdays included', () => {
    expect(cal.nextWorkingDay('2026-02-12')).toBe('2026-02-13');
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-14');
    expect(cal.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
    expect(cal.nextWorkingDay('2026-02-18')).toBe('2026-02-24');
    expect(cal.nextWorkingDay('2026-02-27')).toBe('2026-02-28');
    expect(cal.nextWorkingDay('2026-02-28')).toBe('2026-03-02');
    expect(cal.previousWorkingDay('2026-02-24')).toBe('2026-02-14');
    expect(cal.workingDayOnOrAfter('2026-02-20')).toBe('2026-02-24');
    expect(cal.workingDayOnOrAfter('2026-02-14')).toBe('2026-02-14');
  });

  it('adds working days forward and backward across the holiday', () => {
    // Minutes within 3 working days of a meeting on Thursday 2-12: Fri 13, Sat 14, then Tue 24.
    expect(cal.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    // A task handed over during the holiday: counting starts on the first day back.
    expect(cal.addWorkingDays('2026-02-16', 1)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-16', 3)).toBe('2026-02-26');
    expect(cal.addWorkingDays('2026-02-24', 4)).toBe('2026-02-28');
    expect(cal.addWorkingDays('2026-02-24', 5)).toBe('2026-03-02');
    expect(cal.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
    expect(cal.addWorkingDays('2026-03-02', -2)).toBe('2026-02-27');
    expect(cal.addWorkingDays('2026-02-20', 0)).toBe('2026-02-20');
  });

  it('counts working days between dates (from exclusive, to inclusive)', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2); // 14, 24
    expect(cal.workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
    expect(cal.workingDaysBetween('2026-02-01', '2026-02-28')).toBe(16);
    expect(cal.workingDaysBetween('2026-02-28', '2026-02-01')).toBe(-16);
    expect(cal.workingDaysBetween('2026-02-24', '2026-02-24')).toBe(0);
  });
});

describe('National Day 2026 (10-1..10-7 off, Sunday 9-20 and Saturday 10-10 worked; 中秋 9-25..9-27)', () => {
  it('knows which days are worked', () => {
    const worked = ['2026-09-18', '2026-09-20', '2026-09-24', '2026-09-28', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'];
    const off = ['2026-09-19', '2026-09-25', '2026-09-26', '2026-09-27', ...daysOf('2026-10-01', '2026-10-07'), '2026-10-11'];
    for (const d of worked) expect([d, cal.isWorkingDay(d)]).toEqual([d, true]);
    for (const d of off) expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    expect(cal.holidayName('2026-10-03')).toBe('国庆节');
    expect(cal.holidayName('2026-09-25')).toBe('中秋');
  });

  it('does the arithmetic across both holidays and the make-up weekend days', () => {
    expect(cal.nextWorkingDay('2026-09-18')).toBe('2026-09-20'); // Friday → the make-up Sunday
    expect(cal.nextWorkingDay('2026-09-24')).toBe('2026-09-28');
    expect(cal.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(cal.nextWorkingDay('2026-10-09')).toBe('2026-10-10');
    expect(cal.nextWorkingDay('2026-10-10')).toBe('2026-10-12');
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    expect(cal.addWorkingDays('2026-09-17', 2)).toBe('2026-09-20');
    expect(cal.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(cal.addWorkingDays('2026-09-21', -2)).toBe('2026-09-18');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4);
    expect(cal.workingDaysBetween('2026-09-01', '2026-10-31')).toBe(39); // Sept 22 − 1 (9-1 excluded) + Oct 18
  });

  it('handles 元旦 and 劳动节 make-up days too', () => {
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2026-01-04'); // Sunday 1-4 is worked
    expect(cal.addWorkingDays('2026-04-30', 1)).toBe('2026-05-06');
    expect(cal.addWorkingDays('2026-05-08', 1)).toBe('2026-05-09'); // Saturday
    expect(cal.isWorkingDay('2026-04-06')).toBe(false);
    expect(cal.isWorkingDay('2026-06-19')).toBe(false);
  });
});

describe('2025 spot checks', () => {
  it('follows the 2025 schedule', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2025-02-05', '2025-10-09']) {
      expect([d, cal.isWorkingDay(d)]).toEqual([d, true]);
    }
    for (const d of ['2025-01-01', '2025-01-28', '2025-02-04', '2025-05-05', '2025-06-02', '2025-10-08']) {
      expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    }
    expect(cal.holidayName('2025-10-06')).toBe('中秋'); // 中秋 fell inside the National Day week
    expect(cal.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05'); // Fri → Sun 1-26, Mon 1-27, then after the holiday
  });
});

describe('overrides', () => {
  const overridden = new WorkCalendar([
    ['2026-10-08', { kind: 'holiday', name: '本地补休' }],
    ['2026-10-01', { kind: 'workday', name: '' }],
    ['2026-02-14', { kind: 'holiday', name: '春节' }],
  ]);

  it('win over the package, and change the arithmetic', () => {
    expect(overridden.isWorkingDay('2026-10-08')).toBe(false);
    expect(overridden.holidayName('2026-10-08')).toBe('本地补休');
    expect(overridden.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', working: true, reason: 'makeup', source: 'override' });
    expect(overridden.nextWorkingDay('2026-09-30')).toBe('2026-10-01');
    expect(overridden.nextWorkingDay('2026-10-01')).toBe('2026-10-09');
    expect(overridden.nextWorkingDay('2026-02-13')).toBe('2026-02-24');
    expect(overridden.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4); // 10-1, 10-9, 10-10, 10-12
    expect(overridden.overrideEntries().map(([d]) => d)).toEqual(['2026-02-14', '2026-10-01', '2026-10-08']);
  });

  it('can come from any source: the calendar only needs named days', () => {
    const none: HolidaySource = { entry: () => undefined, hasYear: () => false };
    const plain = new WorkCalendar([], none);
    expect(plain.isWorkingDay('2026-10-01')).toBe(true);
    expect(plain.hasDataFor(2026)).toBe(false);
  });
});

describe('years without data', () => {
  it('reports a year neither the package nor an override covers, which silently falls back to Monday–Friday', () => {
    expect(cal.hasDataFor(2004)).toBe(true);
    expect(cal.hasDataFor(2026)).toBe(true);
    expect(cal.hasDataFor(2003)).toBe(false);
    expect(cal.hasDataFor(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday and surely 元旦 — hence the warning
    expect(yearsWithoutData(cal, [2025, 2026, 2027])).toEqual([2027]);
    const with2027 = new WorkCalendar([['2027-01-01', { kind: 'holiday', name: '元旦' }]]);
    expect(yearsWithoutData(with2027, [2026, 2027, 2028])).toEqual([2028]);
  });

  it('warns about next year from December only', () => {
    expect(yearsToWarnAbout(cal, '2026-11-30')).toEqual([]);
    expect(yearsToWarnAbout(cal, '2026-12-01')).toEqual([2027]);
    expect(yearsToWarnAbout(cal, '2027-03-01')).toEqual([2027]);
  });
});

describe('arithmetic laws', () => {
  it('addWorkingDays lands on working days and agrees with workingDaysBetween', () => {
    for (let d: IsoDate = '2025-12-01'; d <= '2027-01-15'; d = addDays(d, 3)) {
      for (const n of [1, 2, 3, 5, 10, 20]) {
        const ahead = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(ahead)).toBe(true);
        expect(cal.workingDaysBetween(d, ahead)).toBe(n);
        expect(cal.workingDaysBetween(ahead, d)).toBe(-n);
        const back = cal.addWorkingDays(d, -n);
        expect(cal.isWorkingDay(back)).toBe(true);
        // Backward counts the working days in [back, d): n of them, so (back, d] holds n − 1, plus d if worked.
        expect(cal.workingDaysBetween(back, d)).toBe(n - 1 + (cal.isWorkingDay(d) ? 1 : 0));
      }
      expect(cal.addWorkingDays(d, 1)).toBe(cal.nextWorkingDay(d));
      expect(cal.addWorkingDays(d, -1)).toBe(cal.previousWorkingDay(d));
    }
  });

  it('rejects bad input', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026/10/01')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-10-01', 1.5)).toThrow(RangeError);
    expect(() => new WorkCalendar([['20261001', { kind: 'holiday', name: '' }]])).toThrow(RangeError);
    const allOff = new WorkCalendar([], { entry: () => ({ kind: 'holiday', name: '' }), hasYear: () => true });
    expect(() => allOff.nextWorkingDay('2026-01-01')).toThrow(/no working day/);
  });
});

describe('time zone independence', () => {
  it('gives the same answers when the process runs west of UTC (the package alone would not)', () => {
    const module = fileURLToPath(new URL('./work-calendar.ts', import.meta.url));
    const script = `const { WorkCalendar } = await import(${JSON.stringify(module)});
      const c = new WorkCalendar();
      process.stdout.write(JSON.stringify([c.isWorkingDay('2026-10-01'), c.isWorkingDay('2026-10-10'), c.isWorkingDay('2027-02-08'),
        c.nextWorkingDay('2026-09-30'), c.addWorkingDays('2026-02-12', 3), c.hasDataFor(2026), c.hasDataFor(2027)]));`;
    for (const TZ of ['America/New_York', 'Asia/Shanghai']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect([TZ, JSON.parse(run.stdout)]).toEqual([TZ, [false, true, true, '2026-10-08', '2026-02-24', true, false]]);
    }
  });
});
