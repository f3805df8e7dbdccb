/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) read in Beijing time, for
 * working out which scheduled minute a run belongs to and which run was missed. node-cron fires the
 * live ticks; this decides periods, so a run is keyed the same way on every instance.
 */
export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
}

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(field: string, [lo, hi]: [number, number], name: string): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`bad cron ${name} field: ${field}`);
    const step = m[4] ? Number(m[4]) : 1;
    const from = m[1] === '*' ? lo : Number(m[2]);
    const to = m[1] === '*' ? hi : m[3] !== undefined ? Number(m[3]) : m[4] ? hi : from;
    if (from < lo || to > hi || from > to || step < 1) throw new Error(`bad cron ${name} field: ${field}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron expression needs 5 fields: "${expression}"`);
  const names = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'];
  const [minutes, hours, daysOfMonth, months, dow] = fields.map((f, i) => parseField(f, RANGES[i]!, names[i]!)) as Set<number>[];
  if (dow!.has(7)) dow!.add(0);
  return {
    minutes: minutes!,
    hours: hours!,
    daysOfMonth: daysOfMonth!,
    months: months!,
    daysOfWeek: dow!,
    domRestricted: fields[2] !== '*',
    dowRestricted: fields[4] !== '*',
  };
}

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export function matches(s: CronSchedule, instant: Date): boolean {
  const b = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  if (!s.minutes.has(b.getUTCMinutes()) || !s.hours.has(b.getUTCHours()) || !s.months.has(b.getUTCMonth() + 1)) return false;
  const dom = s.daysOfMonth.has(b.getUTCDate());
  const dow = s.daysOfWeek.has(b.getUTCDay());
  // Standard cron: when both day fields are restricted, either may match.
  if (s.domRestricted && s.dowRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE = 60_000;

export function floorToMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
}

/** The latest scheduled minute at or before `at`, looking back at most `withinMinutes`. */
export function previousOccurrence(s: CronSchedule, at: Date, withinMinutes: number): Date | undefined {
  const start = floorToMinute(at).getTime();
  for (let i = 0; i <= withinMinutes; i++) {
    const t = new Date(start - i * MINUTE);
    if (matches(s, t)) return t;
  }
  return undefined;
}
