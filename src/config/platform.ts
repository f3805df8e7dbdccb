import { z } from 'zod';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from '../platform/calendar/working-hours.js';
import { openIdProblem, OPEN_ID_PROBLEM_EN } from '../platform/open-id.js';
import { emptyToUndefined, optionalString, type ConfigContext } from './shared.js';

/** The bot itself: Lark app, HTTP, database, office hours, admins, leaders' ranks, logging. */
export const platformShape = {
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
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
};
type PlatformRaw = z.infer<z.ZodObject<typeof platformShape>>;

export interface LarkSettings {
  appId?: string;
  appSecret?: string;
  encryptKey?: string;
  verificationToken?: string;
  /** `feishu`, `lark`, or a base URL (tests and local mode). */
  domain: string;
  transport: 'webhook' | 'long-connection';
  /** True when the app id and secret are both present: the bot can call the Open API. */
  hasCredentials: boolean;
}

export interface PlatformConfig {
  lark: LarkSettings;
  http: { port: number; host: string };
  databaseUrl: string;
  logLevel: PlatformRaw['LOG_LEVEL'];
  /** Office hours on working days: reminders wait for them unless urgent. */
  workingHours?: WorkingHours;
  /** People treated as admins whatever the directory says (bootstrap: the first admin grants the rest). */
  adminOpenIds: string[];
  /** Leaders' titles, highest rank first, for the order of leader lists; empty: the org feature's default order. */
  leaderRanks: string[];
}

/** Reads the platform part; sets `ctx.workingHours` for the features that depend on office hours. */
export function readPlatform(c: PlatformRaw, ctx: ConfigContext): PlatformConfig {
  if (Boolean(c.LARK_APP_ID) !== Boolean(c.LARK_APP_SECRET)) {
    ctx.problems.push('LARK_APP_ID and LARK_APP_SECRET: set both or neither');
  }
  if (c.LARK_TRANSPORT === 'long-connection' && c.LARK_APP_ID && !/^cli_[0-9a-fA-F]{16}$/.test(c.LARK_APP_ID)) {
    ctx.problems.push('LARK_APP_ID: long-connection mode needs an app id of the form cli_ followed by 16 hex digits');
  }
  try {
    ctx.workingHours = parseWorkingHours(c.WORKING_HOURS);
  } catch (err) {
    ctx.problems.push(`WORKING_HOURS: ${(err as Error).message}`);
  }
  const adminOpenIds = c.ADMIN_OPEN_IDS.split(/[,，\s]+/).filter(Boolean);
  for (const id of adminOpenIds) {
    const problem = openIdProblem(id);
    if (problem) ctx.problems.push(`ADMIN_OPEN_IDS: "${id.slice(0, 40)}" is not an open_id: it ${OPEN_ID_PROBLEM_EN[problem]}`);
  }
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
    workingHours: ctx.workingHours,
    adminOpenIds,
    leaderRanks: c.LEADER_RANKS.split(/[,，、\s]+/).filter(Boolean),
  };
}
