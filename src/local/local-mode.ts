import { randomBytes } from 'node:crypto';
import { startApp, type RunningApp } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { registerLocalApi, type LocalApi } from './api.js';
import { ChatHistoryFile, LOCAL_STATE_PATH } from './chat-history-file.js';
import { assertLocalDatabaseUrl } from './demo-marker.js';
import { demoChats, demoDocuments, openIdOf, seedDemoOffice } from './demo-office.js';
import { configProblems, isLoopbackHost } from './eligibility.js';
import { FakeLark } from './lark/server.js';
import { clockPathFor, loadClockOffset, MovableClock, saveClockOffset } from './movable-clock.js';
import { createPageGuard } from './page-guard.js';

export interface LocalMode {
  app: RunningApp;
  fake: FakeLark;
  clock: MovableClock;
  /** The page's address. */
  url: string;
  /** The page's per-start session token (embedded in the page; every POST to its API sends it back). */
  sessionToken: string;
  stop(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');

/**
 * The clock never stands before the last scheduled run (e.g. its file was removed but the database was
 * not): behind it, time travel would find every due run already claimed and send nothing.
 */
async function keepClockPastLastRun(app: RunningApp, clock: MovableClock, log: Logger): Promise<void> {
  const last = await app.db.prisma.jobRun.findFirst({
    where: { NOT: { period: { startsWith: 'manual:' } } },
    orderBy: { period: 'desc' },
    select: { period: true },
  });
  const at = last ? new Date(`${last.period}:00+08:00`) : undefined;
  if (!at || Number.isNaN(at.getTime()) || at <= clock.now()) return;
  clock.moveTo(new Date(at.getTime() + 60_000));
  log.info({ lastRun: last!.period }, 'local clock moved past the last scheduled run');
}

/**
 * Local mode: no Lark app configured, so the bot runs against the fake Lark Open API in-process, on
 * 127.0.0.1 only, and serves a page where anyone can use it as the office would. Events still reach the
 * bot's /lark/events signed and encrypted, and the real SDK still makes every call: the code paths are
 * production's. Only on a machine with no Lark setting and a SQLite database (main.ts checks the
 * environment with localModeSettings; this checks what a Config shows).
 */
export async function startLocalMode(o: { config: Config; log: Logger; statePath?: string; host?: string }): Promise<LocalMode> {
  const refused = configProblems(o.config);
  if (refused.length) throw new Error(`local mode refused: ${refused.join('; ')}`);
  const host = o.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error('local mode refused: it binds a loopback address only');
  // Before the app opens it: its outbox and scheduler would act on a deployment's data at once.
  await assertLocalDatabaseUrl(o.config.databaseUrl);
  const statePath = o.statePath ?? LOCAL_STATE_PATH;
  // The moved clock is kept across restarts: the data it made (job runs, deadlines) stays in the future.
  const clockPath = clockPathFor(statePath);
  const clock = new MovableClock(loadClockOffset(clockPath), (offsetMs) => {
    try {
      saveClockOffset(clockPath, offsetMs);
    } catch (err) {
      o.log.warn({ err, clockPath }, 'local clock could not be saved; a restart returns it to real time');
    }
  });
  const fake = await new FakeLark({
    displayNow: () => clock.now().getTime(),
    appId: `cli_${hex(8)}`,
    appSecret: hex(16),
    encryptKey: hex(16),
    verificationToken: hex(16),
    botOpenId: 'ou_demo_bot',
  }).start();
  const history = new ChatHistoryFile({ path: statePath, snapshot: () => fake.snapshot(), log: o.log });
  const saved = history.load();
  if (saved) {
    try {
      fake.restore(saved);
    } catch (err) {
      o.log.warn({ err }, 'local chat history unreadable; starting with an empty one');
    }
  }
  const guard = createPageGuard({ boundHost: host, log: o.log.child({ component: 'local-page' }) });
  let running: RunningApp | undefined;
  let api: LocalApi | undefined;
  const config: Config = {
    ...o.config,
    http: { ...o.config.http, host },
    lark: {
      ...o.config.lark,
      appId: fake.appId,
      appSecret: fake.appSecret,
      encryptKey: fake.encryptKey,
      verificationToken: fake.verificationToken,
      domain: fake.url,
      transport: 'webhook',
      hasCredentials: true,
    },
  };
  const app = await startApp({
    config,
    log: o.log,
    clock,
    extraRoutes: (router) => {
      api = registerLocalApi(router, { fake, clock, app: () => running!, guard });
    },
  });
  running = app;
  fake.botUrl = app.url;
  await keepClockPastLastRun(app, clock, o.log);

  if ((await app.db.prisma.person.count()) === 0) {
    await seedDemoOffice(app.db.prisma);
    o.log.info('local mode: demo office created (npm run demo:reset restores it)');
  }
  for (const p of await app.db.prisma.person.findMany({ where: { openId: { not: null } } })) fake.addUser(p.name, { openId: p.openId! });
  for (const chat of demoChats()) fake.chats.set(chat.chatId, { name: chat.name, members: new Set(chat.members.map(openIdOf)) });
  // The demo drafts, unless the saved history already holds them (with the revisions they reached).
  for (const d of demoDocuments()) {
    if (!fake.document(d.token)) fake.addDocument({ token: d.token, title: d.title, text: d.text, owner: fake.users.get(openIdOf(d.owner)) });
  }

  // History is kept across restarts so that cards the bot updates later are still there.
  fake.events.on('message', () => history.schedule());
  fake.events.on('inbound', () => history.schedule());
  fake.events.on('document', () => history.schedule());

  o.log.warn(
    `本地体验模式：未配置飞书应用凭据，已在本机 127.0.0.1 启动内置的仿飞书服务，不连接任何外部网络。请用浏览器打开 ${app.url}/ ` +
      '(local mode: no Lark credentials, so the bot talks to a built-in fake Lark on 127.0.0.1 only)',
  );
  return {
    app,
    fake,
    clock,
    url: `${app.url}/`,
    sessionToken: guard.token,
    async stop() {
      history.cancel();
      history.flush();
      // The page's event streams first: while one is open the HTTP server never finishes closing.
      api?.closeStreams();
      await app.stop();
      await fake.stop();
    },
  };
}
