/**
 * The 3-hour clock of an urgent matter, in clock time (it does not stop for the evening, a lunch break or
 * a day off): the editors are reminded 2 hours after the event, the office director told at 3 hours, unless
 * an editor has marked it sent to the leaders by then.
 */
export const REMIND_AFTER_MS = 2 * 3_600_000;
export const ESCALATE_AFTER_MS = 3 * 3_600_000;

export const URGENT_REMIND = 'briefs.urgent.remind';
export const URGENT_ESCALATE = 'briefs.urgent.escalate';
export const URGENT_BUZZ = 'briefs.urgent.buzz';

export interface UrgentClock {
  /** The event time the clock runs from (the report's time when the text names none). */
  startAt: Date;
  remindAt: Date;
  escalateAt: Date;
}

export function urgentClock(eventAt: Date | null, reportedAt: Date): UrgentClock {
  const startAt = eventAt ?? reportedAt;
  return { startAt, remindAt: new Date(startAt.getTime() + REMIND_AFTER_MS), escalateAt: new Date(startAt.getTime() + ESCALATE_AFTER_MS) };
}

export const timerKey = (kind: string, noteId: string): string => `${kind}:${noteId}`;

/**
 * The key of a clock rung: the note and the time the clock runs from, so a corrected event time gets timers
 * of its own (a fired or cancelled key is never set again) and the old ones are cancelled.
 */
export const rungKey = (kind: typeof URGENT_REMIND | typeof URGENT_ESCALATE, noteId: string, startAt: Date): string => `${kind}:${noteId}:${startAt.getTime()}`;

/** Whether a rung's timer belongs to the clock as it stands (one set before the event time was corrected does not). */
export const rungIsCurrent = (clock: UrgentClock, kind: string, dueAt: Date): boolean =>
  (kind === URGENT_REMIND ? clock.remindAt : clock.escalateAt).getTime() === dueAt.getTime();
