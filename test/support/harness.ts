import { startApp, type AppOptions, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FixedClock } from '../fakes/clock.js';
import { FakeLark, type FakeLarkOptions } from '../../src/local/lark/server.js';
import { FakeLarkGateway } from '../fakes/lark/ws-gateway.js';
import { createTestDatabaseUrl } from './database.js';
import { memoryLogger } from './logger.js';

export interface Harness {
  fake: FakeLark;
  /** The fake long-connection gateway, when the harness runs one. */
  gateway?: FakeLarkGateway;
  app: RunningApp;
  clock: FixedClock;
  logLines: string[];
  databaseUrl: string;
  /** Wait until the bot has finished all background work (replies sent, cards patched). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The whole bot, as `npm start` builds it, against a fresh database and a fake Lark on loopback. */
export async function startHarness(
  o: {
    fake?: FakeLarkOptions;
    env?: Record<string, string>;
    clock?: FixedClock;
    /** Run a fake long-connection gateway (default: when LARK_TRANSPORT is long-connection). */
    gateway?: boolean;
    /** More options for startApp (e.g. `receiptNow`). */
    app?: Partial<Omit<AppOptions, 'config' | 'log' | 'clock'>>;
  } = {},
): Promise<Harness> {
  const fake = await new FakeLark({ encryptKey: 'test-encrypt-key', verificationToken: 'test-verification-token', ...o.fake }).start();
  // The app connects while it starts, so the gateway must already be listening.
  const gateway = (o.gateway ?? o.env?.LARK_TRANSPORT === 'long-connection') ? new FakeLarkGateway(fake) : undefined;
  const database = await createTestDatabaseUrl();
  const clock = o.clock ?? new FixedClock(new Date());
  const { log, lines } = memoryLogger();
  const config = loadConfig({
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    ...(fake.encryptKey ? { LARK_ENCRYPT_KEY: fake.encryptKey } : {}),
    ...(fake.verificationToken ? { LARK_VERIFICATION_TOKEN: fake.verificationToken } : {}),
    LARK_DOMAIN: fake.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    ...o.env,
  });
  const app = await startApp({ config, log, clock, startTicks: false, ...o.app });
  fake.botUrl = app.url;
  const stop = async () => {
    await app.stop();
    await gateway?.close();
    await fake.stop();
    await database.drop();
  };
  // WSClient.start() resolves before the socket is open: wait, so that tests can push at once.
  try {
    await gateway?.connected();
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    fake,
    gateway,
    app,
    clock,
    logLines: lines,
    databaseUrl: database.url,
    settle: () => app.settle(),
    stop,
  };
}
