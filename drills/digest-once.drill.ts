import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeLark } from '../src/local/lark/server.js';
import { seedDemoOffice } from '../src/local/demo-office.js';
import type { RunOutcome } from '../src/platform/scheduler/scheduler.js';
import { addDays } from '../src/platform/time.js';
import { FixedClock } from '../test/fakes/clock.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { createPostgresDatabase, describeWithPostgres } from './support/postgres.js';
import { summary } from './support/report.js';

/**
 * Drill — 今日汇要 on two instances sharing one PostgreSQL database behind one Lark. Through a week with
 * the 国庆 holiday in it (2026-09-28 Mon … 10-04 Sun), every morning both schedulers tick at DIGEST_AT at
 * the same moment, then both run the job by hand at once (an admin's 任务 执行 on each node): each person
 * with something to see gets exactly one card on each working day, nobody gets one on a day off.
 */
const FIRST_DAY = '2026-09-28';
const DAYS = 7;

await describeWithPostgres('digest-once', 'drill: 今日汇要 once per person per day on two instances', () => {
  let fake: FakeLark;
  let a: DrillBot;
  let b: DrillBot;
  let dropDb: () => Promise<void>;
  const clockA = new FixedClock(`${FIRST_DAY}T06:00:00+08:00`);
  const clockB = new FixedClock(`${FIRST_DAY}T06:00:00+08:00`);
  let people: { openId: string; name: string }[] = [];

  beforeAll(async () => {
    fake = await startFake();
    const database = await createPostgresDatabase('sanban_drill_digest');
    dropDb = database.drop;
    // The demo office is seeded by the first instance before the second starts (one long transaction,
    // not part of what is drilled); then both run side by side.
    a = await startBot({ fake, databaseUrl: database.url, clock: clockA });
    fake.botUrl = a.app.url;
    await a.app.scheduler.idle();
    await seedDemoOffice(a.app.db.prisma);
    b = await startBot({ fake, databaseUrl: database.url, clock: clockB });
    await Promise.all([a.app.scheduler.idle(), b.app.scheduler.idle()]);
    people = (await a.app.db.prisma.person.findMany({ where: { openId: { not: null } }, select: { openId: true, name: true } })).map((p) => ({
      openId: p.openId!,
      name: p.name,
    }));
    for (const p of people) fake.addUser(p.name, { openId: p.openId });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.stop();
    await dropDb?.();
  });

  it('sends each person one card per working day and none on days off, whichever instance runs it', async () => {
    const cardsOf = (openId: string) =>
      fake.cardsIn(fake.p2pChatId(openId)).filter((c) => JSON.stringify((c.card as { header?: unknown }).header ?? '').includes('今日汇要')).length;
    const started = Date.now();
    const perDay: { date: string; working: boolean; cards: number; outcomes: RunOutcome[] }[] = [];
    let total = 0;
    // A person given more than one card on one day: counted, and the drill fails on any.
    let duplicates = 0;
    const seen = new Map(people.map((p) => [p.openId, 0]));
    for (let d = 0; d < DAYS; d++) {
      const date = addDays(FIRST_DAY, d);
      const working = a.app.calendar.current().isWorkingDay(date);
      const at = new Date(`${date}T08:00:00+08:00`);
      clockA.set(at);
      clockB.set(at);
      const prev = new Date(at.getTime() - 60_000);
      const [ta, tb] = await Promise.all([a.app.scheduler.tick(at, prev), b.app.scheduler.tick(at, prev)]);
      await Promise.all([a.app.scheduler.runManually('digest.morning', at), b.app.scheduler.runManually('digest.morning', at)]);
      await Promise.all([a.app.settle(), b.app.settle()]);
      for (const p of people) {
        const n = cardsOf(p.openId);
        if (n - seen.get(p.openId)! > 1) duplicates++;
        seen.set(p.openId, n);
      }
      const now = people.reduce((n, p) => n + cardsOf(p.openId), 0);
      perDay.push({ date, working, cards: now - total, outcomes: [ta['digest.morning'], tb['digest.morning']] as RunOutcome[] });
      total = now;
    }
    const workingDays = perDay.filter((p) => p.working);
    for (const day of perDay) {
      if (day.working) expect(day.outcomes.sort()).toEqual(['claimed_elsewhere', 'ran']);
      else expect(day.cards).toBe(0);
    }
    // Exactly one card per person per working day at most (never two), and someone got one every working day.
    for (const p of people) expect(cardsOf(p.openId)).toBeLessThanOrEqual(workingDays.length);
    for (const day of workingDays) expect(day.cards).toBeGreaterThan(0);
    expect(duplicates).toBe(0);
    const rows = await a.app.db.prisma.outboxMessage.count({ where: { origin: 'job:digest.morning' } });
    expect(rows).toBe(total);
    summary('digest-once', {
      days: DAYS,
      working_days: workingDays.length,
      people: people.length,
      cards: total,
      cards_per_working_day: workingDays.map((d) => d.cards).join('/'),
      duplicates,
      seconds: (Date.now() - started) / 1000,
    });
  });
});
