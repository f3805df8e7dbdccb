import { z } from 'zod';
import { parseCron } from '../platform/scheduler/cron.js';
import type { WorkingHours } from '../platform/calendar/working-hours.js';

/** An empty or blank variable counts as unset, so `.env` lines like `FOO=` take the default. */
export const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

/**
 * What every feature's fragment reads besides its own variables: where to report problems, the office
 * hours (undefined when WORKING_HOURS itself was wrong) and the small parsers the fragments share.
 */
export interface ConfigContext {
  problems: string[];
  workingHours?: WorkingHours;
}

/** A time of day such as 07:30 as minutes of the Beijing day; a malformed value is reported (NaN returned). */
export function clockMinute(ctx: ConfigContext, name: string, text: string): number {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text);
  const minute = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) ctx.problems.push(`${name}: expected a time of day such as 07:30 (got "${text}")`);
  return minute;
}

/** A comma-separated list of whole numbers 0–60 (optionally exactly `count` of them). */
export function smallNumbers(ctx: ConfigContext, name: string, text: string, count?: number): number[] {
  const list = text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);
  if (list.some((n) => !Number.isInteger(n) || n < 0 || n > 60) || (count !== undefined && list.length !== count)) {
    ctx.problems.push(`${name}: expected ${count ?? 'a list of'} whole numbers between 0 and 60, comma-separated (got "${text}")`);
  }
  return list;
}

export function checkCron(ctx: ConfigContext, name: string, expr: string): void {
  try {
    parseCron(expr);
  } catch (err) {
    ctx.problems.push(`${name}: ${(err as Error).message}`);
  }
}
