import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FixedClock } from '../fakes/clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';

/**
 * 今日汇要 on two instances of the bot sharing one database (PostgreSQL with TEST_DATABASE=postgres) and
 * one fake Lark: each person's card goes once — by the scheduler's claim of the minute, and beneath it by
 * the card's key `digest:<date>:<openId>`, which holds even when both instances run the job at once.
 */
describe('the morning card is sent once per person across two instances', () => {
  const clock = new FixedClock('2026-12-02T07:59:00+08:00'); // Wednesday
  let h: Harness;
  let second: RunningApp;
  const openIds: string[] = [];
  const morningCards = (openId: string) => h.fake.cardsIn(h.fake.p2pChatId(openId)).filter((c) => JSON.stringify(c.card).includes('今日汇要'));

  beforeAll(async () => {
    h = await startHarness({ clock });
    const p = h.app.db.prisma;
    const unit = await p.unit.create({ data: { code: 'ZJJ', name: '县住建局' } });
    for (let i = 0; i < 15; i++) {
      const u = h.fake.addUser(`联络员${i}`);
      openIds.push(u.openId);
      await p.person.create({ data: { name: u.name, openId: u.openId, unitId: unit.id, roles: { create: [{ role: 'liaison', scope: 'info' }] } } });
    }
    // Someone with nothing to see: no card on either instance.
    const idle = h.fake.addUser('钱干部');
    await p.person.create({ data: { name: idle.name, openId: idle.openId, unitId: unit.id } });
    openIds.push(idle.openId);
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

  it('two live ticks at 08:00: one run, one card per person, none for the idle one', async () => {
    clock.set('2026-12-02T08:00:00+08:00');
    const prev = new Date(clock.now().getTime() - 60_000);
    const [a, b] = await Promise.all([h.app.scheduler.tick(clock.now(), prev), second.scheduler.tick(clock.now(), prev)]);
    expect([a['digest.morning'], b['digest.morning']].sort()).toEqual(['claimed_elsewhere', 'ran']);
    await Promise.all([h.settle(), second.settle()]);
    for (const id of openIds.slice(0, -1)) expect(morningCards(id)).toHaveLength(1);
    expect(morningCards(openIds.at(-1)!)).toHaveLength(0);
  });

  it('both instances running the job by hand at once still give each person one card', async () => {
    clock.set('2026-12-03T08:01:00+08:00');
    await Promise.all([h.app.scheduler.runManually('digest.morning', clock.now()), second.scheduler.runManually('digest.morning', clock.now())]);
    await Promise.all([h.settle(), second.settle()]);
    for (const id of openIds.slice(0, -1)) expect(morningCards(id)).toHaveLength(2);
    expect(await h.app.db.prisma.outboxMessage.count({ where: { origin: 'job:digest.morning' } })).toBe(2 * (openIds.length - 1));
  });
});
