import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { createTestDatabaseUrl } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

/**
 * The bot really stopped and started again (the same database, the app's own start-up catch-up): down
 * at 07:30 and started at 09:10 it sends the morning card once, marked 补发, and a second start that
 * morning sends nothing more; started at 12:30 it does not send that day's card at all.
 */
describe('a missed morning broadcast, caught up on start', () => {
  const clock = new FixedClock('2026-10-11T20:00:00+08:00'); // Sunday evening
  let fake: FakeLark;
  let database: { url: string; drop: () => Promise<void> };
  let app: RunningApp | undefined;
  let group: string;
  const start = async (at: string) => {
    await app?.stop();
    clock.set(at);
    const { log } = memoryLogger();
    const config = loadConfig({
      LARK_APP_ID: fake.appId,
      LARK_APP_SECRET: fake.appSecret,
      LARK_ENCRYPT_KEY: fake.encryptKey!,
      LARK_VERIFICATION_TOKEN: fake.verificationToken!,
      LARK_DOMAIN: fake.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
    });
    app = await startApp({ config, log, clock, startTicks: false });
    fake.botUrl = app.url;
    // Start-up catch-up runs in the background: done once every job has had its say.
    for (let i = 0; i < 100 && (await app.scheduler.lastRuns()).get('housekeeping')?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    await app.scheduler.idle();
    await app.settle();
  };
  const cards = () => fake.cardsIn(group).map((c) => cardText(c.card));

  beforeAll(async () => {
    fake = await new FakeLark({ encryptKey: 'k', verificationToken: 't' }).start();
    database = await createTestDatabaseUrl();
    await start('2026-10-11T20:00:00+08:00');
    const leader = fake.addUser('张建国');
    group = fake.addChat('县领导日程群', [leader]);
    const p = app!.db.prisma;
    const person = await p.person.create({ data: { name: '张建国', openId: leader.openId, title: '县长' } });
    await p.roleGrant.create({ data: { personId: person.id, role: 'leader' } });
    await p.chatBinding.create({ data: { chatId: group, purpose: 'schedule' } });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
    await database?.drop();
  });

  it('started at 09:10 on Monday: the 07:30 card once, marked 补发; started again at 09:20: nothing more', async () => {
    await start('2026-10-12T09:10:00+08:00');
    expect(cards()).toHaveLength(1);
    expect(cards()[0]).toContain('今日领导日程 10月12日（周一）');
    expect(cards()[0]).toContain('补发');
    await start('2026-10-12T09:20:00+08:00');
    expect(cards()).toHaveLength(1);
  });

  it('started at 12:30 on Tuesday after being down at 07:30: no card that day', async () => {
    await start('2026-10-13T12:30:00+08:00');
    expect(cards()).toHaveLength(1);
    expect(await app!.db.prisma.scheduleBroadcast.count({ where: { date: '2026-10-13' } })).toBe(0);
  });
});
