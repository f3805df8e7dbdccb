import type { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { currentDeadlineRung, type DeadlineLadder } from '../../../../platform/reminders/ladder.js';
import type { IsoDate } from '../../../../platform/time.js';

/** The 纪要 is due this many working days after the meeting (调休 make-up days count, holidays do not). */
export const MINUTES_DUE_WORKING_DAYS = 3;

/** The day the 纪要 is due: the meeting's day + 3 working days (a Wednesday before 国庆 → the make-up Saturday). */
export function minutesDueDate(heldOn: IsoDate, calendar: WorkCalendar): IsoDate {
  return calendar.addWorkingDays(heldOn, MINUTES_DUE_WORKING_DAYS);
}

/** Who a rung of the minutes chase reaches: the drafter, the office director, the presiding leader. */
export type MinutesAudience = 'drafter' | 'director' | 'presiding';

/**
 * The minutes chase on the shared ladder: day 2 after the meeting (one working day left) the drafter, day 3
 * (the due day) the office director, then every other working day overdue the presiding leader as well.
 */
export const MINUTES_LADDER: DeadlineLadder<MinutesAudience> = {
  before: [1, 0],
  firstOverdue: 1,
  escalateAt: 1,
  repeatEvery: 2,
  audiences: { before: ['drafter'], overdue: ['drafter', 'director'], escalated: ['drafter', 'director', 'presiding'] },
  label: (left) => (left > 0 ? `纪要还有${left}个工作日到期` : left === 0 ? '纪要今日到期' : `纪要已超期${-left}个工作日`),
};

export interface MinutesRung {
  rank: number;
  label: string;
  audience: MinutesAudience[];
}

/**
 * Today's rung of the chase if higher than the one already sent. The ladder's `before` phase has one
 * audience; here its two rungs differ: rank 1 (day 2) goes to the drafter, rank 2 (the due day) to the director.
 */
export function minutesRungToSend(o: { dueDate: IsoDate; sentRank: number }, today: IsoDate, calendar: WorkCalendar): MinutesRung | undefined {
  const rung = currentDeadlineRung(MINUTES_LADDER, o.dueDate, today, calendar);
  if (!rung || rung.rank <= o.sentRank) return undefined;
  const audience: MinutesAudience[] = rung.phase === 'before' ? (rung.daysLeft > 0 ? ['drafter'] : ['director']) : rung.audience;
  return { rank: rung.rank, label: rung.label, audience };
}
