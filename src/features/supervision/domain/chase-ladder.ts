import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import type { IsoDate } from '../../../platform/time.js';

/**
 * The chase ladder: reminders before the deadline, then escalation after it. Each rung has a rank; an
 * item remembers the highest rank already sent (`chaseStep`), so a day the bot was down is caught up
 * the next working day instead of being lost, and no rung is sent twice.
 */
export interface LadderConfig {
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

export interface Rung {
  rank: number;
  label: string;
  audience: Audience[];
  /** Working days to the deadline (negative when overdue). */
  daysLeft: number;
}

/** The highest rung that applies today, or undefined before the first reminder. */
export function currentRung(deadline: IsoDate, today: IsoDate, calendar: WorkCalendar, cfg: LadderConfig = DEFAULT_LADDER): Rung | undefined {
  const before = [...cfg.before].sort((a, b) => b - a); // e.g. 3, 1, 0: later rungs rank higher
  if (today <= deadline) {
    const left = calendar.workingDaysBetween(today, deadline);
    let index = -1;
    before.forEach((d, i) => {
      if (left <= d) index = i;
    });
    if (index < 0) return undefined;
    return { rank: index + 1, label: left === 0 ? '今日到期' : `还有${left}个工作日到期`, audience: ['assignee'], daysLeft: left };
  }
  const overdue = calendar.workingDaysBetween(deadline, today);
  const base = before.length;
  if (overdue < cfg.firstOverdue) return undefined;
  if (overdue < cfg.escalateAt) return { rank: base + 1, label: `已超期${overdue}个工作日`, audience: ['assignee'], daysLeft: -overdue };
  const repeats = Math.floor((overdue - cfg.escalateAt) / cfg.repeatEvery);
  return {
    rank: base + 2 + repeats,
    label: `已超期${overdue}个工作日`,
    audience: ['assignee', 'leader', 'group'],
    daysLeft: -overdue,
  };
}

/** The rung to send today, if it is higher than what was already sent. */
export function rungToSend(
  item: { deadline: IsoDate; chaseStep: number },
  today: IsoDate,
  calendar: WorkCalendar,
  cfg: LadderConfig = DEFAULT_LADDER,
): Rung | undefined {
  const rung = currentRung(item.deadline, today, calendar, cfg);
  return rung && rung.rank > item.chaseStep ? rung : undefined;
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
