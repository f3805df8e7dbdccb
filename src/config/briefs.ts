import { z } from 'zod';
import { DEFAULT_BRIEF_SETTINGS, DEFAULT_DISTRIBUTION, DEFAULT_SCORE_SCHEME, DEFAULT_SENSITIVE_WORDS, type BriefSettings } from '../features/briefs/index.js';
import { clockMinute, emptyToUndefined, type ConfigContext } from './shared.js';

/** A 报尾 line's recipients (报/送/发); 无 leaves the line out. */
const distributionLine = (d: string) => z.preprocess(emptyToUndefined, z.string().trim().min(1).max(200).default(d));

/** Whole points 0–100 (a BRIEFS_SCORE_* value). */
const scorePoints = (d: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100).default(d));

/** 政务信息: the nudge and the close of the day, the periodical, sensitive words, the scoring scheme, the 通报. */
export const briefsShape = {
  BRIEFS_NUDGE_AT: z.preprocess(emptyToUndefined, z.string().trim().default('16:00')),
  BRIEFS_CLOSE_AT: z.preprocess(emptyToUndefined, z.string().trim().default('17:30')),
  BRIEFS_PERIODICAL: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(30).default(DEFAULT_BRIEF_SETTINGS.periodical)),
  BRIEFS_PUBLISHER: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(40).default(DEFAULT_BRIEF_SETTINGS.publisher)),
  BRIEFS_ISSUE_REPORT_TO: distributionLine(DEFAULT_DISTRIBUTION.报),
  BRIEFS_ISSUE_SEND_TO: distributionLine(DEFAULT_DISTRIBUTION.送),
  BRIEFS_ISSUE_ISSUE_TO: distributionLine(DEFAULT_DISTRIBUTION.发),
  BRIEFS_SENSITIVE_WORDS: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_SENSITIVE_WORDS.join('、'))),
  BRIEFS_SCORE_OWN: scorePoints(DEFAULT_SCORE_SCHEME.points.own),
  BRIEFS_SCORE_CITY_DAILY: scorePoints(DEFAULT_SCORE_SCHEME.points.city_daily),
  BRIEFS_SCORE_PROVINCE_DAILY: scorePoints(DEFAULT_SCORE_SCHEME.points.province_daily),
  BRIEFS_SCORE_SPECIAL: scorePoints(DEFAULT_SCORE_SCHEME.points.special),
  BRIEFS_SCORE_INSTRUCTION: scorePoints(DEFAULT_SCORE_SCHEME.points.instruction),
  BRIEFS_SCORE_MISSED: scorePoints(DEFAULT_SCORE_SCHEME.missed),
  BRIEFS_SCORE_LATE: scorePoints(DEFAULT_SCORE_SCHEME.late),
  BRIEFS_BULLETIN_AT: z.preprocess(emptyToUndefined, z.string().trim().default('09:00')),
  BRIEFS_URGENT_LEADERS: z.preprocess(emptyToUndefined, z.string().default('')),
};
type BriefsRaw = z.infer<z.ZodObject<typeof briefsShape>>;

export function readBriefs(c: BriefsRaw, ctx: ConfigContext): BriefSettings {
  const nudgeMinute = clockMinute(ctx, 'BRIEFS_NUDGE_AT', c.BRIEFS_NUDGE_AT);
  const closeMinute = clockMinute(ctx, 'BRIEFS_CLOSE_AT', c.BRIEFS_CLOSE_AT);
  const bulletinMinute = clockMinute(ctx, 'BRIEFS_BULLETIN_AT', c.BRIEFS_BULLETIN_AT);
  if (nudgeMinute >= closeMinute) ctx.problems.push(`BRIEFS_NUDGE_AT: must be before BRIEFS_CLOSE_AT (${c.BRIEFS_CLOSE_AT}); got "${c.BRIEFS_NUDGE_AT}"`);
  const sensitiveWords = c.BRIEFS_SENSITIVE_WORDS.split(/[,，、\n]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  return {
    ...DEFAULT_BRIEF_SETTINGS,
    scores: {
      points: {
        own: c.BRIEFS_SCORE_OWN,
        city_daily: c.BRIEFS_SCORE_CITY_DAILY,
        province_daily: c.BRIEFS_SCORE_PROVINCE_DAILY,
        special: c.BRIEFS_SCORE_SPECIAL,
        instruction: c.BRIEFS_SCORE_INSTRUCTION,
      },
      missed: c.BRIEFS_SCORE_MISSED,
      late: c.BRIEFS_SCORE_LATE,
    },
    bulletinMinute,
    nudgeMinute,
    closeMinute,
    periodical: c.BRIEFS_PERIODICAL,
    publisher: c.BRIEFS_PUBLISHER,
    distribution: { 报: c.BRIEFS_ISSUE_REPORT_TO, 送: c.BRIEFS_ISSUE_SEND_TO, 发: c.BRIEFS_ISSUE_ISSUE_TO },
    sensitiveWords,
    urgentLeaders: c.BRIEFS_URGENT_LEADERS.split(/[,，、\s]+/).filter(Boolean),
  };
}
