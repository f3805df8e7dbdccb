import type { PrismaClient, Tx } from '../../db/client.js';
import { isValidIsoDate, type IsoDate } from '../time.js';
import type { CalendarDayRow } from './calendar-file.js';
import { chineseDaysSource, WorkCalendar, type CalendarEntry, type HolidaySource } from './work-calendar.js';

type Db = PrismaClient | Tx;

/** The calendar as the bot uses it: the admins' `CalendarDay` overrides over the package schedule. */
export async function loadWorkCalendar(prisma: Db, source: HolidaySource = chineseDaysSource): Promise<WorkCalendar> {
  const days = await prisma.calendarDay.findMany({ orderBy: { date: 'asc' } });
  const overrides: [IsoDate, CalendarEntry][] = [];
  for (const d of days) {
    // A row written by hand with a bad value is skipped rather than taking the whole bot down.
    if (!isValidIsoDate(d.date) || (d.kind !== 'holiday' && d.kind !== 'workday')) continue;
    overrides.push([d.date, { kind: d.kind, name: d.name }]);
  }
  return new WorkCalendar(overrides, source);
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows deleted by `replaceYears`. */
  removed: number;
}

/**
 * Upserts override rows in one transaction. Idempotent: importing the same file again changes nothing
 * and reports every row as unchanged. Rows not in the file are left alone (a file may be a single
 * correction), unless `replaceYears`: then the file is the whole truth for the years it covers, and the
 * other rows of those years go (how an admin takes back a wrongly entered date).
 */
export async function importCalendarDays(
  prisma: PrismaClient,
  rows: readonly CalendarDayRow[],
  options: { replaceYears?: boolean } = {},
): Promise<ImportResult> {
  for (const r of rows) {
    if (!isValidIsoDate(r.date) || (r.kind !== 'holiday' && r.kind !== 'workday')) {
      throw new RangeError(`invalid calendar row: ${JSON.stringify(r)}`);
    }
  }
  const dates = [...new Set(rows.map((r) => r.date))];
  if (dates.length !== rows.length) throw new RangeError('importCalendarDays: a date appears twice');
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0, removed: 0 };
  return prisma.$transaction(
    async (tx: Tx) => {
      const existing = new Map((await tx.calendarDay.findMany({ where: { date: { in: dates } } })).map((d) => [d.date, d] as const));
      const result: ImportResult = { created: 0, updated: 0, unchanged: 0, removed: 0 };
      if (options.replaceYears) {
        const years = [...new Set(dates.map((d) => d.slice(0, 4)))];
        const gone = await tx.calendarDay.deleteMany({
          where: { OR: years.map((y) => ({ date: { startsWith: `${y}-` } })), NOT: { date: { in: dates } } },
        });
        result.removed = gone.count;
      }
      for (const r of rows) {
        const old = existing.get(r.date);
        if (!old) {
          // upsert, not create: a concurrent import of the same file must not fail on the primary key.
          await tx.calendarDay.upsert({ where: { date: r.date }, create: r, update: { kind: r.kind, name: r.name } });
          result.created++;
        } else if (old.kind !== r.kind || old.name !== r.name) {
          await tx.calendarDay.update({ where: { date: r.date }, data: { kind: r.kind, name: r.name } });
          result.updated++;
        } else {
          result.unchanged++;
        }
      }
      return result;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** The years among `years` with neither package data nor any override: every date in them would be plain Monday–Friday. */
export function yearsWithoutData(calendar: WorkCalendar, years: readonly number[]): number[] {
  return years.filter((y) => !calendar.hasDataFor(y));
}

/**
 * The years an admin should be warned about on `today` (a Beijing date): the current year if it has no
 * data, and from December on also the next one (the State Council usually publishes in late October to
 * November, so December leaves a month to import it). For the warning job.
 */
export function yearsToWarnAbout(calendar: WorkCalendar, today: IsoDate): number[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return yearsWithoutData(calendar, month === 12 ? [year, year + 1] : [year]);
}
