import type { WorkCalendar } from '../calendar/work-calendar.js';
import { formatChineseDate, type IsoDate } from '../time.js';

/**
 * A date written the office way for a confirmation: `12月18日（周五）`, with the year only when it is not
 * this year (`2027年1月5日（周二）`), and what kind of day it is inside the same parentheses —
 * `10月2日（周五，国庆节假期）`, `10月10日（周六，调休上班）` — never a second pair nested in the first.
 */
export function describeDate(date: IsoDate, today: IsoDate, calendar: WorkCalendar): string {
  const base = formatChineseDate(date); // 12月18日（周五）
  const note = dayNote(date, calendar);
  const withNote = note ? `${base.slice(0, -1)}，${note}）` : base;
  return date.slice(0, 4) === today.slice(0, 4) ? withNote : `${Number(date.slice(0, 4))}年${withNote}`;
}

/** 国庆节假期 / 调休上班 / undefined for an ordinary weekday or weekend (the weekday already says it). */
export function dayNote(date: IsoDate, calendar: WorkCalendar): string | undefined {
  const info = calendar.dayInfo(date);
  if (info.reason === 'holiday') return info.name ? `${info.name}假期` : '放假';
  if (info.reason === 'makeup') return '调休上班';
  return undefined;
}

/** `15:30` for a minute of the day. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
