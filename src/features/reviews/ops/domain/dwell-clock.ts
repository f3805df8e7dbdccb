import type { OfficeTime } from '../../../../platform/calendar/working-time.js';
import { addDays, atBeijing, beijingDate, type IsoDate } from '../../../../platform/time.js';

const DAY_MS = 86_400_000;
const MINUTE = 60_000;
/** Beijing is UTC+8 all year: a Beijing day number is the UTC day number of the instant + 8 h. */
const OFFSET_MS = 8 * 3_600_000;

interface Day {
  /** The day's office periods as [start, end) instants (none on a day off). */
  periods: [number, number][];
  /** Working minutes from the next midnight to `now`. */
  afterMidnight: number;
}

/**
 * Working minutes from many instants to one `now` (审核 卡在谁那 over 10,000 holdings): each date's office
 * periods and the working minutes from its next midnight to `now` are worked out once per date and
 * shared, so a holding costs a few additions, not a walk through the calendar since it arrived.
 */
export class DwellClock {
  private readonly days = new Map<number, Day>();

  constructor(
    private readonly time: OfficeTime,
    readonly now: Date,
  ) {}

  /** Working minutes in [from, now); 0 when `from` is not before `now`. */
  since(from: Date): number {
    const a = from.getTime();
    const b = this.now.getTime();
    if (a >= b) return 0;
    const dayNumber = Math.floor((a + OFFSET_MS) / DAY_MS);
    const day = this.day(dayNumber);
    const nextMidnight = (dayNumber + 1) * DAY_MS - OFFSET_MS;
    const end = Math.min(b, nextMidnight);
    let ms = 0;
    for (const [s, e] of day.periods) {
      const overlap = Math.min(e, end) - Math.max(s, a);
      if (overlap > 0) ms += overlap;
    }
    return ms / MINUTE + (nextMidnight < b ? day.afterMidnight : 0);
  }

  private day(dayNumber: number): Day {
    let d = this.days.get(dayNumber);
    if (!d) {
      const midnight = dayNumber * DAY_MS - OFFSET_MS;
      const date: IsoDate = beijingDate(new Date(midnight));
      const periods: [number, number][] = this.time.calendar.isWorkingDay(date)
        ? this.time.hours.periods.map((p) => [midnight + p.start * MINUTE, midnight + p.end * MINUTE])
        : [];
      const next = atBeijing(addDays(date, 1));
      const afterMidnight = next < this.now ? this.time.between('working', next, this.now) : 0;
      this.days.set(dayNumber, (d = { periods, afterMidnight }));
    }
    return d;
  }
}
