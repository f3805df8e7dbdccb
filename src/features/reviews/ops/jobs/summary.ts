import { OfficeTime } from '../../../../platform/calendar/working-time.js';
import { atBeijing, beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { chatsForPurpose } from '../../../org/index.js';
import { reviewSettings } from '../desk-lines.js';
import { dayMinutes, type ReviewLimits } from '../domain/limits.js';
import { dwellStats, type Decision } from '../domain/summary.js';
import { presentMonthlySummary } from '../presenters/summary.js';
import { decidedSteps, submittedByKind } from '../repositories/summary.js';

/**
 * The monthly summary, on the first working day of a month (the job runs every working day and does
 * nothing on the others): last month's figures to each group bound for 审核, keyed by month and chat.
 * Returns false on a day that is not the month's first working day.
 */
export async function runMonthlySummary(deps: FeatureDeps, firedAt: Date, o: { force?: boolean } = {}): Promise<boolean> {
  const calendar = deps.calendar.current();
  const today = beijingDate(firedAt);
  const first = `${today.slice(0, 7)}-01`;
  const firstWorking = calendar.isWorkingDay(first) ? first : calendar.nextWorkingDay(first);
  if (today !== firstWorking && !o.force) return false;
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const from = atBeijing(`${prev}-01`);
  const to = atBeijing(first);
  const time = new OfficeTime(calendar, deps.calendar.workingHours);
  const limits = reviewSettings(deps).limits;
  const steps = await decidedSteps(deps.sql, from, to);
  const decision = (key: string, s: (typeof steps)[number]): Decision => ({
    key,
    dwellMinutes: time.between('working', s.reachedAt, s.decidedAt),
    limitMinutes: limits[s.urgency as keyof ReviewLimits] ?? limits.normal,
  });
  const card = presentMonthlySummary({
    month: `${Number(prev.slice(0, 4))}年${Number(prev.slice(5, 7))}月`,
    submitted: await submittedByKind(deps.sql, from, to),
    levels: dwellStats(steps.map((s) => decision(s.label, s))),
    people: dwellStats(steps.map((s) => decision(s.personName, s))),
    dayMinutes: dayMinutes(deps.calendar.workingHours),
  });
  for (const chatId of await chatsForPurpose(deps.prisma, 'reviews')) {
    await deps.outbox.deliver({ to: { chatId }, content: { type: 'card', card }, key: `rv-summary:${prev}:${chatId}`, origin: 'job:reviews.summary' });
  }
  return true;
}
