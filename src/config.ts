import { z } from 'zod';
import { parseCron } from './platform/scheduler/cron.js';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from './platform/calendar/working-hours.js';
import { openIdProblem, OPEN_ID_PROBLEM_EN } from './platform/open-id.js';
import { DEFAULT_REVIEW_LIMITS, parseReviewLimits, type ReviewLimits } from './features/reviews/index.js';
import { llmEndpointProblem } from './platform/llm-endpoint.js';
import { DIGEST_FEATURES, type DigestSettings } from './platform/digest/settings.js';
import { DEFAULT_BRIEF_SETTINGS, DEFAULT_SCORE_SCHEME, DEFAULT_SENSITIVE_WORDS, type BriefSettings } from './features/briefs/index.js';

/**
 * Configuration is read once, from the environment (and `.env`, loaded by `node --env-file-if-exists`).
 * The variable names are part of the product's interface: keep them stable.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
/** Whole points 0–100 (a BRIEFS_SCORE_* value). */
const scorePoints = (d: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100).default(d));

const schema = z.object({
  LARK_APP_ID: optionalString,
  LARK_APP_SECRET: optionalString,
  LARK_ENCRYPT_KEY: optionalString,
  LARK_VERIFICATION_TOKEN: optionalString,
  LARK_DOMAIN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .default('feishu')
      .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(:\d+)?$/.test(v), {
        message: 'must be "feishu", "lark", or a base URL such as http://127.0.0.1:9999 (no trailing slash)',
      }),
  ),
  LARK_TRANSPORT: z.preprocess(emptyToUndefined, z.enum(['webhook', 'long-connection']).default('webhook')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('file:./data/sanban.db')
      .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
        message: 'must be a SQLite URL (file:./data/sanban.db) or a PostgreSQL URL (postgresql://user@host:5432/db)',
      }),
  ),
  WORKING_HOURS: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_WORKING_HOURS)),
  ADMIN_OPEN_IDS: z.preprocess(emptyToUndefined, z.string().default('')),
  LEADER_RANKS: z.preprocess(emptyToUndefined, z.string().default('')),
  SUPERVISION_CHASE_CRON: z.preprocess(emptyToUndefined, z.string().default('0 9 * * *')),
  SUPERVISION_REPORT_CRON: z.preprocess(emptyToUndefined, z.string().default('30 9 * * 1')),
  SUPERVISION_REMIND_BEFORE: z.preprocess(emptyToUndefined, z.string().default('3,1,0')),
  SUPERVISION_ESCALATION: z.preprocess(emptyToUndefined, z.string().default('1,3,5')),
  // 领导日程 → Feishu calendar (schedules/exchange/calendar): off unless set; the bot's shared calendar's name.
  SCHEDULE_CALENDAR_SYNC: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
  SCHEDULE_CALENDAR_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(50).default('县领导日程')),
  SCHEDULE_BROADCAST_AT: z.preprocess(emptyToUndefined, z.string().trim().default('07:30')),
  SCHEDULE_PREVIEW_AT: z.preprocess(emptyToUndefined, z.string().trim().default('17:00')),
  SCHEDULE_REMIND_MINUTES: z.preprocess(emptyToUndefined, z.string().trim().default('30')),
  SCHEDULE_DUTY_ON: z.preprocess(emptyToUndefined, z.enum(['holidays', 'days_off', 'off']).default('holidays')),
  REVIEW_LIMITS: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_REVIEW_LIMITS)),
  REVIEW_URGENT_AFTER_HOURS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  REVIEW_REMIND_CRON: z.preprocess(emptyToUndefined, z.string().default('*/5 * * * *')),
  REVIEW_DIGEST_CRON: optionalString,
  REVIEW_SUMMARY_CRON: z.preprocess(emptyToUndefined, z.string().default('0 9 * * *')),
  // 今日汇要 (platform/digest): when the morning card goes out, and the features that keep their own message.
  DIGEST_AT: optionalString,
  DIGEST_SEPARATE: z.preprocess(emptyToUndefined, z.string().default('')),
  // 政务信息 drafting model (an OpenAI-compatible endpoint the office runs); none: the rules drafter.
  LLM_BASE_URL: optionalString,
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_OUTPUT_MODE: z.preprocess(emptyToUndefined, z.enum(['json_schema', 'json_object', 'text']).default('json_schema')),
  LLM_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(3_600_000).default(120_000)),
  LLM_ALLOWED_HOSTS: z.preprocess(emptyToUndefined, z.string().default('')),
  LLM_ALLOW_PUBLIC: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  BRIEFS_NUDGE_AT: z.preprocess(emptyToUndefined, z.string().trim().default('16:00')),
  BRIEFS_CLOSE_AT: z.preprocess(emptyToUndefined, z.string().trim().default('17:30')),
  BRIEFS_PERIODICAL: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(30).default(DEFAULT_BRIEF_SETTINGS.periodical)),
  BRIEFS_PUBLISHER: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(40).default(DEFAULT_BRIEF_SETTINGS.publisher)),
  BRIEFS_SENSITIVE_WORDS: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_SENSITIVE_WORDS.join('、'))),
  BRIEFS_SCORE_OWN: scorePoints(DEFAULT_SCORE_SCHEME.points.own),
  BRIEFS_SCORE_CITY_DAILY: scorePoints(DEFAULT_SCORE_SCHEME.points.city_daily),
  BRIEFS_SCORE_PROVINCE_DAILY: scorePoints(DEFAULT_SCORE_SCHEME.points.province_daily),
  BRIEFS_SCORE_SPECIAL: scorePoints(DEFAULT_SCORE_SCHEME.points.special),
  BRIEFS_SCORE_INSTRUCTION: scorePoints(DEFAULT_SCORE_SCHEME.points.instruction),
  BRIEFS_SCORE_MISSED: scorePoints(DEFAULT_SCORE_SCHEME.missed),
  BRIEFS_SCORE_LATE: scorePoints(DEFAULT_SCORE_SCHEME.late),
  BRIEFS_BULLETIN_AT: z.preprocess(emptyToUndefined, z.string().trim().default('09:00')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config {
  lark: {
    appId?: string;
    appSecret?: string;
    encryptKey?: string;
    verificationToken?: string;
    /** `feishu`, `lark`, or a base URL (tests and local mode). */
    domain: string;
    transport: 'webhook' | 'long-connection';
    /** True when the app id and secret are both present: the bot can call the Open API. */
    hasCredentials: boolean;
  };
  http: { port: number; host: string };
  databaseUrl: string;
  logLevel: RawConfig['LOG_LEVEL'];
  /** Office hours on working days: reminders wait for them unless urgent. */
  workingHours: WorkingHours;
  /** People treated as admins whatever the directory says (bootstrap: the first admin grants the rest). */
  adminOpenIds: string[];
  /** Leaders' titles, highest rank first, for the order of leader lists; empty: the org feature's default order. */
  leaderRanks: string[];
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

export interface LlmSettings {
  baseUrl: string;
  model: string;
  /** Sent as the bearer token; many intranet servers need none. Never logged. */
  apiKey?: string;
  /** How structured output is asked for: json_schema (vLLM, Ollama, llama-server), json_object (DeepSeek), text. */
  outputMode: 'json_schema' | 'json_object' | 'text';
  timeoutMs: number;
}

export interface ScheduleCalendarSettings {
  sync: boolean;
  /** The shared calendar's name (SCHEDULE_CALENDAR_NAME, default 县领导日程). */
  name: string;
}

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

/** 领导日程's day: the evening preview, the morning broadcast, reminders and 今日值班. */
export interface ScheduleSettings {
  /** Minute of the Beijing day of the morning broadcast (SCHEDULE_BROADCAST_AT); before office hours. */
  broadcastMinute: number;
  /** Minute of the evening preview to secretaries, on the working day before (SCHEDULE_PREVIEW_AT). */
  previewMinute: number;
  /** Default minutes before an entry to remind the leader and the secretary (an entry may override). */
  remindMinutes: number;
  /** Which days off get 今日值班 instead: statutory holidays only, every day off, or none. */
  dutyOn: 'holidays' | 'days_off' | 'off';
}

export interface SupervisionSettings {
  /** When the daily chase runs (working days only). */
  chaseCron: string;
  /** When the weekly 通报 is posted to the 督查 group. */
  reportCron: string;
  /** Working days before the deadline to remind (0 = the day itself). */
  remindBefore: number[];
  /** Overdue working day to tell the person and liaison; to escalate to the leader and group; then repeat every N. */
  firstOverdue: number;
  escalateAt: number;
  repeatEvery: number;
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
  const problems: string[] = [];
  if (Boolean(c.LARK_APP_ID) !== Boolean(c.LARK_APP_SECRET)) {
    problems.push('LARK_APP_ID and LARK_APP_SECRET: set both or neither');
  }
  if (c.LARK_TRANSPORT === 'long-connection' && c.LARK_APP_ID && !/^cli_[0-9a-fA-F]{16}$/.test(c.LARK_APP_ID)) {
    problems.push('LARK_APP_ID: long-connection mode needs an app id of the form cli_ followed by 16 hex digits');
  }
  let workingHours: WorkingHours | undefined;
  try {
    workingHours = parseWorkingHours(c.WORKING_HOURS);
  } catch (err) {
    problems.push(`WORKING_HOURS: ${(err as Error).message}`);
  }
  const adminOpenIds = c.ADMIN_OPEN_IDS.split(/[,，\s]+/).filter(Boolean);
  for (const id of adminOpenIds) {
    const problem = openIdProblem(id);
    if (problem) problems.push(`ADMIN_OPEN_IDS: "${id.slice(0, 40)}" is not an open_id: it ${OPEN_ID_PROBLEM_EN[problem]}`);
  }
  const numbers = (name: string, text: string, count?: number): number[] => {
    const list = text
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
    if (list.some((n) => !Number.isInteger(n) || n < 0 || n > 60) || (count !== undefined && list.length !== count)) {
      problems.push(`${name}: expected ${count ?? 'a list of'} whole numbers between 0 and 60, comma-separated (got "${text}")`);
    }
    return list;
  };
  const remindBefore = numbers('SUPERVISION_REMIND_BEFORE', c.SUPERVISION_REMIND_BEFORE);
  const [firstOverdue = 1, escalateAt = 3, repeatEvery = 5] = numbers('SUPERVISION_ESCALATION', c.SUPERVISION_ESCALATION, 3);
  if (firstOverdue < 1 || escalateAt < firstOverdue || repeatEvery < 1)
    problems.push('SUPERVISION_ESCALATION: needs 1 ≤ first overdue day ≤ escalation day, and a repeat interval ≥ 1');
  let reviewLimits: ReviewLimits | undefined;
  if (workingHours) {
    try {
      reviewLimits = parseReviewLimits(c.REVIEW_LIMITS, workingHours);
    } catch (err) {
      problems.push(`REVIEW_LIMITS: ${(err as Error).message}`);
    }
  }
  // The digest goes out when office hours start, unless the office names another time.
  const start = workingHours?.periods[0]?.start ?? 510;
  const digestCron = c.REVIEW_DIGEST_CRON ?? `${start % 60} ${Math.floor(start / 60)} * * *`;
  for (const [name, expr] of [
    ['SUPERVISION_CHASE_CRON', c.SUPERVISION_CHASE_CRON],
    ['SUPERVISION_REPORT_CRON', c.SUPERVISION_REPORT_CRON],
    ['REVIEW_REMIND_CRON', c.REVIEW_REMIND_CRON],
    ['REVIEW_DIGEST_CRON', digestCron],
    ['REVIEW_SUMMARY_CRON', c.REVIEW_SUMMARY_CRON],
  ] as const) {
    try {
      parseCron(expr);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  const clockMinute = (name: string, text: string): number => {
    const m = /^(\d{1,2})[:：](\d{2})$/.exec(text);
    const minute = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) problems.push(`${name}: expected a time of day such as 07:30 (got "${text}")`);
    return minute;
  };
  const broadcastMinute = clockMinute('SCHEDULE_BROADCAST_AT', c.SCHEDULE_BROADCAST_AT);
  const previewMinute = clockMinute('SCHEDULE_PREVIEW_AT', c.SCHEDULE_PREVIEW_AT);
  const officeStart = workingHours?.periods[0]?.start;
  if (officeStart !== undefined && broadcastMinute >= officeStart) {
    // The broadcast exists so that people know the day before they start it: at or after the start of
    // office hours it would arrive too late to be of use.
    const hh = `${String(Math.floor(officeStart / 60)).padStart(2, '0')}:${String(officeStart % 60).padStart(2, '0')}`;
    problems.push(`SCHEDULE_BROADCAST_AT: must be before office hours start (${hh}, WORKING_HOURS); got "${c.SCHEDULE_BROADCAST_AT}"`);
  }
  // 今日汇要: before office hours (default half an hour before they start), like the schedule broadcast.
  const digestMinute = c.DIGEST_AT ? clockMinute('DIGEST_AT', c.DIGEST_AT) : Math.max(0, (officeStart ?? 510) - 30);
  if (c.DIGEST_AT && officeStart !== undefined && digestMinute >= officeStart) {
    const hh = `${String(Math.floor(officeStart / 60)).padStart(2, '0')}:${String(officeStart % 60).padStart(2, '0')}`;
    problems.push(`DIGEST_AT: must be before office hours start (${hh}, WORKING_HOURS); got "${c.DIGEST_AT}"`);
  }
  const digestSeparate = c.DIGEST_SEPARATE.split(/[,，、\s]+/).filter(Boolean);
  for (const f of digestSeparate)
    if (!(DIGEST_FEATURES as readonly string[]).includes(f)) problems.push(`DIGEST_SEPARATE: unknown feature "${f}" (one of ${DIGEST_FEATURES.join(', ')})`);
  const remindMinutes = Number(c.SCHEDULE_REMIND_MINUTES);
  if (!Number.isInteger(remindMinutes) || remindMinutes < 0 || remindMinutes > 24 * 60)
    problems.push(`SCHEDULE_REMIND_MINUTES: expected whole minutes between 0 and 1440 (got "${c.SCHEDULE_REMIND_MINUTES}")`);
  const allowedLlmHosts = c.LLM_ALLOWED_HOSTS.split(/[,，\s]+/).filter(Boolean);
  if (c.LLM_BASE_URL) {
    const problem = llmEndpointProblem(c.LLM_BASE_URL, allowedLlmHosts, c.LLM_ALLOW_PUBLIC === 'true');
    if (problem) problems.push(problem);
    if (!c.LLM_MODEL) problems.push('LLM_MODEL: required when LLM_BASE_URL is set (the model name the endpoint serves, e.g. qwen2.5-7b-instruct)');
  } else if (c.LLM_MODEL) problems.push('LLM_BASE_URL: LLM_MODEL is set but LLM_BASE_URL is empty; set both or neither');
  const nudgeMinute = clockMinute('BRIEFS_NUDGE_AT', c.BRIEFS_NUDGE_AT);
  const closeMinute = clockMinute('BRIEFS_CLOSE_AT', c.BRIEFS_CLOSE_AT);
  const bulletinMinute = clockMinute('BRIEFS_BULLETIN_AT', c.BRIEFS_BULLETIN_AT);
  if (nudgeMinute >= closeMinute) problems.push(`BRIEFS_NUDGE_AT: must be before BRIEFS_CLOSE_AT (${c.BRIEFS_CLOSE_AT}); got "${c.BRIEFS_NUDGE_AT}"`);
  const sensitiveWords = c.BRIEFS_SENSITIVE_WORDS.split(/[,，、\n]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (problems.length || !workingHours || !reviewLimits) throw new ConfigError(problems);
  return {
    lark: {
      appId: c.LARK_APP_ID,
      appSecret: c.LARK_APP_SECRET,
      encryptKey: c.LARK_ENCRYPT_KEY,
      verificationToken: c.LARK_VERIFICATION_TOKEN,
      domain: c.LARK_DOMAIN,
      transport: c.LARK_TRANSPORT,
      hasCredentials: Boolean(c.LARK_APP_ID && c.LARK_APP_SECRET),
    },
    http: { port: c.PORT, host: c.HOST },
    databaseUrl: c.DATABASE_URL,
    logLevel: c.LOG_LEVEL,
    workingHours,
    adminOpenIds,
    leaderRanks: c.LEADER_RANKS.split(/[,，、\s]+/).filter(Boolean),
    schedules: { broadcastMinute, previewMinute, remindMinutes, dutyOn: c.SCHEDULE_DUTY_ON },
    digest: { minute: digestMinute, separate: digestSeparate },
    supervision: { chaseCron: c.SUPERVISION_CHASE_CRON, reportCron: c.SUPERVISION_REPORT_CRON, remindBefore, firstOverdue, escalateAt, repeatEvery },
    scheduleCalendar: { sync: c.SCHEDULE_CALENDAR_SYNC === 'on', name: c.SCHEDULE_CALENDAR_NAME },
    reviews: {
      limits: reviewLimits,
      urgentAfterHours: c.REVIEW_URGENT_AFTER_HOURS === 'true',
      remindCron: c.REVIEW_REMIND_CRON,
      digestCron,
      summaryCron: c.REVIEW_SUMMARY_CRON,
    },
    ...(c.LLM_BASE_URL && c.LLM_MODEL
      ? {
          llm: {
            baseUrl: c.LLM_BASE_URL.replace(/\/+$/, ''),
            model: c.LLM_MODEL,
            apiKey: c.LLM_API_KEY,
            outputMode: c.LLM_OUTPUT_MODE,
            timeoutMs: c.LLM_TIMEOUT_MS,
          },
        }
      : {}),
    briefs: {
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
      sensitiveWords,
    },
  };
}
