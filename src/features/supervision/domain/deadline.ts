import { badInput } from '../../../errors.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { formatChineseDate, isValidIsoDate, type IsoDate } from '../../../platform/time.js';

/**
 * A deadline as people type it: `2026-12-15` (also 2026/12/15, 2026年12月15日) or `N个工作日` (counted
 * from the next working day). It must not be in the past and must fall on a working day.
 */
export function parseDeadline(text: string, today: IsoDate, calendar: WorkCalendar): IsoDate {
  const t = text.normalize('NFKC').trim();
  const relative = /^(\d{1,3})\s*个?工作日(内)?$/.exec(t);
  if (relative) {
    const n = Number(relative[1]);
    if (n < 1) throw badInput('期限至少为 1 个工作日。');
    return calendar.addWorkingDays(today, n);
  }
  const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(t);
  if (!m) throw badInput(`无法识别期限「${text}」。请写成 2026-12-15 或「10个工作日」。`);
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (!isValidIsoDate(date)) throw badInput(`期限「${text}」不是有效日期。`);
  return checkDeadline(date, today, calendar);
}

export function checkDeadline(date: IsoDate, today: IsoDate, calendar: WorkCalendar): IsoDate {
  if (date < today) throw badInput(`期限 ${date} 早于今天（${today}），请重新填写。`);
  if (!calendar.isWorkingDay(date)) {
    const next = calendar.nextWorkingDay(date);
    const name = calendar.holidayName(date);
    throw badInput(
      `期限 ${formatChineseDate(date)}${name ? `是${name}假期` : '不是工作日'}，请改为工作日，如 ${next}（${formatChineseDate(next)}）。`,
    );
  }
  return date;
}

/** Working days the item is past its deadline (0 on the day itself or before). Derived, never stored. */
export function overdueWorkingDays(deadline: IsoDate, today: IsoDate, calendar: WorkCalendar): number {
  return today > deadline ? calendar.workingDaysBetween(deadline, today) : 0;
}

export function isOverdue(deadline: IsoDate, today: IsoDate): boolean {
  return today > deadline;
}
