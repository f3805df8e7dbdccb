import type { WorkingHours } from '../../../../platform/calendar/working-hours.js';
import { parseUrgency, URGENCY_LABEL, type Urgency } from '../../domain/kinds.js';

/**
 * How long a level may hold a draft, by urgency, in working minutes. Parsed once at start from
 * REVIEW_LIMITS (`特急:4h,加急:1d,平件:3d`): `h` is working hours, `d` working days, and a working day
 * is the day's office minutes (WORKING_HOURS), so "1d" under 08:30-12:00,14:30-17:30 is 390 minutes.
 */
export const DEFAULT_REVIEW_LIMITS = '特急:4h,加急:1d,平件:3d';

export type ReviewLimits = Record<Urgency, number>;

/** The office minutes of one working day under `hours`. */
export function dayMinutes(hours: WorkingHours): number {
  return hours.periods.reduce((sum, p) => sum + (p.end - p.start), 0);
}

/**
 * `特急:4h,加急:1d,平件:3d` → minutes per urgency. Urgencies not named keep their default. Throws an
 * Error whose message says what is wrong (the config reports it with the variable's name).
 */
export function parseReviewLimits(spec: string, hours: WorkingHours): ReviewLimits {
  const perDay = dayMinutes(hours);
  const limits: ReviewLimits = { extra_urgent: 4 * 60, urgent: perDay, normal: 3 * perDay };
  const seen = new Set<Urgency>();
  for (const part of spec
    .split(/[,，、;；]/)
    .map((p) => p.replace(/\s+/g, ''))
    .filter(Boolean)) {
    const m = /^([^:：=]+)[:：=](\d+(?:\.\d+)?)(h|d|m|小时|个?工作日|天|分钟)$/i.exec(part);
    if (!m) throw new Error(`"${part}" is not urgency:amount (e.g. 特急:4h, 加急:1d, 平件:3d; h = working hours, d = working days, m = minutes)`);
    const urgency = parseUrgency(m[1]!);
    if (!urgency) throw new Error(`"${m[1]}" is not an urgency (特急, 加急 or 平件)`);
    if (seen.has(urgency)) throw new Error(`${URGENCY_LABEL[urgency]} is given twice`);
    seen.add(urgency);
    const amount = Number(m[2]);
    const unit = m[3]!.toLowerCase();
    const minutes = unit === 'h' || unit === '小时' ? amount * 60 : unit === 'm' || unit === '分钟' ? amount : amount * perDay;
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 60 * perDay) {
      throw new Error(`${URGENCY_LABEL[urgency]}: the limit must be between 1 minute and 60 working days (got "${part}")`);
    }
    limits[urgency] = Math.round(minutes);
  }
  return limits;
}
