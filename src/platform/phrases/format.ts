import type { WorkCalendar } from '../calendar/work-calendar.js';
import { formatChineseDate, isValidIsoDate, weekday, type IsoDate } from '../time.js';

/**
 * A date written the office way for a confirmation: `12月18日（周五）`, with the year only when it is not
 * this year (`2027年1月5日（周二）`), and what kind of day it is inside the same parentheses —
 * `10月2日（周五，国庆节假期）`, `10月10日（周六，调休上班）` — never a second pair nested in the first.
 */
export function describeDate(date: IsoDate, today: IsoDate, calendar: WorkCalendar): string {
  const note = dayNote(date, calendar);
  return withYear(date, today, note ? `${formatChineseDate(date).slice(0, -1)}，${note}）` : formatChineseDate(date));
}

/**
 * A stored date for people when no calendar is at hand (a card, a reminder): `12月18日（周五）`, the year
 * only when it is not `today`'s. Text that is not an ISO date (already written for people) is kept as it is.
 */
export function officeDate(date: string, today?: IsoDate): string {
  if (!isValidIsoDate(date)) return date;
  return today ? withYear(date, today, formatChineseDate(date)) : formatChineseDate(date);
}

/** 周一 … 周日: a date's weekday alone, for text that puts it in parentheses of its own (`09:00（周一）`). */
export function weekdayName(date: IsoDate): string {
  return `周${'日一二三四五六'[weekday(date)]}`;
}

const withYear = (date: IsoDate, today: IsoDate, text: string) => (date.slice(0, 4) === today.slice(0, 4) ? text : `${Number(date.slice(0, 4))}年${text}`);

const PARENTHETICAL = /（([^（）]*)）/g;

/**
 * The one rule for a date (or any text with its own parenthetical) inside parentheses: the inner pair gives
 * way to a comma, so `12月7日（周一）` inside a pair reads `（时限：12月7日，周一）`, never
 * `（时限：12月7日（周一））`. An inner pair in mid-text is set off by commas on both sides.
 */
export function inParens(text: string): string {
  const flat = text.replace(PARENTHETICAL, (_, inner: string, at: number, whole: string) => {
    const rest = whole.slice(at).replace(/^（[^（）]*）/, '');
    return rest && !/^[，。；、：）]/.test(rest) ? `，${inner}，` : `，${inner}`;
  });
  return `（${flat}）`;
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
