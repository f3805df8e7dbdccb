import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { beijingDate, type IsoDate } from '../../../platform/time.js';

/**
 * Whether a topic submitted now is late for the next meeting of its type: topics are due `dueWorkingDays`
 * working days before the meeting day (a Monday meeting with 2: the Thursday before, across holidays); one
 * submitted after that day is a 临时议题, needing a reason and the presiding leader's consent.
 */
export function topicDueDate(calendar: WorkCalendar, meetingStartsAt: Date, dueWorkingDays: number): IsoDate {
  return calendar.addWorkingDays(beijingDate(meetingStartsAt), -Math.max(0, dueWorkingDays));
}

export function isLate(calendar: WorkCalendar, now: Date, meetingStartsAt: Date, dueWorkingDays: number): boolean {
  return beijingDate(now) > topicDueDate(calendar, meetingStartsAt, dueWorkingDays);
}
