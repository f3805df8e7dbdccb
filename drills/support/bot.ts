import { startApp, type AppOptions, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FakeLark, type FakeLarkOptions } from '../../src/local/lark/server.js';
import { FixedClock } from '../../test/fakes/clock.js';
import { memoryLogger } from '../../test/support/logger.js';

export const ENCRYPT_KEY = 'drill-encrypt-key';
export const VERIFICATION_TOKEN = 'drill-verification-token';

/** The fake Lark every drill talks to: signed, encrypted pushes; Lark's own rate limits unless overridden. */
export function startFake(o: FakeLarkOptions = {}): Promise<FakeLark> {
  return new FakeLark({ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, ...o }).start();
}

/** The environment `npm start` would read, pointing at the fake and at `databaseUrl`. */
export function botEnv(fake: FakeLark, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    ...(fake.encryptKey ? { LARK_ENCRYPT_KEY: fake.encryptKey } : {}),
    ...(fake.verificationToken ? { LARK_VERIFICATION_TOKEN: fake.verificationToken } : {}),
    LARK_DOMAIN: fake.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    ...extra,
  };
}

export interface DrillBot {
  app: RunningApp;
  clock: FixedClock;
  /** Every log line the bot wrote (JSON). */
  logLines: string[];
  records(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The real bot (startApp, as `npm start` builds it) on loopback. Live cron ticks are off: drills drive
 * the scheduler with their own clock. The fake's botUrl is left alone (two instances share one fake).
 */
export async function startBot(o: {
  fake: FakeLark;
  databaseUrl: string;
  clock?: FixedClock;
  env?: Record<string, string>;
  logLevel?: string;
  app?: Partial<Omit<AppOptions, 'config' | 'log' | 'clock'>>;
}): Promise<DrillBot> {
  const clock = o.clock ?? new FixedClock(new Date());
  const { log, lines, records } = memoryLogger(o.logLevel ?? 'info');
  const config = loadConfig(botEnv(o.fake, o.databaseUrl, o.env));
  const app = await startApp({ config, log, clock, startTicks: false, ...o.app });
  let stopped = false;
  return {
    app,
    clock,
    logLines: lines,
    records,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop();
    },
  };
}
