import { formatDwell } from '../domain/dwell.js';
import { urgencyLabel } from '../../domain/kinds.js';

/** What a reminder says about one holding: pure text, the job decides who gets which. */
export interface ReminderFacts {
  number: string;
  title: string;
  urgency: string;
  /** The level's name (科长, 分管副主任, …) and its holder. */
  label: string;
  holderName: string;
  /** Working minutes held so far, and the level's limit. */
  heldMinutes: number;
  limitMinutes: number;
  dayMinutes: number;
  /** Who was told as well (the superior), on an escalation. */
  superiorName?: string;
}

/**
 * Working time in the limit's own unit: a limit in hours (特急: 4 hours) speaks of 工作小时 (4个工作小时,
 * not 4小时 — clock hours would read as if evenings counted); one in days of 工作日 (1个工作日2小时).
 */
const dwell = (f: ReminderFacts, minutes: number) => {
  const hours = f.limitMinutes < f.dayMinutes;
  const text = formatDwell(minutes, f.dayMinutes, { hours });
  return hours ? text.replace(/(\d+)小时/, '$1个工作小时') : text;
};
const head = (f: ReminderFacts) => `${f.number}《${f.title.replace(/\s+/g, ' ')}》（${urgencyLabel(f.urgency)}）`;
const limit = (f: ReminderFacts) => `（${dwell(f, f.limitMinutes)}）`;

/** The 1× nudge to the holder. */
export function holderNudge(f: ReminderFacts): string {
  return `【文稿审核提醒】${head(f)}已送达您处${dwell(f, f.heldMinutes)}，已到审核时限${limit(f)}，请及时审核。`;
}

/** The 2× reminder to the holder, saying who has been told. */
export function holderEscalation(f: ReminderFacts): string {
  const told = f.superiorName ? `，已同时告知${f.superiorName}` : '';
  return `【文稿审核提醒】${head(f)}已送达您处${dwell(f, f.heldMinutes)}，已超过审核时限${limit(f)}一倍${told}，请尽快审核。`;
}

/** The 2× message to the holder's superior (the next level, or the 主任). */
export function superiorNotice(f: ReminderFacts): string {
  return `【文稿审核督促】${head(f)}已送达${f.holderName}（${f.label}）处${dwell(f, f.heldMinutes)}，已超过审核时限${limit(f)}一倍，请督促及时办理。`;
}
