import type { OfficeTime } from '../../../../platform/calendar/working-time.js';
import { addDays, atBeijing, beijingDate, type IsoDate } from '../../../../platform/time.js';

/**
 * Working minutes from many instants to one `now` (a list of 10,000 holdings): the minutes from each
 * date's midnight to `now` are counted once per date and shared, so each holding costs its own day only,
 * not a walk over every day since it arrived.
 */
export class DwellClock {
  private readonly fromMidnight = new Map<IsoDate, number>();

  constructor(
    private readonly time: OfficeTime,
    readonly now: Date,
  ) {}

  /** Working minutes in [from, now); 0 when `from` is not before `now`. */
  since(from: Date): number {
    if (from >= this.now) return 0;
    const date = beijingDate(from);
    const next = addDays(date, 1);
    const nextMidnight = atBeijing(next);
    if (nextMidnight >= this.now) return this.time.between('working', from, this.now);
    return this.time.between('working', from, nextMidnight) + this.afterMidnight(next);
  }

  private afterMidnight(date: IsoDate): number {
    let m = this.fromMidnight.get(date);
    if (m === undefined) {
      m = this.time.between('working', atBeijing(date), this.now);
      this.fromMidnight.set(date, m);
    }
    return m;
  }
}
