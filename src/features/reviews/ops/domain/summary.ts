import { median } from './dwell.js';

/** One level's (or one person's) figures for the month: decisions, median and slowest dwell, on time. */
export interface DwellStats {
  name: string;
  count: number;
  medianMinutes: number;
  slowestMinutes: number;
  onTime: number;
}

export interface Decision {
  /** What the figures are grouped by (the level's name, or the person's). */
  key: string;
  dwellMinutes: number;
  limitMinutes: number;
}

/** Groups decisions by key, in first-seen order; on time means within the level's limit. */
export function dwellStats(decisions: readonly Decision[]): DwellStats[] {
  const groups = new Map<string, Decision[]>();
  for (const d of decisions) {
    const g = groups.get(d.key);
    if (g) g.push(d);
    else groups.set(d.key, [d]);
  }
  return [...groups].map(([name, list]) => ({
    name,
    count: list.length,
    medianMinutes: median(list.map((d) => d.dwellMinutes)) ?? 0,
    slowestMinutes: Math.max(...list.map((d) => d.dwellMinutes)),
    onTime: list.filter((d) => d.dwellMinutes <= d.limitMinutes).length,
  }));
}
