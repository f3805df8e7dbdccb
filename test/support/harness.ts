import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FixedClock } from '../fakes/clock.js';
import { FakeLark, type FakeLarkOptions } from '../fakes/lark/server.js';
import { createTestDatabaseUrl } from './database.js';
import { memoryLogger } from './logger.js';

export interface Harness {
  fake: FakeLark;
  app: RunningApp;
  clock: FixedClock;
  logLines: string[];
  /** Wait until the bot has finished all background work (replies sent, cards patched). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The whole bot, as `npm start` builds it, against a fresh database and a fake Lark on loopback. */
export async function startHarness(o: { fake?: FakeLarkOptions; env?: Record<string, string>; clock?: FixedClock } = {}): Promise<Harness> {
  const fake = await new FakeLark({ encryptKey: 'test-encrypt-key', verificationToken: 'test-verification-token', ...o.fake }).start();
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
  const app = await startApp({ config, log, clock });
  fake.botUrl = app.url;
  return {
    fake,
    app,
    clock,
    logLines: lines,
    settle: () => app.router.idle(),
    async stop() {
      await app.stop();
      await fake.stop();
      await database.drop();
    },
  };
}
