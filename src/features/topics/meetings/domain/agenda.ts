import type { WorkingHours } from '../../../../platform/calendar/working-hours.js';
import type { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { beijingDate, beijingMinuteOfDay, type IsoDate } from '../../../../platform/time.js';

/** One agenda line's time slot, minutes of the Beijing day (may run past midnight only in theory). */
export interface Slot {
  start: number;
  end: number;
}

/**
 * The time slots of an agenda: the topics one after another from the meeting's start, each for its
 * estimated duration (a topic without an estimate counts the form's default).
 */
export function timeSlots(startsAt: Date, minutes: readonly number[]): Slot[] {
  let at = beijingMinuteOfDay(startsAt);
  return minutes.map((m) => {
    const slot = { start: at, end: at + m };
    at += m;
    return slot;
  });
}

/**
 * The day the 会前提醒 goes out: the working day before the meeting's day (a Monday meeting on the Friday
 * before, a meeting after a holiday on the last working day before it; make-up Saturdays count).
 */
export function reminderDateOf(startsAt: Date, calendar: WorkCalendar): IsoDate {
  return calendar.previousWorkingDay(beijingDate(startsAt));
}

/**
 * The reminder's time on its day (Beijing, "HH:mm"): the start of the office's morning (the first period
 * of WORKING_HOURS), so an office that opens at 08:00 is reminded at 08:00 — not at a fixed hour.
 */
export function reminderTime(hours: WorkingHours): string {
  const start = hours.periods[0]?.start ?? 9 * 60;
  return `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
}

/** The place a topic moves to, 1-based, clamped to the agenda. */
export function clampPosition(wanted: number, count: number): number {
  return Math.min(Math.max(1, Math.trunc(wanted)), Math.max(1, count));
}

/**
 * The agenda's order after moving `id` to `to` (1-based): the ids in their new order. Unknown ids leave the
 * order as it is.
 */
export function reorder(ids: readonly string[], id: string, to: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const rest = ids.filter((x) => x !== id);
  rest.splice(clampPosition(to, ids.length) - 1, 0, id);
  return rest;
}
