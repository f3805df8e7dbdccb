import type { Rng } from '../../drills/support/prng.js';
import { atBeijing, addDays, type IsoDate } from '../../src/platform/time.js';
import type { SimOffice } from './office.js';

/**
 * The month's calendar and clock: every day from the first working day until `workingDays` working days
 * have passed (weekends and holidays between), each working day cut into moments at which the actors
 * act. Between moments the clock travels through every scheduled minute (scheduler.runBetween), so each
 * job runs exactly when it would have on a bot left running all month.
 */
export interface Day {
  date: IsoDate;
  working: boolean;
  /** 0-based index among the month's working days (−1 on a day off). */
  index: number;
}

export interface Actor {
  name: string;
  /** Called at each moment of a working day (HH:MM), in order; and once on each day off at 10:00. */
  act(day: Day, moment: string): Promise<void>;
}

export const MOMENTS = ['08:40', '09:20', '10:30', '11:30', '15:00', '16:20', '17:10'] as const;

export function monthDays(office: SimOffice, first: IsoDate, workingDays: number): Day[] {
  const cal = office.app.calendar.current();
  const days: Day[] = [];
  let index = 0;
  for (let d = first; index < workingDays; d = addDays(d, 1)) {
    const working = cal.isWorkingDay(d);
    days.push({ date: d, working, index: working ? index++ : -1 });
  }
  return days;
}

export async function travelTo(office: SimOffice, to: Date): Promise<void> {
  const from = office.clock.now();
  if (to <= from) return;
  await office.app.scheduler.runBetween(from, to, (at) => office.clock.set(at));
  office.clock.set(to);
  await office.app.scheduler.idle();
  await office.settle();
}

export async function runMonth(office: SimOffice, days: Day[], actors: Actor[], o: { onDayEnd?: (day: Day) => Promise<void> | void; rng: Rng }): Promise<void> {
  void o.rng;
  for (const day of days) {
    const moments = day.working ? MOMENTS : (['10:00'] as const);
    for (const m of moments) {
      await travelTo(office, atBeijing(day.date, m));
      for (const a of actors) await a.act(day, m);
    }
    await travelTo(office, atBeijing(day.date, '23:59'));
    await o.onDayEnd?.(day);
  }
  // One more night and morning: the last day's evening jobs and the next morning's chases and broadcasts.
  const last = days.at(-1)!;
  await travelTo(office, atBeijing(addDays(last.date, 1), '09:30'));
}
