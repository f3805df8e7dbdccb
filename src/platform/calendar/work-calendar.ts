import chineseDays from 'chinese-days';
import { addDays, isValidIsoDate, weekday, type IsoDate } from '../time.js';

/**
 * The office's working-day calendar: the State Council holiday schedule (放假 and 调休上班) from the
 * `chinese-days` package, with the admins' overrides (table `CalendarDay`) consulted first. Pure: dates
 * are Beijing calendar dates ('YYYY-MM-DD') and nothing here reads a clock or the database.
 */
export type DayKind = 'holiday' | 'workday';

/** A named day of the schedule: a day off (`holiday`) or a make-up working day (`workday`, 调休上班). */
export interface CalendarEntry {
  kind: DayKind;
  name: string;
}

/** Where a published schedule comes from. `entry` answers only for the named days of the schedule. */
export interface HolidaySource {
  entry(date: IsoDate): CalendarEntry | undefined;
  hasYear(year: number): boolean;
}

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** holiday = 放假, makeup = 调休上班, weekend / weekday = an ordinary Saturday–Sunday / Monday–Friday. */
  reason: 'holiday' | 'makeup' | 'weekend' | 'weekday';
  /** The festival's name for `holiday` and `makeup` days (e.g. 春节), when the schedule gives one. */
  name?: string;
  source: 'override' | 'package' | 'default';
}

// A year of all-holiday overrides must not hang a loop: no real schedule has ten years without a working day.
const MAX_SCAN_DAYS = 3660;

/**
 * The `chinese-days` schedule (2004 to its release year). Only its named-day maps are used: its own
 * weekday logic reads dates in the process's time zone and is wrong west of UTC, so weekends are ours.
 * The package answers a named day with `"English,中文,N"` and any other day with an English weekday.
 */
export const chineseDaysSource: HolidaySource = (() => {
  const entries = new Map<IsoDate, CalendarEntry | null>();
  const years = new Map<number, boolean>();
  return {
    entry(date) {
      let hit = entries.get(date);
      if (hit === undefined) {
        const detail = chineseDays.getDayDetail(date); // a string: a Date would be read in the local zone
        const parts = detail.name.split(',');
        hit = parts.length >= 2 ? { kind: detail.work ? 'workday' : 'holiday', name: parts[1]!.trim() } : null;
        entries.set(date, hit);
      }
      return hit ?? undefined;
    },
    hasYear(year) {
      let has = years.get(year);
      if (has === undefined) {
        // Every published schedule has at least 元旦 off; a year the package lacks has no named day at all.
        has = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
        years.set(year, has);
      }
      return has;
    },
  };
})();

export class WorkCalendar {
  private readonly overrides: ReadonlyMap<IsoDate, CalendarEntry>;
  private readonly overrideYears: ReadonlySet<number>;

  constructor(
    overrides: Iterable<readonly [IsoDate, CalendarEntry]> = [],
    private readonly source: HolidaySource = chineseDaysSource,
  ) {
    const map = new Map<IsoDate, CalendarEntry>();
    for (const [date, entry] of overrides) map.set(requireDate(date), entry);
    this.overrides = map;
    this.overrideYears = new Set([...map.keys()].map((d) => Number(d.slice(0, 4))));
  }

  /** How a date is treated and why. Overrides win over the package; unnamed days follow Monday–Friday. */
  dayInfo(date: IsoDate): DayInfo {
    requireDate(date);
    const override = this.overrides.get(date);
    const entry = override ?? this.source.entry(date);
    if (entry) {
      const working = entry.kind === 'workday';
      return {
        date,
        working,
        reason: working ? 'makeup' : 'holiday',
        ...(entry.name ? { name: entry.name } : {}),
        source: override ? 'override' : 'package',
      };
    }
    const dow = weekday(date);
    const working = dow !== 0 && dow !== 6;
    return { date, working, reason: working ? 'weekday' : 'weekend', source: 'default' };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.dayInfo(date).working;
  }

  /** The festival a day off belongs to (春节, 国庆节…); undefined on working days (make-up days included) and plain weekends. */
  holidayName(date: IsoDate): string | undefined {
    const info = this.dayInfo(date);
    return info.reason === 'holiday' ? info.name : undefined;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.step(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    return this.step(date, -1);
  }

  /** `date` itself when it is a working day, else the next one: where a deadline on a day off moves to. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * n > 0: the n-th working day strictly after `date` — counting starts on the next working day, so
   * "within 3 working days" of a Friday meeting before a long holiday lands after the holiday, and the
   * same task given on a Saturday gets the full three days. Always workingDaysBetween(date, result) === n.
   * n < 0: the |n|-th working day strictly before `date` ("remind 2 working days before the deadline").
   * n = 0: `date` unchanged, working day or not.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    requireDate(date);
    if (!Number.isSafeInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
    let d = date;
    for (let left = Math.abs(n); left > 0; left--) d = this.step(d, Math.sign(n));
    return d;
  }

  /**
   * The number of working days d with from < d <= to (the day work is handed over does not count, the
   * due day does); 0 when from === to; negative (−count of working days d with to < d <= from) when to < from.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    requireDate(from);
    requireDate(to);
    if (to < from) return -this.workingDaysBetween(to, from);
    // From running totals per year (built once per year): a list of items overdue for months derives
    // every row's figure without walking the days.
    const [fy, fd] = yearAndDay(from);
    const [ty, td] = yearAndDay(to);
    if (fy === ty) return this.runningTotals(ty)[td]! - this.runningTotals(fy)[fd]!;
    let count = this.yearTotal(fy) - this.runningTotals(fy)[fd]!;
    for (let y = fy + 1; y < ty; y++) count += this.yearTotal(y);
    return count + this.runningTotals(ty)[td]!;
  }

  private readonly totals = new Map<number, Uint16Array>();

  /** Index i: the working days from 1 January through day i of the year (0-based). */
  private runningTotals(year: number): Uint16Array {
    let totals = this.totals.get(year);
    if (!totals) {
      const days = yearAndDay(`${year}-12-31`)[1] + 1;
      totals = new Uint16Array(days);
      let d = `${year}-01-01`;
      for (let i = 0, n = 0; i < days; i++, d = addDays(d, 1)) totals[i] = n += this.isWorkingDay(d) ? 1 : 0;
      this.totals.set(year, totals);
    }
    return totals;
  }

  private yearTotal(year: number): number {
    const totals = this.runningTotals(year);
    return totals[totals.length - 1]!;
  }

  /** True when the package or an admin override covers the year; otherwise every date of it is plain Monday–Friday. */
  hasDataFor(year: number): boolean {
    return this.overrideYears.has(year) || this.source.hasYear(year);
  }

  /** The override entries (for listing to admins), in date order. */
  overrideEntries(): [IsoDate, CalendarEntry][] {
    return [...this.overrides.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }

  private step(date: IsoDate, direction: number): IsoDate {
    requireDate(date);
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, direction);
      if (this.isWorkingDay(d)) return d;
    }
    throw new Error(`no working day within ${MAX_SCAN_DAYS} days of ${date}: check the CalendarDay overrides`);
  }
}

const DAY_MS = 86_400_000;

/** The year and the 0-based day of the year of a valid date. */
function yearAndDay(date: IsoDate): [number, number] {
  const year = Number(date.slice(0, 4));
  return [year, Math.round((Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(year, 0, 1)) / DAY_MS)];
}

function requireDate(date: IsoDate): IsoDate {
  if (!isValidIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return date;
}
