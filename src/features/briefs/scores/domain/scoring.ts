import type { ScoreScheme } from '../../settings.js';
import { ADOPTION_LEVELS, type AdoptionLevel } from '../../domain/states.js';

/** How a unit's month went on the daily board (board's MonthLine, the fields the score needs). */
export interface UnitMonth {
  unitId: string;
  unit: string;
  due: number;
  reported: number;
  zero: number;
  missed: number;
  late: number;
  notes: number;
}

/** An adoption as the score reads it (InfoAdoption). */
export interface AdoptionFact {
  unitId: string;
  writerId: string;
  writerName: string;
  level: string;
}

export type LevelCounts = Record<AdoptionLevel, number>;

/** One unit's line in the month's scoring table. */
export interface UnitScore extends UnitMonth {
  adoptions: LevelCounts;
  /** Points from adoptions under the scheme. */
  gained: number;
  /** Points deducted for 漏报 and 迟报. */
  deducted: number;
  total: number;
  /** Competition rank by total (1, 1, 3 …); ties keep the office's unit order. */
  rank: number;
}

/** One writer's line: adoptions credited to them, and the points they earned. */
export interface WriterScore {
  writerId: string;
  writer: string;
  unit: string;
  adoptions: LevelCounts;
  gained: number;
  rank: number;
}

const zeroCounts = (): LevelCounts => Object.fromEntries(ADOPTION_LEVELS.map((l) => [l, 0])) as LevelCounts;
const isLevel = (l: string): l is AdoptionLevel => (ADOPTION_LEVELS as readonly string[]).includes(l);

export function pointsOf(counts: LevelCounts, scheme: ScoreScheme): number {
  return ADOPTION_LEVELS.reduce((n, l) => n + counts[l] * scheme.points[l], 0);
}

/** 1, 1, 3: equal values share the better rank; the input order is kept (a stable sort). */
export function competitionRanks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((o) => o > v).length);
}

function ranked<T extends { rank: number }>(lines: T[], value: (t: T) => number): T[] {
  const ranks = competitionRanks(lines.map(value));
  lines.forEach((l, i) => (l.rank = ranks[i]!));
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.rank - b.l.rank || a.i - b.i)
    .map((x) => x.l);
}

/**
 * The month's table per unit: adoptions per level (an adoption of an unknown level is not counted),
 * points under `scheme`, less the deductions per 漏报 and 迟报 day, ranked by total. Units arrive in the
 * office's order, which breaks ties. An adoption of a unit no longer on the board is left out.
 */
export function unitScores(months: readonly UnitMonth[], adoptions: readonly AdoptionFact[], scheme: ScoreScheme): UnitScore[] {
  const lines: UnitScore[] = months.map((m) => {
    const counts = zeroCounts();
    for (const a of adoptions) if (a.unitId === m.unitId && isLevel(a.level)) counts[a.level]++;
    const gained = pointsOf(counts, scheme);
    const deducted = m.missed * scheme.missed + m.late * scheme.late;
    return { ...m, adoptions: counts, gained, deducted, total: gained - deducted, rank: 0 };
  });
  return ranked(lines, (l) => l.total);
}

/** Per writer (by person id, else by name): adoptions and points, ranked; writers with none are absent. */
export function writerScores(adoptions: readonly AdoptionFact[], unitNames: ReadonlyMap<string, string>, scheme: ScoreScheme): WriterScore[] {
  const byWriter = new Map<string, WriterScore>();
  for (const a of adoptions) {
    if (!isLevel(a.level)) continue;
    const key = a.writerId || `name:${a.writerName}:${a.unitId}`;
    let w = byWriter.get(key);
    if (!w) {
      w = {
        writerId: a.writerId,
        writer: a.writerName || '（未署名）',
        unit: unitNames.get(a.unitId) ?? '（单位已删除）',
        adoptions: zeroCounts(),
        gained: 0,
        rank: 0,
      };
      byWriter.set(key, w);
    }
    w.adoptions[a.level]++;
  }
  const lines = [...byWriter.values()];
  for (const w of lines) w.gained = pointsOf(w.adoptions, scheme);
  lines.sort((a, b) => b.gained - a.gained || a.unit.localeCompare(b.unit, 'zh') || a.writer.localeCompare(b.writer, 'zh'));
  return ranked(lines, (l) => l.gained);
}

export interface ScoreTotals {
  units: number;
  reported: number;
  zero: number;
  missed: number;
  late: number;
  notes: number;
  adoptions: LevelCounts;
}

export function scoreTotals(lines: readonly UnitScore[]): ScoreTotals {
  const t: ScoreTotals = { units: lines.length, reported: 0, zero: 0, missed: 0, late: 0, notes: 0, adoptions: zeroCounts() };
  for (const l of lines) {
    t.reported += l.reported;
    t.zero += l.zero;
    t.missed += l.missed;
    t.late += l.late;
    t.notes += l.notes;
    for (const lv of ADOPTION_LEVELS) t.adoptions[lv] += l.adoptions[lv];
  }
  return t;
}

/** Whether `date` is the month's first working day (no working day before it in the same month). */
export function isFirstWorkingDayOfMonth(date: string, isWorkingDay: (d: string) => boolean, addDays: (d: string, n: number) => string): boolean {
  if (!isWorkingDay(date)) return false;
  for (let d = addDays(date, -1); d.slice(0, 7) === date.slice(0, 7); d = addDays(d, -1)) if (isWorkingDay(d)) return false;
  return true;
}

/** The month before YYYY-MM. */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
