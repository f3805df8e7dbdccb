import { describe, expect, it } from 'vitest';
import { atBeijing } from '../time.js';
import { WorkCalendar } from './work-calendar.js';
import {
  DEFAULT_HOURS,
  DEFAULT_WORKING_HOURS,
  formatWorkingHours,
  isWithinWorkingHours,
  nextWorkingInstant,
  parseWorkingHours,
  reminderSendTime,
  WorkingHoursError,
} from './working-hours.js';

const cal = new WorkCalendar();
const at = (date: string, time: string) => atBeijing(date, time);

describe('parseWorkingHours', () => {
  it('parses the default', () => {
    expect(DEFAULT_WORKING_HOURS).toBe('08:30-12:00,14:30-17:30');
    expect(parseWorkingHours(DEFAULT_WORKING_HOURS).periods).toEqual([
      { start: 8 * 60 + 30, end: 12 * 60 },
      { start: 14 * 60 + 30, end: 17 * 60 + 30 },
    ]);
    expect(formatWorkingHours(DEFAULT_HOURS)).toBe(DEFAULT_WORKING_HOURS);
  });

  it('accepts what an admin types on a Chinese keyboard', () => {
    expect(formatWorkingHours(parseWorkingHours('08:30－12:00，14:30－17:30'))).toBe(DEFAULT_WORKING_HOURS);
    expect(formatWorkingHours(parseWorkingHours(' 14:30 ~ 17:30 , 8:30-12:00 '))).toBe(DEFAULT_WORKING_HOURS);
    expect(formatWorkingHours(parseWorkingHours('9：00至17：00'))).toBe('09:00-17:00');
    expect(formatWorkingHours(parseWorkingHours('20:00-24:00'))).toBe('20:00-24:00');
  });

  it.each([
    ['', '工作时间不能为空'],
    ['08:30-12:00,', '工作时间第 2 段为空'],
    ['08:30', '工作时间第 1 段「08:30」格式不正确'],
    ['8-12', '工作时间第 1 段「8-12」中的时间「8」格式不正确'],
    ['08:30-12:00,25:00-26:00', '工作时间第 2 段「25:00-26:00」中的时间「25:00」不存在'],
    ['08:60-09:00', '「08:60」不存在'],
    ['24:00-24:00', '「24:00」不存在'],
    ['12:00-08:30', '工作时间第 1 段「12:00-08:30」的结束时间须晚于开始时间'],
    ['08:30-12:00,11:00-13:00', '工作时间「08:30-12:00」与「11:00-13:00」重叠'],
  ])('rejects %j with a precise reason', (spec, message) => {
    expect(() => parseWorkingHours(spec)).toThrow(WorkingHoursError);
    expect(() => parseWorkingHours(spec)).toThrow(message);
  });
});

describe('isWithinWorkingHours (Beijing time, default hours)', () => {
  it.each([
    ['2026-02-13', '08:29', false],
    ['2026-02-13', '08:30', true],
    ['2026-02-13', '11:59', true],
    ['2026-02-13', '12:00', false], // lunch
    ['2026-02-13', '14:30', true],
    ['2026-02-13', '17:29', true],
    ['2026-02-13', '17:30', false],
    ['2026-02-13', '22:00', false], // night
    ['2026-02-14', '10:00', true], // make-up Saturday
    ['2026-02-15', '10:00', false], // 春节
    ['2026-02-21', '10:00', false],
    ['2026-03-07', '10:00', false], // plain Saturday
    ['2026-09-20', '15:00', true], // make-up Sunday
    ['2026-10-01', '09:00', false], // 国庆
    ['2026-10-10', '15:00', true], // make-up Saturday
  ])('%s %s → %s', (date, time, expected) => {
    expect(isWithinWorkingHours(cal, at(date, time))).toBe(expected);
  });

  it('reads the instant in Beijing, whatever the process zone', () => {
    // 01:00Z is 09:00 in Beijing on Friday 2-13; 23:30Z on 2-13 is already 07:30 on Saturday 2-14.
    expect(isWithinWorkingHours(cal, new Date('2026-02-13T01:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(cal, new Date('2026-02-13T23:30:00Z'))).toBe(false);
  });

  it('uses the configured hours', () => {
    const hours = parseWorkingHours('09:00-17:00');
    expect(isWithinWorkingHours(cal, at('2026-02-13', '12:30'), hours)).toBe(true);
    expect(isWithinWorkingHours(cal, at('2026-02-13', '08:45'), hours)).toBe(false);
  });
});

describe('nextWorkingInstant', () => {
  it('keeps an instant inside working hours as it is', () => {
    const t = new Date('2026-02-13T02:17:43.123Z'); // 10:17:43 in Beijing
    expect(nextWorkingInstant(cal, t)).toBe(t);
  });

  it.each([
    ['before work', '2026-02-13', '07:00', '2026-02-13T00:30:00.000Z'],
    ['at lunch', '2026-02-13', '12:00', '2026-02-13T06:30:00.000Z'],
    ['Friday evening → make-up Saturday', '2026-02-13', '18:00', '2026-02-14T00:30:00.000Z'],
    ['make-up Saturday evening → after 春节', '2026-02-14', '18:00', '2026-02-24T00:30:00.000Z'],
    ['during 春节', '2026-02-18', '10:00', '2026-02-24T00:30:00.000Z'],
    ['the eve of 国庆', '2026-09-30', '17:30', '2026-10-08T00:30:00.000Z'],
    ['during 国庆', '2026-10-03', '09:00', '2026-10-08T00:30:00.000Z'],
    ['Friday 10-9 evening → make-up Saturday', '2026-10-09', '20:00', '2026-10-10T00:30:00.000Z'],
    ['Friday 9-18 night → make-up Sunday', '2026-09-18', '23:59', '2026-09-20T00:30:00.000Z'],
    ['a plain Saturday', '2026-03-07', '10:00', '2026-03-09T00:30:00.000Z'],
  ])('%s', (_label, date, time, expected) => {
    const next = nextWorkingInstant(cal, at(date, time));
    expect(next.toISOString()).toBe(expected);
    expect(isWithinWorkingHours(cal, next)).toBe(true);
  });

  it('uses the configured hours', () => {
    const hours = parseWorkingHours('09:00-17:00');
    expect(nextWorkingInstant(cal, at('2026-09-30', '17:00'), hours).toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });
});

describe('reminderSendTime', () => {
  it('sends urgent reminders at once and holds the others for working hours', () => {
    const night = at('2026-10-01', '23:00');
    expect(reminderSendTime(cal, night, { urgent: true })).toBe(night);
    expect(reminderSendTime(cal, night).toISOString()).toBe('2026-10-08T00:30:00.000Z');
  });
});
