import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { OfficeTime } from '../calendar/working-time.js';
import type { IsoDate } from '../time.js';

/**
 * Reminder ladders: the rungs an open object climbs as time passes. Each rung has a rank; the object
 * remembers the highest rank already sent, so a day the bot was down is caught up on the next run (only
 * the highest rung due is sent, never a burst of the ones missed) and no rung is sent twice. Pure: the
 * caller passes today / now and the office calendar. Two kinds:
 *  (a) deadline ladders, counted in working days to and past a due date (督办催办);
 *  (b) elapsed ladders, counted from a start instant in working or clock minutes, at multiples of a
 *      limit (a review step: nudge at 1×, escalate at 2×; an emergency report in clock minutes).
 */

// ---- (a) deadline ladders, in working days ----

/** When the rungs fall, in working days. */
export interface DeadlineSchedule {
  /** Working days before the deadline to remind (0 = on the day). */
  before: readonly number[];
  /** Overdue working day of the first overdue rung. */
  firstOverdue: number;
  /** Overdue working day from which the wider audience is told too. */
  escalateAt: number;
  /** After escalation, one more rung every this many working days (a working week). */
  repeatEvery: number;
}

/** Who each phase of the ladder reaches; the feature declares its own audiences. */
export interface DeadlineAudiences<Aud extends string> {
  before: readonly Aud[];
  overdue: readonly Aud[];
  escalated: readonly Aud[];
}

export interface DeadlineLadder<Aud extends string> extends DeadlineSchedule {
  audiences: DeadlineAudiences<Aud>;
  /** The words of a rung from the working days left (negative when overdue); default 今日到期 / 还有N个工作日到期 / 已超期N个工作日. */
  label?: (daysLeft: number) => string;
}

export type DeadlinePhase = 'before' | 'overdue' | 'escalated';

export interface DeadlineRung<Aud extends string> {
  rank: number;
  label: string;
  audience: Aud[];
  /** Working days to the deadline (negative when overdue). */
  daysLeft: number;
  phase: DeadlinePhase;
}

export function deadlineLabel(daysLeft: number): string {
  if (daysLeft === 0) return '今日到期';
  return daysLeft > 0 ? `还有${daysLeft}个工作日到期` : `已超期${-daysLeft}个工作日`;
}

/** The highest rung that applies today, or undefined before the first reminder (or between rungs' reach). */
export function currentDeadlineRung<Aud extends string>(
  l: DeadlineLadder<Aud>,
  deadline: IsoDate,
  today: IsoDate,
  calendar: WorkCalendar,
): DeadlineRung<Aud> | undefined {
  const words = l.label ?? deadlineLabel;
  const before = [...l.before].sort((a, b) => b - a); // e.g. 3, 1, 0: later rungs rank higher
  if (today <= deadline) {
    const left = calendar.workingDaysBetween(today, deadline);
    let index = -1;
    before.forEach((d, i) => {
      if (left <= d) index = i;
    });
    if (index < 0) return undefined;
    return { rank: index + 1, label: words(left), audience: [...l.audiences.before], daysLeft: left, phase: 'before' };
  }
  const overdue = calendar.workingDaysBetween(deadline, today);
  const base = before.length;
  if (overdue < l.firstOverdue) return undefined;
  if (overdue < l.escalateAt) return { rank: base + 1, label: words(-overdue), audience: [...l.audiences.overdue], daysLeft: -overdue, phase: 'overdue' };
  const repeats = Math.floor((overdue - l.escalateAt) / l.repeatEvery);
  return { rank: base + 2 + repeats, label: words(-overdue), audience: [...l.audiences.escalated], daysLeft: -overdue, phase: 'escalated' };
}

/** The rung to send today, if it is higher than what was already sent (`sentRank`). */
export function deadlineRungToSend<Aud extends string>(
  l: DeadlineLadder<Aud>,
  o: { deadline: IsoDate; sentRank: number },
  today: IsoDate,
  calendar: WorkCalendar,
): DeadlineRung<Aud> | undefined {
  const rung = currentDeadlineRung(l, o.deadline, today, calendar);
  return rung && rung.rank > o.sentRank ? rung : undefined;
}

/**
 * The rungs of one day's run, for a job that pages many objects: the latest deadline that can carry a
 * rung today (`horizon`, for the candidate query) and each deadline's rung, worked out once per distinct
 * deadline. A deadline on or after the first working day past the horizon is more working days away than
 * the earliest reminder, so it is answered without counting (counting goes one date at a time, and most
 * open objects are due months ahead).
 */
export function deadlineRungsOn<Aud extends string>(
  l: DeadlineLadder<Aud>,
  today: IsoDate,
  calendar: WorkCalendar,
): { horizon: IsoDate; rungOf: (deadline: IsoDate) => DeadlineRung<Aud> | undefined } {
  const horizon = calendar.addWorkingDays(today, Math.max(...l.before, 0));
  const pastHorizon = calendar.nextWorkingDay(horizon);
  const memo = new Map<IsoDate, DeadlineRung<Aud> | undefined>();
  const rungOf = (deadline: IsoDate): DeadlineRung<Aud> | undefined => {
    if (deadline >= pastHorizon) return undefined;
    if (!memo.has(deadline)) memo.set(deadline, currentDeadlineRung(l, deadline, today, calendar));
    return memo.get(deadline);
  };
  return { horizon, rungOf };
}

// ---- (b) elapsed ladders, in working or clock minutes ----

export interface ElapsedRung {
  rank: number;
  /** Falls due at start + multiple × limit (1 = at the limit, 2 = at twice the limit). */
  multiple: number;
  audience: readonly string[];
  label?: string;
}

export interface ElapsedLadder {
  rungs: readonly ElapsedRung[];
  /** `working`: only office minutes count (a review step); `clock`: every minute does (an emergency). */
  mode: 'working' | 'clock';
}

/** The instant a rung falls due: start + multiple × limit, counted in the ladder's mode. */
export function elapsedRungDueAt(l: ElapsedLadder, rung: ElapsedRung, startedAt: Date, limitMinutes: number, time: OfficeTime): Date {
  // Whole minutes: OfficeTime counts in minutes, and 1.5 × 45 is still "about 68 minutes" to a person.
  return time.add(l.mode, startedAt, Math.round(rung.multiple * limitMinutes));
}

/** The highest rung due by `now` whose rank is above `sentRank` (catch-up sends only the highest), or undefined. */
export function elapsedRungToSend(
  l: ElapsedLadder,
  o: { startedAt: Date; now: Date; limitMinutes: number; sentRank: number; time: OfficeTime },
): ElapsedRung | undefined {
  let best: ElapsedRung | undefined;
  for (const rung of l.rungs) {
    if (rung.rank <= o.sentRank || (best && rung.rank <= best.rank)) continue;
    if (elapsedRungDueAt(l, rung, o.startedAt, o.limitMinutes, o.time) <= o.now) best = rung;
  }
  return best;
}

/** The next rung still to come after `sentRank` and when it falls due (to show "将于…提醒"), or undefined. */
export function nextElapsedRung(
  l: ElapsedLadder,
  o: { startedAt: Date; limitMinutes: number; sentRank: number; time: OfficeTime },
): { rung: ElapsedRung; dueAt: Date } | undefined {
  const rest = l.rungs.filter((r) => r.rank > o.sentRank).sort((a, b) => a.rank - b.rank);
  const rung = rest[0];
  return rung ? { rung, dueAt: elapsedRungDueAt(l, rung, o.startedAt, o.limitMinutes, o.time) } : undefined;
}
