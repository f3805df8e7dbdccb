import { isIP } from 'node:net';
import { ConfigError, type Config } from '../config.js';

/**
 * When may the bot run in local mode? Only on a machine that is plainly not a deployment: no Lark
 * setting at all, the page on a loopback address, the database a local SQLite file. Anything else
 * means an operator meant to reach Lark (or share a database) and forgot the credentials; local mode
 * there would drain the real outbox into the built-in fake and claim the real scheduler's job periods,
 * so start-up stops instead and says what to change.
 */
type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

const isSet = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/** 127.0.0.0/8, ::1 (with or without brackets) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^(0+:){7}0*1$/.test(h) || /^::ffff:127\./.test(h);
  return false;
}

/** What makes `env` unfit for local mode, one Chinese sentence per variable (empty when fit). */
export function localModeProblems(env: Env): string[] {
  const problems: string[] = [];
  // Every LARK_ variable counts, not a fixed list: a Lark setting added later is covered too.
  const lark = Object.keys(env)
    .filter((k) => k.startsWith('LARK_') && isSet(env[k]))
    .sort();
  for (const name of lark) problems.push(`${name} 已设置：这是飞书应用的设置，本地体验时请删去（或清空）它。`);
  const host = env.HOST;
  if (isSet(host) && !isLoopbackHost(host)) {
    problems.push(
      `HOST=${host.trim().slice(0, 100)} 不是本机回环地址：本地体验页面只在本机（127.0.0.1）提供，不对其他电脑开放。请删去 HOST 或设为 127.0.0.1。`,
    );
  }
  const db = env.DATABASE_URL;
  if (isSet(db) && !db.trim().startsWith('file:')) {
    // The URL itself is not repeated: it may carry a password.
    const kind = /^postgres(ql)?:\/\//.test(db.trim()) ? 'PostgreSQL 数据库' : '非 SQLite 数据库';
    problems.push(`DATABASE_URL 指向${kind}：本地体验模式只使用本机的 SQLite 文件，以免改动正式数据。请删去 DATABASE_URL 或设为 file:./data/sanban.db。`);
  }
  return problems;
}

export interface LocalModeSettings {
  /** The address local mode binds: HOST when it is an IPv4 loopback address, 127.0.0.1 otherwise. */
  host: string;
}

const START_HEADING =
  '无法启动：未配置飞书应用凭据（LARK_APP_ID、LARK_APP_SECRET），而下列设置表明这里不是本机体验环境。' +
  '为防止本地体验模式接管正式数据（把正式发件箱的消息发往内置的仿飞书服务、认领正式的定时任务），已停止启动。' +
  '要连接飞书，请补全 LARK_APP_ID 和 LARK_APP_SECRET；要本地体验，请按下列说明修改 (local mode refused):';

/** The settings local mode runs with; throws a ConfigError (exit code 2) naming each variable in the way. */
export function localModeSettings(env: Env, heading = START_HEADING): LocalModeSettings {
  const problems = localModeProblems(env);
  if (problems.length) throw new ConfigError(problems, heading);
  const host = env.HOST?.trim();
  return { host: host && isIP(host) === 4 ? host : '127.0.0.1' };
}

/**
 * The same rule on a parsed Config, for callers that start local mode directly (tests, tools): a
 * Config cannot tell a default from an explicit value, so it checks what it can.
 */
export function configProblems(config: Config): string[] {
  const l = config.lark;
  const problems: string[] = [];
  if (l.appId || l.appSecret || l.encryptKey || l.verificationToken) problems.push('Lark app settings are present');
  if (l.transport !== 'webhook' || l.domain !== 'feishu') problems.push('LARK_TRANSPORT or LARK_DOMAIN is set');
  if (!config.databaseUrl.startsWith('file:')) problems.push('DATABASE_URL is not a SQLite file');
  return problems;
}
