import { z } from 'zod';
import { DIGEST_FEATURES, type DigestSettings } from '../platform/digest/settings.js';
import { clockMinute, emptyToUndefined, optionalString, type ConfigContext } from './shared.js';

/** 今日汇要 (platform/digest): when the morning card goes out, and the features that keep their own message. */
export const digestShape = {
  DIGEST_AT: optionalString,
  DIGEST_SEPARATE: z.preprocess(emptyToUndefined, z.string().default('')),
};
type DigestRaw = z.infer<z.ZodObject<typeof digestShape>>;

export function readDigest(c: DigestRaw, ctx: ConfigContext): DigestSettings {
  const officeStart = ctx.workingHours?.periods[0]?.start;
  // Before office hours (default half an hour before they start), like the schedule broadcast.
  const minute = c.DIGEST_AT ? clockMinute(ctx, 'DIGEST_AT', c.DIGEST_AT) : Math.max(0, (officeStart ?? 510) - 30);
  if (c.DIGEST_AT && officeStart !== undefined && minute >= officeStart) {
    const hh = `${String(Math.floor(officeStart / 60)).padStart(2, '0')}:${String(officeStart % 60).padStart(2, '0')}`;
    ctx.problems.push(`DIGEST_AT: must be before office hours start (${hh}, WORKING_HOURS); got "${c.DIGEST_AT}"`);
  }
  const separate = c.DIGEST_SEPARATE.split(/[,，、\s]+/).filter(Boolean);
  for (const f of separate)
    if (!(DIGEST_FEATURES as readonly string[]).includes(f))
      ctx.problems.push(`DIGEST_SEPARATE: unknown feature "${f}" (one of ${DIGEST_FEATURES.join(', ')})`);
  return { minute, separate };
}
