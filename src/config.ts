import { z } from 'zod';
import type { WorkingHours } from './platform/calendar/working-hours.js';
import type { BriefSettings } from './features/briefs/index.js';
import { briefsShape, readBriefs } from './config/briefs.js';
import { digestShape, readDigest } from './config/digest.js';
import type { DigestSettings } from './platform/digest/settings.js';
import { llmShape, readLlm, type LlmSettings } from './config/llm.js';
import { platformShape, readPlatform, type LarkSettings, type PlatformConfig } from './config/platform.js';
import { readReviews, reviewsShape, type ReviewSettings } from './config/reviews.js';
import { readSchedules, schedulesShape, type ScheduleCalendarSettings, type ScheduleSettings } from './config/schedules.js';
import type { ConfigContext } from './config/shared.js';
import { readSupervision, supervisionShape, type SupervisionSettings } from './config/supervision.js';

export type { LlmSettings, ReviewSettings, ScheduleCalendarSettings, ScheduleSettings, SupervisionSettings };

/**
 * Configuration is read once, from the environment (and `.env`, loaded by `node --env-file-if-exists`).
 * The variable names are part of the product's interface: keep them stable.
 *
 * Each feature's variables, their checks and its settings type live in its own file under `config/`
 * (a zod shape and a `read*` function); this file only puts the parts together.
 */
const schema = z.object({
  ...platformShape,
  ...supervisionShape,
  ...schedulesShape,
  ...reviewsShape,
  ...digestShape,
  ...llmShape,
  ...briefsShape,
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends Omit<PlatformConfig, 'workingHours'> {
  lark: LarkSettings;
  /** Office hours on working days: reminders wait for them unless urgent. */
  workingHours: WorkingHours;
  supervision: SupervisionSettings;
  /** 领导日程 → Feishu calendar: each entry an event in the bot's shared calendar (SCHEDULE_CALENDAR_SYNC). */
  scheduleCalendar: ScheduleCalendarSettings;
  schedules: ScheduleSettings;
  /** 今日汇要: its minute (DIGEST_AT) and the features keeping a separate message (DIGEST_SEPARATE). */
  digest: DigestSettings;
  reviews: ReviewSettings;
  /** 政务信息: the nudge and the close of the day, the periodical's names, the sensitive words (BRIEFS_*). */
  briefs: BriefSettings;
  /** The 政务信息 drafting model; undefined when LLM_BASE_URL is empty (the rules drafter writes drafts). */
  llm?: LlmSettings;
}

export class ConfigError extends Error {
  constructor(
    public readonly problems: string[],
    heading = '配置有误 (invalid configuration):',
  ) {
    super(`${heading}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const ctx: ConfigContext = { problems: [] };
  const platform = readPlatform(c, ctx);
  const supervision = readSupervision(c, ctx);
  const reviews = readReviews(c, ctx);
  const { schedules, scheduleCalendar } = readSchedules(c, ctx);
  const digest = readDigest(c, ctx);
  const llm = readLlm(c, ctx);
  const briefs = readBriefs(c, ctx);
  const { workingHours } = ctx;
  if (ctx.problems.length || !workingHours || !reviews) throw new ConfigError(ctx.problems);
  return {
    ...platform,
    workingHours,
    schedules,
    digest,
    supervision,
    scheduleCalendar,
    reviews,
    ...(llm ? { llm } : {}),
    briefs,
  };
}
