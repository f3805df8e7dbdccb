import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { BotError } from '../../../../errors.js';
import { parseWorkingHours } from '../../../../platform/calendar/working-hours.js';
import { reminderDateOf, reminderTime, reorder, timeSlots } from './agenda.js';
import { parseMeetingLine } from './line.js';

const calendar = new WorkCalendar();
const ctx = { today: '2026-09-24', calendar };

describe('meetings domain', () => {
  it('time slots run from the start, one topic after another', () => {
    expect(timeSlots(new Date('2026-10-08T09:00:00+08:00'), [30, 20, 15])).toEqual([
      { start: 540, end: 570 },
      { start: 570, end: 590 },
      { start: 590, end: 605 },
    ]);
  });

  it('the reminder goes on the working day before: across the National Day holiday, Friday before a Monday, a make-up Saturday', () => {
    expect(reminderDateOf(new Date('2026-10-08T09:00:00+08:00'), calendar)).toBe('2026-09-30');
    expect(reminderDateOf(new Date('2026-10-19T09:00:00+08:00'), calendar)).toBe('2026-10-16');
    // 2026-10-10 (Saturday) is a make-up working day: a Monday 10-12 meeting is reminded then.
    expect(reminderDateOf(new Date('2026-10-12T09:00:00+08:00'), calendar)).toBe('2026-10-10');
  });

  it("the reminder's time is the start of the office's morning (WORKING_HOURS)", () => {
    expect(reminderTime(parseWorkingHours('08:30-12:00,14:30-17:30'))).toBe('08:30');
    expect(reminderTime(parseWorkingHours('14:30-17:30,08:00-12:00'))).toBe('08:00');
    expect(reminderTime(parseWorkingHours('09:15-12:00'))).toBe('09:15');
  });

  it('reorders by moving one id to a 1-based place, clamped', () => {
    expect(reorder(['a', 'b', 'c'], 'c', 1)).toEqual(['c', 'a', 'b']);
    expect(reorder(['a', 'b', 'c'], 'a', 9)).toEqual(['b', 'c', 'a']);
    expect(reorder(['a', 'b', 'c'], 'x', 1)).toEqual(['a', 'b', 'c']);
  });

  it('reads the one line: date and time together or apart, the rest is the place', () => {
    expect(parseMeetingLine(['常务会', '10月8日上午9:00', '三楼会议室'], ctx)).toMatchObject({ typeText: '常务会', startMinute: 540, place: '三楼会议室' });
    const apart = parseMeetingLine(['常务会', '10月8日', '3点', '县政府', '三楼会议室'], ctx);
    expect(apart).toMatchObject({ startMinute: 900, place: '县政府 三楼会议室', notes: ['3点按下午3点'] });
    expect(apart.date.date).toBe('2026-10-08');
  });

  it('refuses a line without a start time or a place, naming what is missing', () => {
    const message = (argv: string[]) => {
      try {
        parseMeetingLine(argv, ctx);
      } catch (err) {
        return err instanceof BotError ? err.userMessage : String(err);
      }
      return '';
    };
    expect(message(['常务会', '10月8日上午', '三楼'])).toContain('具体开始时间');
    expect(message(['常务会', '10月8日上午9:00'])).toContain('请写明会议地点');
    expect(message(['常务会'])).toContain('请写明会议时间和地点');
  });
});
