import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import {
  currentDeadlineRung,
  deadlineRungToSend,
  type DeadlineAudiences,
  type DeadlineLadder,
  type DeadlineRung,
  type DeadlineSchedule,
} from '../../../platform/reminders/index.js';
import type { IsoDate } from '../../../platform/time.js';

/**
 * The chase ladder: reminders before the deadline, then escalation after it, on the shared working-days
 * ladder (platform/reminders). An item remembers the highest rank already sent (`chaseStep`), so a day
 * the bot was down is caught up the next working day instead of being lost, and no rung is sent twice.
 * What is supervision's own is declared here: the default days and who each phase reaches.
 */
export interface LadderConfig extends DeadlineSchedule {
  /** Working days before the deadline to remind (0 = on the day). */
  before: number[];
  /** Overdue working day on which the person and liaison are told. */
  firstOverdue: number;
  /** Overdue working day on which the leader and the 督查 group are told too. */
  escalateAt: number;
  /** After escalation, repeat every this many working days (a working week). */
  repeatEvery: number;
}

export const DEFAULT_LADDER: LadderConfig = { before: [3, 1, 0], firstOverdue: 1, escalateAt: 3, repeatEvery: 5 };

export type Audience = 'assignee' | 'leader' | 'group';

/** Before the deadline and just after it the person (or liaison) is told; from escalation, the leader and the 督查 group too. */
export const CHASE_AUDIENCES: DeadlineAudiences<Audience> = {
  before: ['assignee'],
  overdue: ['assignee'],
  escalated: ['assignee', 'leader', 'group'],
};

export type Rung = DeadlineRung<Audience>;

/** The shared ladder with supervision's audiences, for a schedule (the default or the office's settings). */
export function chaseLadder(cfg: LadderConfig = DEFAULT_LADDER): DeadlineLadder<Audience> {
  return { ...cfg, audiences: CHASE_AUDIENCES };
}

/** The highest rung that applies today, or undefined before the first reminder. */
export function currentRung(deadline: IsoDate, today: IsoDate, calendar: WorkCalendar, cfg: LadderConfig = DEFAULT_LADDER): Rung | undefined {
  return currentDeadlineRung(chaseLadder(cfg), deadline, today, calendar);
}

/** The rung to send today, if it is higher than what was already sent. */
export function rungToSend(
  item: { deadline: IsoDate; chaseStep: number },
  today: IsoDate,
  calendar: WorkCalendar,
  cfg: LadderConfig = DEFAULT_LADDER,
): Rung | undefined {
  return deadlineRungToSend(chaseLadder(cfg), { deadline: item.deadline, sentRank: item.chaseStep }, today, calendar);
}

/** Progress is due on the first working day of each week (weekly) or month (monthly) without a report since. */
export function progressDue(
  item: { progressCycle: string; lastProgressAt: IsoDate | null; createdOn: IsoDate },
  today: IsoDate,
  calendar: WorkCalendar,
): boolean {
  if (item.progressCycle !== 'weekly' && item.progressCycle !== 'monthly') return false;
  const periodStart = item.progressCycle === 'weekly' ? startOfWeek(today) : `${today.slice(0, 7)}-01`;
  const firstWorking = calendar.isWorkingDay(periodStart) ? periodStart : calendar.nextWorkingDay(periodStart);
  if (today !== firstWorking) return false;
  const last = item.lastProgressAt ?? item.createdOn;
  return last < periodStart;
}

function startOfWeek(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}
