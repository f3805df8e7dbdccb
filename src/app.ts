import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLarkClient } from './adapters/lark-client.js';
import { LarkMessenger } from './adapters/lark-messenger.js';
import { ThreadedMessenger } from './adapters/threaded-messenger.js';
import { OfflineMessenger } from './adapters/offline-messenger.js';
import { OfflineDocuments } from './adapters/offline-documents.js';
import { LarkDocuments } from './adapters/lark-documents.js';
import { LarkCalendarAdapter } from './adapters/lark-calendar.js';
import type { LarkCalendar } from './ports/calendar.js';
import { systemClock } from './adapters/system-clock.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { SqlReceiptStore } from './db/receipts.js';
import { registerFeatures } from './features/index.js';
import type { Logger } from './logger.js';
import type { Clock } from './ports/clock.js';
import type { Messenger } from './ports/messenger.js';
import type { Documents } from './ports/documents.js';
import { Router, type RouterDeps } from './router/router.js';
import { createDispatcher } from './transport/dispatcher.js';
import { createHttpApp, listen, type HttpDeps } from './transport/http.js';
import { startLongConnection } from './transport/long-connection.js';
import { sdkLogger } from './adapters/lark-client.js';
import { enqueueNow, type OutboxItem } from './platform/outbox/outbox.js';
import { OutboxWorker } from './platform/outbox/worker.js';
import { CalendarService } from './platform/calendar/calendar-service.js';
import { OfficeTime } from './platform/calendar/working-time.js';
import { Timers } from './platform/scheduler/timers.js';
import { registerTimerJob } from './platform/scheduler/timers-job.js';
import { Scheduler } from './platform/scheduler/scheduler.js';
import { JobControl } from './platform/scheduler/job-control.js';
import { startCronTicks } from './adapters/cron-scheduler.js';
import { createDrafters } from './adapters/openai-drafter.js';

/** How long shutdown waits for running job runs before closing the database anyway. */
const JOB_SHUTDOWN_GRACE_MS = 20_000;

async function waitForJobs(running: Promise<unknown>, ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const outcome = await Promise.race([running.then(() => 'done' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout')
    log.error({ waitedMs: ms }, 'job runs still running at shutdown; closing the database anyway (their periods are taken over after the run lease)');
}

export interface AppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Replace the Lark messenger (tests of the router alone). */
  messenger?: Messenger;
  /** Replace the Lark documents adapter (tests). */
  documents?: Documents;
  /** Replace the Lark calendar adapter (tests). */
  larkCalendar?: LarkCalendar;
  /** Live cron ticks (off in tests, which drive `scheduler.runDue` with their own clock). */
  startTicks?: boolean;
  /** More HTTP routes (local mode's page and API). */
  extraRoutes?: HttpDeps['extraRoutes'];
  /**
   * How long the outbox worker holds the messages it claimed before another process may take them over
   * (default 60 s). Drills shorten it so that a killed process's claims expire quickly.
   */
  outboxLeaseMs?: number;
  /** Physical time for inbound receipts' windows (tests move it to replay a request after a window). */
  receiptNow?: () => number;
  /** How long work that failed on the database is retried after an ack (drills shorten it). */
  retry?: RouterDeps['retry'];
}

export interface RunningApp {
  router: Router;
  /** The documents adapter the features were given (LarkDocuments when credentials are set). */
  documents: Documents;
  db: Database;
  server: Server;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000 */
  url: string;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  calendar: CalendarService;
  /** Durable one-off timers, fired by the per-minute job `timers.fire` (features register handlers per kind). */
  timers: Timers;
  /** Resolves when handlers and queued deliveries have finished (tests, graceful shutdown). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Composition root: config → db → adapters → router(features) → transports. */
export async function startApp(o: AppOptions): Promise<RunningApp> {
  const { config, log } = o;
  const clock = o.clock ?? systemClock;

  const db = await openDatabase(config.databaseUrl);
  const applied = await migrate(db);
  log.info({ provider: db.provider, applied }, applied.length ? 'database migrated' : 'database up to date');

  let messenger = o.messenger;
  let delivery: ThreadedMessenger | undefined;
  // One SDK client (and token cache) for the main thread's messenger and documents; local mode has
  // credentials too (its fake Lark's), so it reads documents through the SDK like production.
  const sdk =
    config.lark.hasCredentials && (!messenger || !o.documents)
      ? createLarkClient({ appId: config.lark.appId!, appSecret: config.lark.appSecret!, domain: config.lark.domain, log })
      : undefined;
  const documents: Documents =
    o.documents ??
    (sdk ? new LarkDocuments(sdk.client, sdk.tokenCache, log.child({ component: 'documents' })) : new OfflineDocuments(log.child({ component: 'documents' })));
  const larkCalendar: LarkCalendar | undefined =
    o.larkCalendar ?? (sdk ? new LarkCalendarAdapter(sdk.client, sdk.tokenCache, log.child({ component: 'lark-calendar' })) : undefined);
  if (!messenger) {
    if (sdk) {
      messenger = new LarkMessenger(sdk.client, sdk.tokenCache, log.child({ component: 'messenger' }));
      // The outbox sends through its own SDK client in a worker thread, off the loop that acks events.
      delivery = new ThreadedMessenger(
        // The thread logs at the level of the logger the app was given (tests and drills pass a silent one).
        { appId: config.lark.appId!, appSecret: config.lark.appSecret!, domain: config.lark.domain, logLevel: log.level },
        log.child({ component: 'delivery' }),
      );
    } else {
      log.error(
        '未配置飞书应用凭据（LARK_APP_ID、LARK_APP_SECRET）：机器人可以启动，但无法收发消息。' +
          'Lark credentials are missing: set LARK_APP_ID and LARK_APP_SECRET (see README, "创建飞书应用").',
      );
      messenger = new OfflineMessenger(log.child({ component: 'messenger' }));
    }
  }
  if (config.lark.hasCredentials && !config.lark.encryptKey && !config.lark.verificationToken) {
    log.error('LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN are both unset: every webhook request will be refused (401).');
  }

  const outbox = new OutboxWorker({
    sql: db.sql,
    relaxed: db.relaxed,
    messenger: delivery ?? messenger,
    log: log.child({ component: 'outbox' }),
    adminChats: async () => (await db.prisma.chatBinding.findMany({ where: { purpose: 'admin' } })).map((b) => b.chatId),
    ...(o.outboxLeaseMs !== undefined ? { leaseMs: o.outboxLeaseMs } : {}),
  });
  const deliver = async (item: OutboxItem) => {
    await enqueueNow(db.sql, item);
    outbox.kick();
  };
  const router = new Router({ messenger, clock, log, receipts: new SqlReceiptStore(db.relaxed, o.receiptNow), deliver, retry: o.retry });
  const calendar = await CalendarService.load(db.prisma, config.workingHours);
  const jobControl = new JobControl();
  const timers = new Timers({ sql: db.sql, log: log.child({ component: 'timers' }) });
  registerFeatures(router, {
    prisma: db.prisma,
    sql: db.sql,
    clock,
    messenger,
    documents,
    log,
    outbox: { deliver, kick: () => outbox.kick() },
    calendar,
    bootstrapAdmins: config.adminOpenIds,
    settings: {
      supervision: config.supervision,
      reviews: config.reviews,
      leaderRanks: config.leaderRanks,
      scheduleCalendar: config.scheduleCalendar,
      schedules: config.schedules,
      briefs: config.briefs,
      digest: config.digest,
    },
    ...(larkCalendar ? { larkCalendar } : {}),
    jobs: jobControl,
    timers,
    drafters: createDrafters(config.llm),
  });
  registerTimerJob(router, timers, db.sql);
  if (config.lark.hasCredentials) outbox.start();

  const scheduler = new Scheduler({
    prisma: db.prisma,
    jobs: router.jobs(),
    run: (job, firedAt) => router.runJob(job.name, firedAt),
    isWorkingDay: (date) => calendar.current().isWorkingDay(date),
    officeTime: () => new OfficeTime(calendar.current(), calendar.workingHours),
    log: log.child({ component: 'scheduler' }),
  });
  jobControl.attach(scheduler);
  // Runs missed while the bot was down, where each job's catch-up window allows; then the live ticks.
  // Tracked so that shutdown waits for it rather than closing the database under a running job.
  const catchUp = scheduler
    .runDue(clock.now(), { catchUpOnly: true })
    .then(() => undefined)
    .catch((err: unknown) => log.error({ err }, 'catch-up failed'));
  const ticks = o.startTicks === false ? undefined : startCronTicks(scheduler, clock, log);

  const { dispatcher, dispatch } = createDispatcher(
    router,
    log.child({ component: 'dispatcher' }),
    sdkLogger(log, [config.lark.appSecret ?? '', config.lark.encryptKey ?? '', config.lark.verificationToken ?? ''].filter(Boolean)),
  );
  const useLongConnection = config.lark.transport === 'long-connection';
  const http = createHttpApp({
    log: log.child({ component: 'http' }),
    // Replay protection compares Lark's signing time with real time, whatever the office clock says.
    clock: systemClock,
    encryptKey: config.lark.encryptKey,
    verificationToken: config.lark.verificationToken,
    dispatch: useLongConnection ? null : dispatch,
    health: () => db.ping(),
    extraRoutes: o.extraRoutes,
  });
  const server = await listen(http, config.http.port, config.http.host);
  const address = server.address() as AddressInfo;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
  const url = `http://${host}:${address.port}`;
  log.info({ url, transport: config.lark.transport }, `三办助手已启动 (listening on ${url})`);

  let longConnection: { close(): void } | undefined;
  if (useLongConnection && config.lark.hasCredentials) {
    longConnection = await startLongConnection({
      appId: config.lark.appId!,
      appSecret: config.lark.appSecret!,
      domain: config.lark.domain,
      dispatcher,
      log: log.child({ component: 'long-connection' }),
    });
  }

  const settle = async () => {
    // Handlers queue messages and deliveries may queue reports or be retried shortly (a per-chat rate
    // limit): wait until nothing is in hand or due within a few seconds.
    for (let i = 0; i < 100; i++) {
      await router.idle();
      await outbox.drain();
      await outbox.idle();
      const soon = await db.prisma.outboxMessage.count({ where: { status: 'pending', nextAttemptAt: { lte: new Date(Date.now() + 5000) } } });
      if (!soon && !(await router.busy())) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return {
    router,
    documents,
    db,
    server,
    url,
    outbox,
    scheduler,
    calendar,
    timers,
    settle,
    async stop() {
      // No new ticks or job runs; those already running (a chase, an export, the catch-up) finish
      // before the database closes, or their periods would stay 'running' and never run again.
      ticks?.stop();
      scheduler.close();
      longConnection?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      router.close();
      await router.idle();
      await waitForJobs(Promise.all([catchUp, ticks?.idle(), scheduler.idle()]), JOB_SHUTDOWN_GRACE_MS, log);
      await outbox.stop();
      await delivery?.stop();
      await db.close();
    },
  };
}
