import type { DayStatus } from '../../domain/states.js';

/** One unit's line on the daily board. */
export interface BoardLine {
  unitId: string;
  unit: string;
  status: DayStatus;
  /** Notes reported that day (withdrawn ones not counted). */
  notes: number;
  late: boolean;
  nudged: boolean;
}

export interface Board {
  date: string;
  /** The day is a working day (a day off has no board). */
  working: boolean;
  lines: BoardLine[];
}

export function countByStatus(lines: readonly BoardLine[]): Record<DayStatus, number> {
  const c: Record<DayStatus, number> = { reported: 0, zero: 0, unreported: 0, missed: 0 };
  for (const l of lines) c[l.status]++;
  return c;
}

/** One unit's month: working days due so far, and how each went. */
export interface MonthLine {
  unitId: string;
  unit: string;
  due: number;
  reported: number;
  zero: number;
  missed: number;
  late: number;
  notes: number;
}

/**
 * A month per unit from its day rows: a working day with no row counts as 漏报 once it is closed (the close
 * job writes the row; a day the bot missed entirely still counts), and as nothing while still open.
 */
export function monthLines(
  units: readonly { id: string; name: string }[],
  closedDays: readonly string[],
  openDay: string | undefined,
  days: readonly { unitId: string; date: string; status: string; late: boolean }[],
  notes: readonly { unitId: string; date: string; state: string }[],
): MonthLine[] {
  const closed = new Set(closedDays);
  return units.map((u) => {
    const line: MonthLine = { unitId: u.id, unit: u.name, due: closedDays.length, reported: 0, zero: 0, missed: 0, late: 0, notes: 0 };
    const seen = new Set<string>();
    for (const d of days) {
      if (d.unitId !== u.id || (!closed.has(d.date) && d.date !== openDay)) continue;
      seen.add(d.date);
      if (d.status === 'reported') line.reported++;
      else if (d.status === 'zero') line.zero++;
      else if (d.status === 'missed' || closed.has(d.date)) line.missed++;
      if (d.late) line.late++;
    }
    for (const date of closed) if (!seen.has(date)) line.missed++;
    if (openDay && seen.has(openDay)) line.due++;
    line.notes = notes.filter((n) => n.unitId === u.id && n.state !== 'withdrawn').length;
    return line;
  });
}
