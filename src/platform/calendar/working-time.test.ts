import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './work-calendar.js';
import { parseWorkingHours } from './working-hours.js';
import { addWorkingMinutes, OfficeTime, workingMinutesBetween } from './working-time.js';

// Inputs and expectations are Beijing wall-clock times ("2026-12-04 16:30"); the arithmetic sees instants.
const t = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const office = new OfficeTime(new WorkCalendar());
/** An instant back as Beijing wall-clock "YYYY-MM-DD HH:mm". */
const formatBeijingForTest = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working minutes added to an instant (default hours 08:30-12:00,14:30-17:30, 2026 schedule)', () => {
  // [from, working minutes, expected, why]
  it.each([
    // 4 working hours from Friday 16:30: 60 min on Friday, 180 on Monday from 08:30 → 11:30.
    ['2026-12-04 16:30', 240, '2026-12-07 11:30', 'Friday afternoon over the weekend'],
    ['2026-12-04 16:30', 60, '2026-12-04 17:30', 'ends exactly at the close: the close, not Monday 08:30'],
    ['2026-12-04 16:30', 61, '2026-12-07 08:31', 'one minute more goes over the weekend'],
    ['2026-12-01 10:00', 60, '2026-12-01 11:00', 'inside the morning'],
    ['2026-12-01 11:30', 60, '2026-12-01 15:00', 'across the lunch break'],
    ['2026-12-01 11:30', 30, '2026-12-01 12:00', 'ends exactly at the lunch break'],
    ['2026-12-01 12:00', 30, '2026-12-01 15:00', 'at 12:00 (lunch) counting starts at 14:30'],
    ['2026-12-01 13:00', 30, '2026-12-01 15:00', 'during lunch'],
    ['2026-12-01 14:30', 30, '2026-12-01 15:00', 'exactly at the afternoon start'],
    ['2026-12-01 07:00', 30, '2026-12-01 09:00', 'before hours: from 08:30'],
    ['2026-12-01 08:30', 390, '2026-12-01 17:30', 'a whole working day is 6.5 hours'],
    ['2026-12-01 08:30', 391, '2026-12-02 08:31', 'a minute over a whole day'],
    ['2026-12-01 17:30', 30, '2026-12-02 09:00', 'exactly at the close: tomorrow'],
    ['2026-12-01 22:00', 30, '2026-12-02 09:00', 'at night: tomorrow morning'],
    ['2026-12-05 10:00', 30, '2026-12-07 09:00', 'on an ordinary Saturday: Monday'],
    ['2026-12-01 10:00', 390 * 3, '2026-12-04 10:00', 'three working days'],
    // National Day: 10-01..10-07 off (schedule), 10-08 and 10-09 working, 10-10 a make-up Saturday.
    ['2026-09-30 16:30', 120, '2026-10-08 09:30', 'from the day before National Day over the holiday'],
    ['2026-10-03 09:00', 30, '2026-10-08 09:00', 'during National Day'],
    ['2026-10-09 17:00', 60, '2026-10-10 09:00', 'Friday 10-09 to the make-up Saturday 10-10'],
    ['2026-10-10 16:00', 120, '2026-10-12 09:00', 'make-up Saturday afternoon to Monday (Sunday 10-11 off)'],
    ['2026-09-19 17:00', 30, '2026-09-20 09:00', 'ordinary Saturday 09-19 to make-up Sunday 09-20'],
    // 中秋 09-25..09-27 (Friday to Sunday).
    ['2026-09-24 17:00', 60, '2026-09-28 09:00', 'before 中秋'],
    // Spring Festival: 02-15..02-23 off; 02-14 and 02-28 make-up Saturdays.
    ['2026-02-13 17:00', 60, '2026-02-14 09:00', 'Friday before Spring Festival to the make-up Saturday 02-14'],
    ['2026-02-14 17:00', 60, '2026-02-24 09:00', 'across the whole Spring Festival'],
    ['2026-02-27 17:00', 60, '2026-02-28 09:00', 'to the make-up Saturday 02-28'],
    // 元旦 01-01..01-03 off, 01-04 a make-up Sunday; 05-09 a make-up Saturday after 劳动节 05-01..05-05.
    ['2025-12-31 17:00', 60, '2026-01-04 09:00', 'New Year to the make-up Sunday 01-04'],
    ['2026-04-30 17:00', 60, '2026-05-06 09:00', 'over 劳动节'],
    ['2026-05-08 17:00', 60, '2026-05-09 09:00', 'to the make-up Saturday 05-09'],
  ])('%s + %i working min → %s (%s)', (from, minutes, expected) => {
    expect(formatBeijingForTest(office.add('working', t(from), minutes))).toBe(expected);
    // The inverse holds whenever counting started at a working instant.
    const start = office.nextWorkingInstant(t(from));
    expect(office.between('working', start, office.add('working', t(from), minutes))).toBe(minutes);
  });
});

describe('working minutes between two instants', () => {
  // [from, to, working minutes, why]
  it.each([
    ['2026-12-01 10:00', '2026-12-01 11:00', 60, 'inside the morning'],
    ['2026-12-01 11:00', '2026-12-01 15:00', 90, 'lunch does not count'],
    ['2026-12-01 12:00', '2026-12-01 14:30', 0, 'the lunch break itself'],
    ['2026-12-01 06:00', '2026-12-01 23:00', 390, 'a whole working day, from before to after hours'],
    ['2026-12-04 16:30', '2026-12-07 11:30', 240, 'over a weekend'],
    ['2026-12-05 09:00', '2026-12-06 17:00', 0, 'an ordinary weekend'],
    ['2026-09-30 17:00', '2026-10-08 09:00', 60, 'National Day: only 09-30 17:00-17:30 and 10-08 08:30-09:00'],
    ['2026-10-10 08:30', '2026-10-10 17:30', 390, 'the make-up Saturday 10-10 is a full working day'],
    ['2026-02-14 08:30', '2026-02-24 08:30', 390, 'Spring Festival: only the make-up Saturday 02-14'],
    ['2026-01-01 00:00', '2026-01-05 00:00', 390, '元旦: only the make-up Sunday 01-04'],
    ['2026-12-01 11:00', '2026-12-01 10:00', -60, 'backwards is negative'],
    ['2026-12-01 10:00', '2026-12-01 10:00', 0, 'an empty span'],
    ['2026-12-01 10:00:30', '2026-12-01 10:01', 0.5, 'seconds count as a fraction'],
  ])('%s → %s = %d working min (%s)', (from, to, expected) => {
    const at = (s: string) => (s.length > 16 ? new Date(`${s.replace(' ', 'T')}+08:00`) : t(s));
    expect(office.between('working', at(from), at(to))).toBe(expected);
  });
});

describe('counting backwards ("remind 1 working hour before the deadline")', () => {
  it.each([
    ['2026-12-01 16:00', -60, '2026-12-01 15:00', 'inside the afternoon'],
    ['2026-12-01 15:00', -60, '2026-12-01 11:30', 'back across lunch'],
    ['2026-12-01 14:30', -30, '2026-12-01 11:30', 'from the afternoon start'],
    ['2026-12-07 09:00', -60, '2026-12-04 17:00', 'back over a weekend'],
    ['2026-10-08 09:00', -60, '2026-09-30 17:00', 'back over National Day'],
    ['2026-12-01 09:00', -30, '2026-12-01 08:30', 'ends exactly at the morning start'],
  ])('%s %i working min → %s (%s)', (from, minutes, expected) => {
    expect(formatBeijingForTest(office.add('working', t(from), minutes))).toBe(expected);
  });
});

describe('clock time, for emergency clocks that do not stop outside office hours', () => {
  // [from, clock minutes, expected, why]
  it.each([
    ['2026-12-01 11:00', 180, '2026-12-01 14:00', '3 hours across the lunch break'],
    ['2026-12-01 22:30', 180, '2026-12-02 01:30', '3 hours across midnight'],
    ['2026-12-04 16:30', 240, '2026-12-04 20:30', 'a Friday evening is not skipped'],
    ['2026-09-30 23:00', 120, '2026-10-01 01:00', 'into National Day'],
    ['2026-02-14 20:00', 24 * 60, '2026-02-15 20:00', 'a day of Spring Festival'],
    ['2026-12-31 23:30', 60, '2027-01-01 00:30', 'across the year'],
  ])('%s + %i clock min → %s (%s)', (from, minutes, expected) => {
    const result = office.add('clock', t(from), minutes);
    expect(formatBeijingForTest(result)).toBe(expected);
    expect(office.between('clock', t(from), result)).toBe(minutes);
  });

  it('the mode is what differs: the same 3 hours from 11:00', () => {
    expect(formatBeijingForTest(office.addHours('working', t('2026-12-01 11:00'), 3))).toBe('2026-12-01 16:30');
    expect(formatBeijingForTest(office.addHours('clock', t('2026-12-01 11:00'), 3))).toBe('2026-12-01 14:00');
  });
});

describe('the next working instant', () => {
  it.each([
    ['2026-12-01 10:00', '2026-12-01 10:00', 'inside hours: itself'],
    ['2026-12-01 08:30', '2026-12-01 08:30', 'exactly at the start'],
    ['2026-12-01 08:29', '2026-12-01 08:30', 'a minute before'],
    ['2026-12-01 12:00', '2026-12-01 14:30', 'exactly at noon: lunch'],
    ['2026-12-01 17:30', '2026-12-02 08:30', 'exactly at the close'],
    ['2026-12-04 18:00', '2026-12-07 08:30', 'Friday evening'],
    ['2026-10-01 09:00', '2026-10-08 08:30', 'National Day'],
    ['2026-10-09 18:00', '2026-10-10 08:30', 'to the make-up Saturday'],
    ['2026-02-15 09:00', '2026-02-24 08:30', 'Spring Festival'],
  ])('%s → %s (%s)', (from, expected) => {
    expect(formatBeijingForTest(office.nextWorkingInstant(t(from)))).toBe(expected);
  });
});

describe('other hours, overrides and bad input', () => {
  it('uses the configured hours', () => {
    const nineToFive = new OfficeTime(new WorkCalendar(), parseWorkingHours('09:00-17:00'));
    expect(formatBeijingForTest(nineToFive.addHours('working', t('2026-12-04 16:00'), 4))).toBe('2026-12-07 12:00');
    expect(nineToFive.between('working', t('2026-12-01 00:00'), t('2026-12-02 00:00'))).toBe(480);
  });

  it('follows admin overrides: a day made off is skipped, a Saturday made working counts', () => {
    const cal = new WorkCalendar([
      ['2026-12-07', { kind: 'holiday', name: '临时调整' }],
      ['2026-12-05', { kind: 'workday', name: '临时调整' }],
    ]);
    expect(formatBeijingForTest(addWorkingMinutes(cal, t('2026-12-04 17:00'), 60))).toBe('2026-12-05 09:00');
    expect(workingMinutesBetween(cal, t('2026-12-05 00:00'), t('2026-12-08 00:00'))).toBe(390);
  });

  it('refuses a fractional or non-finite amount instead of guessing', () => {
    expect(() => office.add('working', t('2026-12-01 10:00'), 1.5)).toThrow(RangeError);
    expect(() => office.add('clock', t('2026-12-01 10:00'), Number.NaN)).toThrow(RangeError);
    expect(office.add('working', t('2026-12-05 10:00'), 0)).toEqual(t('2026-12-05 10:00'));
  });

  it('stops with an explanation when overrides leave no working day at all', () => {
    const allOff = new WorkCalendar(
      Array.from({ length: 3700 }, (_, i) => [new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10), { kind: 'holiday' as const, name: '' }] as const),
    );
    expect(() => addWorkingMinutes(allOff, t('2026-12-01 10:00'), 60)).toThrow(/CalendarDay overrides/);
  });
});
