import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FixedClock } from '../fakes/clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';

/**
 * Two instances of the bot on one database (PostgreSQL with TEST_DATABASE=postgres) and one fake Lark:
 * at 07:30 both run the broadcast, and every group gets its card once — by the scheduler's claim of the
 * minute and, beneath it, by each group's (date, chat) row, which holds even when both run the job.
 */
describe('the morning broadcast is sent once per group across two instances', () => {
  const clock = new FixedClock('2026-12-02T07:29:00+08:00'); // Wednesday
  let h: Harness;
  let second: RunningApp;
  const groups: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ clock });
    const leader = h.fake.addUser('张建国');
    const p = h.app.db.prisma;
    const person = await p.person.create({ data: { name: '张建国', openId: leader.openId, title: '县长' } });
    await p.roleGrant.create({ data: { personId: person.id, role: 'leader' } });
    for (let i = 0; i < 12; i++) {
      const chatId = h.fake.addChat(`日程群${i}`, [leader]);
      groups.push(chatId);
      await p.chatBinding.create({ data: { chatId, purpose: 'schedule' } });
    }
    await p.scheduleEntry.create({
      data: { leaderId: person.id, date: '2026-12-02', dayPart: 'exact', startMinute: 540, activity: '调研重点项目', visibility: 'public', createdBy: 't' },
    });
    const { log } = memoryLogger();
    const config = loadConfig({
      LARK_APP_ID: h.fake.appId,
      LARK_APP_SECRET: h.fake.appSecret,
      LARK_ENCRYPT_KEY: h.fake.encryptKey!,
      LARK_VERIFICATION_TOKEN: h.fake.verificationToken!,
      LARK_DOMAIN: h.fake.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: h.databaseUrl,
    });
    second = await startApp({ config, log, clock, startTicks: false });
    await Promise.all([h.app.scheduler.idle(), second.scheduler.idle()]);
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await h?.stop();
  });

  it('two live ticks at 07:30: one run, one card per group', async () => {
    clock.set('2026-12-02T07:30:00+08:00');
    const prev = new Date(clock.now().getTime() - 60_000);
    const [a, b] = await Promise.all([h.app.scheduler.tick(clock.now(), prev), second.scheduler.tick(clock.now(), prev)]);
    expect([a['schedules.broadcast'], b['schedules.broadcast']].sort()).toEqual(['claimed_elsewhere', 'ran']);
    await Promise.all([h.settle(), second.settle()]);
    for (const g of groups) expect(h.fake.cardsIn(g)).toHaveLength(1);
  });

  it('both instances running the job by hand at once still give each group one card', async () => {
    clock.set('2026-12-03T07:31:00+08:00');
    await Promise.all([h.app.scheduler.runManually('schedules.broadcast', clock.now()), second.scheduler.runManually('schedules.broadcast', clock.now())]);
    await Promise.all([h.settle(), second.settle()]);
    for (const g of groups) expect(h.fake.cardsIn(g)).toHaveLength(2);
    expect(await h.app.db.prisma.scheduleBroadcast.count({ where: { date: '2026-12-03' } })).toBe(groups.length);
  });
});
