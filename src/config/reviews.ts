import { z } from 'zod';
import { DEFAULT_REVIEW_LIMITS, parseReviewLimits, type ReviewLimits } from '../features/reviews/index.js';
import { checkCron, emptyToUndefined, optionalString, type ConfigContext } from './shared.js';

/** 文稿审核's desk: per-level limits, after-hours buzzing, reminders, the digest and the monthly summary. */
export const reviewsShape = {
  REVIEW_LIMITS: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_REVIEW_LIMITS)),
  REVIEW_URGENT_AFTER_HOURS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  REVIEW_REMIND_CRON: z.preprocess(emptyToUndefined, z.string().default('*/5 * * * *')),
  REVIEW_DIGEST_CRON: optionalString,
  REVIEW_SUMMARY_CRON: z.preprocess(emptyToUndefined, z.string().default('0 9 * * *')),
};
type ReviewsRaw = z.infer<z.ZodObject<typeof reviewsShape>>;

/** 文稿审核's desk side: how long a level may hold a draft, and when its reminders, digest and summary run. */
export interface ReviewSettings {
  /** Working minutes a level may hold a draft, by urgency (REVIEW_LIMITS). */
  limits: ReviewLimits;
  /** A 特急 draft's holder card may be buzzed outside office hours (REVIEW_URGENT_AFTER_HOURS). */
  urgentAfterHours: boolean;
  /** How often the reminder check runs (cron). */
  remindCron: string;
  /** The daily reviewer digest (working days; default: when office hours start). */
  digestCron: string;
  /** The monthly summary (runs on the first working day of each month at this time). */
  summaryCron: string;
}

/** Undefined when the limits cannot be read (a problem is recorded) or office hours are unknown. */
export function readReviews(c: ReviewsRaw, ctx: ConfigContext): ReviewSettings | undefined {
  let limits: ReviewLimits | undefined;
  if (ctx.workingHours) {
    try {
      limits = parseReviewLimits(c.REVIEW_LIMITS, ctx.workingHours);
    } catch (err) {
      ctx.problems.push(`REVIEW_LIMITS: ${(err as Error).message}`);
    }
  }
  // The digest goes out when office hours start, unless the office names another time.
  const start = ctx.workingHours?.periods[0]?.start ?? 510;
  const digestCron = c.REVIEW_DIGEST_CRON ?? `${start % 60} ${Math.floor(start / 60)} * * *`;
  checkCron(ctx, 'REVIEW_REMIND_CRON', c.REVIEW_REMIND_CRON);
  checkCron(ctx, 'REVIEW_DIGEST_CRON', digestCron);
  checkCron(ctx, 'REVIEW_SUMMARY_CRON', c.REVIEW_SUMMARY_CRON);
  if (!limits) return undefined;
  return {
    limits,
    urgentAfterHours: c.REVIEW_URGENT_AFTER_HOURS === 'true',
    remindCron: c.REVIEW_REMIND_CRON,
    digestCron,
    summaryCron: c.REVIEW_SUMMARY_CRON,
  };
}
