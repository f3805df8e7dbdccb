import { badInput } from '../../../errors.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { describeDate, parseDatePhrase, type UnderstoodDate } from '../../../platform/phrases/index.js';
import type { IsoDate } from '../../../platform/time.js';

/** A deadline as read: the date, and the confirmation to show when the typed phrase left something to infer. */
export interface Deadline {
  date: IsoDate;
  /** `12月18日（周五）` */
  understood: string;
  /** Set unless the phrase named the full date (a relative phrase, or a month and day without the year). */
  confirmation?: string;
}

/**
 * A deadline as people type it, in any form of the shared phrase parser (2026-12-18, 12月18日, 下周五,
 * 三个工作日, 月底…, a date picker's value too). It must not be in the past and must fall on a working day.
 */
export function parseDeadline(text: string, today: IsoDate, calendar: WorkCalendar, label = '期限'): Deadline {
  const read = parseDatePhrase(text, { today, calendar, label });
  checkDeadline(read, today, calendar, label);
  const typed = text.trim().slice(0, 30);
  return {
    date: read.date,
    understood: read.understood,
    ...(read.form === 'exact' ? {} : { confirmation: `完成时限：${read.understood}，系按「${typed}」推算；如有误，请撤销后重新立项。` }),
  };
}

/** Past dates and days off are refused; a day off is answered with the working days either side of it. */
function checkDeadline(read: UnderstoodDate, today: IsoDate, calendar: WorkCalendar, label: string): void {
  if (read.date < today) throw badInput(`${label}${read.understood}早于今天，请重新填写。`);
  if (read.working) return;
  const before = calendar.previousWorkingDay(read.date);
  const after = calendar.nextWorkingDay(read.date);
  const options = [before >= today ? before : undefined, after].filter((d): d is IsoDate => !!d).map((d) => describeDate(d, today, calendar));
  throw badInput(`${label}${read.understood}不是工作日，请改为${options.length > 1 ? '前后的工作日' : '工作日'}：${options.join('或')}。`);
}

/** A stored deadline written the office way (`12月18日（周五）`), for messages about it. */
export const describeDeadline = (date: IsoDate, today: IsoDate, calendar: WorkCalendar): string => describeDate(date, today, calendar);

/** Working days the item is past its deadline (0 on the day itself or before). Derived, never stored. */
export function overdueWorkingDays(deadline: IsoDate, today: IsoDate, calendar: WorkCalendar): number {
  return today > deadline ? calendar.workingDaysBetween(deadline, today) : 0;
}

export function isOverdue(deadline: IsoDate, today: IsoDate): boolean {
  return today > deadline;
}
