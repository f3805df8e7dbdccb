import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { OFFICE_TIME_ZONE } from '../ports/clock.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Office-time helpers. Instants are stored in UTC; dates and times of day are read in Asia/Shanghai. */
export type IsoDate = string; // YYYY-MM-DD

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so Beijing wall-clock fields are the
 * UTC fields of the instant shifted by 8 hours: ~100× cheaper than a time-zone lookup, which matters in
 * jobs that read thousands of dates. (Tested against the tz database in time.test.ts.)
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const shifted = (instant: Date) => new Date(instant.getTime() + BEIJING_OFFSET_MS);

/** The Beijing calendar date of an instant. */
export function beijingDate(instant: Date): IsoDate {
  return shifted(instant).toISOString().slice(0, 10);
}

/** Minutes since Beijing midnight. */
export function beijingMinuteOfDay(instant: Date): number {
  const b = shifted(instant);
  return b.getUTCHours() * 60 + b.getUTCMinutes();
}

/** `2026-11-23T09:00` — the Beijing wall-clock minute of an instant (used as a job period key). */
export function beijingMinute(instant: Date): string {
  return shifted(instant).toISOString().slice(0, 16);
}

/** The instant of a Beijing wall-clock time (`HH:mm`, default midnight) on a date. */
export function atBeijing(date: IsoDate, time = '00:00'): Date {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', OFFICE_TIME_ZONE).toDate();
}

/**
 * Calendar-date arithmetic on UTC midnights: plain Date fields, no time zone involved (and ~50× cheaper
 * than dayjs, which matters where a list derives overdue working days for every row).
 */
function utcMidnight(date: IsoDate): Date {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return d;
}

const isoOf = (d: Date): IsoDate => d.toISOString().slice(0, 10);

export function addDays(date: IsoDate, n: number): IsoDate {
  const d = utcMidnight(date);
  d.setUTCDate(d.getUTCDate() + n);
  return isoOf(d);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(date: IsoDate): number {
  return utcMidnight(date).getUTCDay();
}

export function isValidIsoDate(text: string): boolean {
  // A date that does not exist (02-30) rolls over into another one.
  return ISO_DATE.test(text) && Number(text.slice(0, 4)) >= 1000 && isoOf(utcMidnight(text)) === text;
}

/** `11月23日（周一）` for people. */
export function formatChineseDate(date: IsoDate): string {
  const d = utcMidnight(date);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${'日一二三四五六'[d.getUTCDay()]}）`;
}

/** `2026-11-23 09:00` in Beijing time, for cards and logs read by people. */
export function formatBeijing(instant: Date): string {
  return dayjs(instant).tz(OFFICE_TIME_ZONE).format('YYYY-MM-DD HH:mm');
}
