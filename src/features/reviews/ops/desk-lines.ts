import type { ReviewSettings } from '../../../config.js';
import { OfficeTime } from '../../../platform/calendar/working-time.js';
import type { FeatureDeps } from '../../deps.js';
import { DwellClock } from './domain/dwell-clock.js';
import { dayMinutes, DEFAULT_REVIEW_LIMITS, parseReviewLimits, type ReviewLimits } from './domain/limits.js';
import type { Holding } from './repositories/holdings.js';
import type { DraftLine } from './presenters/lines.js';

/** The desk's view of time: working minutes per day, the limits, and a dwell clock for `now`. */
export interface DeskTime {
  dayMinutes: number;
  limits: ReviewLimits;
  clock: DwellClock;
}

export function deskTime(deps: FeatureDeps, now: Date): DeskTime {
  const hours = deps.calendar.workingHours;
  return {
    dayMinutes: dayMinutes(hours),
    limits: reviewSettings(deps).limits,
    clock: new DwellClock(new OfficeTime(deps.calendar.current(), hours), now),
  };
}

/** The configured review settings, or the defaults when the deps carry none (tests, benches). */
export function reviewSettings(deps: FeatureDeps): ReviewSettings {
  return (
    deps.settings.reviews ?? {
      limits: parseReviewLimits(DEFAULT_REVIEW_LIMITS, deps.calendar.workingHours),
      urgentAfterHours: false,
      remindCron: '*/5 * * * *',
      digestCron: '30 8 * * *',
      summaryCron: '0 9 * * *',
    }
  );
}

/** A holding as a list line: its dwell in working time and whether it is past the level's limit. */
export function lineOf(h: Holding, t: DeskTime, unitName?: string): DraftLine {
  const dwell = t.clock.since(h.reachedAt);
  const limit = t.limits[h.urgency as keyof ReviewLimits] ?? t.limits.normal;
  return {
    number: h.number,
    title: h.title,
    kind: h.kind,
    urgency: h.urgency,
    label: h.label,
    holderName: h.personName,
    dwellMinutes: dwell,
    overdue: dwell >= limit,
    ...(h.status === 'voided' ? { reconfirm: true } : {}),
    ...(unitName ? { unitName } : {}),
  };
}
