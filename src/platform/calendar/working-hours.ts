import { atBeijing, beijingDate, beijingMinuteOfDay } from '../time.js';
import type { WorkCalendar } from './work-calendar.js';

/**
 * Office hours on a working day, in Beijing time. Reminders wait for them: nothing is sent at night, at
 * lunch or on a day off unless it is marked urgent. Pure: instants come in as arguments.
 */
export const DEFAULT_WORKING_HOURS = '08:30-12:00,14:30-17:30';

/** One period, in minutes since Beijing midnight: start inclusive, end exclusive. */
export interface WorkingPeriod {
  start: number;
  end: number;
}

export interface WorkingHours {
  /** Sorted, non-overlapping, non-empty. */
  periods: readonly WorkingPeriod[];
}

/** A malformed spec; the message is Chinese and names the offending period, for the admin who set it. */
export class WorkingHoursError extends Error {
  override name = 'WorkingHoursError';
}

const TIME = /^(\d{1,2})[:：](\d{2})$/;

/**
 * `08:30-12:00,14:30-17:30` → periods. Accepts full-width ，：－ and ～ or 至 as the range mark (typed on
 * Chinese keyboards), spaces anywhere, and 24:00 as an end.
 */
export function parseWorkingHours(spec: string): WorkingHours {
  const parts = spec.split(/[,，、;；]/).map((p) => p.replace(/\s+/g, ''));
  if (parts.every((p) => p === '')) throw new WorkingHoursError('工作时间不能为空，格式如 08:30-12:00,14:30-17:30。');
  const periods: WorkingPeriod[] = [];
  parts.forEach((part, i) => {
    const label = `工作时间第 ${i + 1} 段「${part}」`;
    if (part === '') throw new WorkingHoursError(`工作时间第 ${i + 1} 段为空，请删除多余的逗号。`);
    const ends = part.split(/[-－–—~～至]/);
    if (ends.length !== 2) throw new WorkingHoursError(`${label}格式不正确，应为“开始-结束”，如 08:30-12:00。`);
    const start = minutesOf(ends[0]!, label, false);
    const end = minutesOf(ends[1]!, label, true);
    if (end <= start) throw new WorkingHoursError(`${label}的结束时间须晚于开始时间。`);
    periods.push({ start, end });
  });
  periods.sort((a, b) => a.start - b.start);
  for (let i = 1; i < periods.length; i++) {
    if (periods[i]!.start < periods[i - 1]!.end) {
      throw new WorkingHoursError(`工作时间「${formatPeriod(periods[i - 1]!)}」与「${formatPeriod(periods[i]!)}」重叠。`);
    }
  }
  return { periods };
}

export const DEFAULT_HOURS: WorkingHours = parseWorkingHours(DEFAULT_WORKING_HOURS);

function minutesOf(text: string, label: string, isEnd: boolean): number {
  const m = TIME.exec(text);
  if (!m) throw new WorkingHoursError(`${label}中的时间「${text}」格式不正确，应为 时:分，如 08:30。`);
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const valid = minute < 60 && (hour < 24 || (isEnd && hour === 24 && minute === 0));
  if (!valid) throw new WorkingHoursError(`${label}中的时间「${text}」不存在（时为 0–23，分为 0–59）。`);
  return hour * 60 + minute;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function formatPeriod(p: WorkingPeriod): string {
  return `${hhmm(p.start)}-${hhmm(p.end)}`;
}

/** The spec back in canonical form, e.g. for a startup log line or an admin card. */
export function formatWorkingHours(hours: WorkingHours): string {
  return hours.periods.map(formatPeriod).join(',');
}

/** True on a working day (make-up Saturdays included) inside one of the periods. */
export function isWithinWorkingHours(calendar: WorkCalendar, instant: Date, hours: WorkingHours = DEFAULT_HOURS): boolean {
  if (!calendar.isWorkingDay(beijingDate(instant))) return false;
  const minute = beijingMinuteOfDay(instant);
  return hours.periods.some((p) => minute >= p.start && minute < p.end);
}

/**
 * `instant` itself when it is inside working hours; else the start of the next working period — later
 * today if one remains (e.g. 14:30 after lunch), otherwise the first period of the next working day.
 */
export function nextWorkingInstant(calendar: WorkCalendar, instant: Date, hours: WorkingHours = DEFAULT_HOURS): Date {
  if (isWithinWorkingHours(calendar, instant, hours)) return instant;
  const today = beijingDate(instant);
  if (calendar.isWorkingDay(today)) {
    const minute = beijingMinuteOfDay(instant);
    const later = hours.periods.find((p) => p.start > minute);
    if (later) return atBeijing(today, hhmm(later.start));
  }
  return atBeijing(calendar.nextWorkingDay(today), hhmm(hours.periods[0]!.start));
}

/** When a reminder may go out: at once if urgent, else at the next working instant. */
export function reminderSendTime(calendar: WorkCalendar, instant: Date, options: { urgent?: boolean; hours?: WorkingHours } = {}): Date {
  return options.urgent ? instant : nextWorkingInstant(calendar, instant, options.hours);
}
