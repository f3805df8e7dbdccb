import { addDays, beijingDate, type IsoDate } from '../time.js';
import type { WorkCalendar } from './work-calendar.js';
import { DEFAULT_HOURS, nextWorkingInstant, type WorkingHours } from './working-hours.js';

/**
 * Durations on the office's time. Two kinds, and the caller always names one:
 *  - `working`: only minutes inside office hours on working days count (a review due "in 4 working
 *    hours" does not run down overnight, at lunch or over a holiday; make-up Saturdays count);
 *  - `clock`: every minute counts (an emergency report due "in 3 hours" is due in 3 hours, lunch or night).
 * Pure: instants come in as arguments (never read the clock); days and hours are Asia/Shanghai.
 */
export type TimeMode = 'working' | 'clock';

const MINUTE = 60_000;
// A calendar whose overrides make years of days off must not hang a loop (as in work-calendar.ts).
const MAX_SCAN_DAYS = 3660;

/** Beijing midnight of a date as an instant (UTC+8, no daylight saving since 1991). */
const midnight = (date: IsoDate): number => Date.parse(`${date}T00:00:00+08:00`);

/** The working periods of one date as [start, end) instants in ms; none on a day off. */
function periodsOn(calendar: WorkCalendar, date: IsoDate, hours: WorkingHours): [number, number][] {
  if (!calendar.isWorkingDay(date)) return [];
  const base = midnight(date);
  return hours.periods.map((p) => [base + p.start * MINUTE, base + p.end * MINUTE]);
}

function requireMinutes(minutes: number, what: string): void {
  if (!Number.isSafeInteger(minutes)) throw new RangeError(`${what}: minutes must be an integer, got ${minutes}`);
}

/**
 * `from` plus `minutes` working minutes. Counting starts at `from` if it is inside office hours, else at
 * the next working instant; the result is where the last minute ends, so an amount that ends exactly at
 * a period's end gives that end (12:00, 17:30), not the next start. Negative minutes count backwards
 * ("remind 1 working hour before"), ending exactly at a period's start when they run out there.
 * 0 returns `from` unchanged. Always workingMinutesBetween(from, result) === minutes when from is a
 * working instant.
 */
export function addWorkingMinutes(calendar: WorkCalendar, from: Date, minutes: number, hours: WorkingHours = DEFAULT_HOURS): Date {
  requireMinutes(minutes, 'addWorkingMinutes');
  if (minutes === 0) return from;
  let left = Math.abs(minutes) * MINUTE;
  const cursor = from.getTime();
  let date = beijingDate(from);
  const step = minutes > 0 ? 1 : -1;
  for (let i = 0; i < MAX_SCAN_DAYS; i++, date = addDays(date, step)) {
    const periods = periodsOn(calendar, date, hours);
    if (step > 0) {
      for (const [start, end] of periods) {
        if (end <= cursor) continue;
        const begin = Math.max(start, cursor);
        if (left <= end - begin) return new Date(begin + left);
        left -= end - begin;
      }
    } else {
      for (const [start, end] of periods.reverse()) {
        if (start >= cursor) continue;
        const finish = Math.min(end, cursor);
        if (left <= finish - start) return new Date(finish - left);
        left -= finish - start;
      }
    }
  }
  throw new Error(`no working time within ${MAX_SCAN_DAYS} days of ${from.toISOString()}: check the CalendarDay overrides`);
}

/**
 * The working minutes in [from, to) (fractional when the instants are not on whole minutes); negative
 * when `to` is before `from`. Counts what addWorkingMinutes adds.
 */
export function workingMinutesBetween(calendar: WorkCalendar, from: Date, to: Date, hours: WorkingHours = DEFAULT_HOURS): number {
  if (to < from) return -workingMinutesBetween(calendar, to, from, hours);
  const a = from.getTime();
  const b = to.getTime();
  let total = 0;
  for (let date = beijingDate(from), last = beijingDate(to); date <= last; date = addDays(date, 1)) {
    for (const [start, end] of periodsOn(calendar, date, hours)) {
      const overlap = Math.min(end, b) - Math.max(start, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE;
}

/** `from` plus `minutes` of wall-clock time: lunch, nights and holidays count like any other minute. */
export function addClockMinutes(from: Date, minutes: number): Date {
  requireMinutes(minutes, 'addClockMinutes');
  return new Date(from.getTime() + minutes * MINUTE);
}

/** Wall-clock minutes from `from` to `to` (fractional when not whole; negative when `to` is earlier). */
export function clockMinutesBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MINUTE;
}

/**
 * The one API callers use: built on the office's calendar and hours, it adds and measures durations of
 * the mode the caller names, so a deadline that stops outside office hours and an emergency clock that
 * does not can never be mixed up by a default.
 */
export class OfficeTime {
  constructor(
    readonly calendar: WorkCalendar,
    readonly hours: WorkingHours = DEFAULT_HOURS,
  ) {}

  /** `from` plus `minutes` of the given mode. */
  add(mode: TimeMode, from: Date, minutes: number): Date {
    return mode === 'working' ? addWorkingMinutes(this.calendar, from, minutes, this.hours) : addClockMinutes(from, minutes);
  }

  /** Hours as minutes, for "4 working hours" / "3 hours". */
  addHours(mode: TimeMode, from: Date, hours: number): Date {
    return this.add(mode, from, Math.round(hours * 60));
  }

  /** The minutes of the given mode from `from` to `to`. */
  between(mode: TimeMode, from: Date, to: Date): number {
    return mode === 'working' ? workingMinutesBetween(this.calendar, from, to, this.hours) : clockMinutesBetween(from, to);
  }

  /** `at` itself inside office hours, else the start of the next working period. */
  nextWorkingInstant(at: Date): Date {
    return nextWorkingInstant(this.calendar, at, this.hours);
  }
}
