import { afterAll, beforeAll, expect, it } from 'vitest';
import { botAdded } from '../src/local/lark/events.js';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import type { RunOutcome } from '../src/platform/scheduler/scheduler.js';
import { beijingMinute } from '../src/platform/time.js';
import { FixedClock } from '../test/fakes/clock.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { commandEnvelope, pushTo, redelivery, type Answer } from './support/lark.js';
import { seedOffice, type Office } from './support/office.js';
import { createPostgresDatabase, describeWithPostgres } from './support/postgres.js';
import { drillSeed, seededRng } from './support/prng.js';
import { repliesByParent } from './support/replies.js';
import { summary } from './support/report.js';
import { sleep } from './support/wait.js';

/**
 * Drill 6 — two instances of the bot on one PostgreSQL database behind one Lark. Lark sends each event
 * to one of them, sometimes to both (a re-push lands on the other node); both schedulers tick through
 * the same week. Each event must be handled once and each job must run once per period.
 */
const MESSAGES = 300;
const NEW_GROUPS = 20;
/** Lark's retry schedule (15 s, 5 min, 1 h, 6 h), scaled to milliseconds. */
const RETRY_DELAYS_MS = [15_000, 300_000, 3_600_000, 21_600_000].map((ms) => ms / 10_000);
const SPREAD_MS = 4000;
const WEEK_START = '2026-11-23T00:00:00+08:00'; // Monday
const WEEK_END = '2026-11-30T00:00:00+08:00';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

await describeWithPostgres('two-instances', 'drill: two instances on one PostgreSQL database', () => {
  let fake: FakeLark;
  let a: DrillBot;
  let b: DrillBot;
  let dropDb: () => Promise<void>;
  let office: Office;
  let groups: string[];
  const clockA = new FixedClock(WEEK_START);
  const clockB = new FixedClock(WEEK_START);

  beforeAll(async () => {
    fake = await startFake();
    const database = await createPostgresDatabase('sanban_drill_two');
    dropDb = database.drop;
    // Both start at once: migrations and the start-up catch-up race each other too.
    [a, b] = await Promise.all([startBot({ fake, databaseUrl: database.url, clock: clockA }), startBot({ fake, databaseUrl: database.url, clock: clockB })]);
    fake.botUrl = a.app.url;
    office = await seedOffice(a.app.db.prisma, fake);
    const everyone = [office.supervisor, office.admin, office.housingLiaison, office.waterLiaison, office.leader, office.clerk, office.stranger];
    groups = [office.generalGroup, ...Array.from({ length: 15 }, (_, i) => fake.addChat(`第${i + 1}组`, everyone))];
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.stop();
    await dropDb?.();
  });

  it('handles each event once, whichever instance Lark delivers it to', async () => {
    const rng = seededRng(drillSeed(6_2026));
    const started = Date.now();
    const people: FakeUser[] = [office.supervisor, office.admin, office.housingLiaison, office.waterLiaison, office.leader, office.clerk, office.stranger];
    const texts = ['帮助', '我是谁', '督办 列表', '单位', '查天气'];
    type Route = 'a' | 'b' | 'both' | 'a-then-b' | 'b-then-a';
    const routes: Route[] = ['a', 'b', 'both', 'a-then-b', 'b-then-a'];
    const counts: Record<Route, number> = { a: 0, b: 0, both: 0, 'a-then-b': 0, 'b-then-a': 0 };
    const answers: Answer[] = [];
    const url = { a: a.app.url, b: b.app.url };
    const plans = Array.from({ length: MESSAGES }, () => {
      const from = rng.pick(people);
      const p2p = rng.chance(0.3);
      const envelope = commandEnvelope(fake, { chatId: p2p ? fake.p2pChatId(from.openId) : rng.pick(groups), from, text: rng.pick(texts), p2p });
      const route = rng.pick(routes);
      counts[route]++;
      return { envelope, route, startMs: rng.int(0, SPREAD_MS) };
    });
    let retriedAfterFailure = 0;
    await Promise.all(
      plans.map(async ({ envelope, route, startMs }) => {
        await sleep(startMs);
        const push = async (to: 'a' | 'b', e = envelope) => {
          const answer = await pushTo(fake, url[to], e);
          answers.push(answer);
          return answer.status === 200;
        };
        let ok: boolean;
        if (route === 'a' || route === 'b') ok = await push(route);
        else if (route === 'both') ok = (await Promise.all([push('a'), push('b', redelivery(envelope, true))])).some(Boolean);
        else {
          const [first, second] = route === 'a-then-b' ? (['a', 'b'] as const) : (['b', 'a'] as const);
          ok = await push(first);
          await sleep(RETRY_DELAYS_MS[0]! * (0.8 + rng.next() * 0.4));
          ok = (await push(second, redelivery(envelope))) || ok;
        }
        // Like Lark: an event not answered 200 within 3 s is delivered again, to either node.
        for (let retry = 1; !ok && retry < RETRY_DELAYS_MS.length; retry++) {
          retriedAfterFailure++;
          await sleep(RETRY_DELAYS_MS[retry]! * (0.8 + rng.next() * 0.4));
          ok = await push(rng.chance(0.5) ? 'a' : 'b', redelivery(envelope, true));
        }
      }),
    );
    // The bot joins new groups: Lark tells both nodes at once.
    const newGroups = Array.from({ length: NEW_GROUPS }, (_, i) => fake.addChat(`新建群${i + 1}`, people));
    const added = await Promise.all(
      newGroups.map((chatId) => {
        const e = botAdded(fake.envelope, chatId, office.admin.openId);
        return Promise.all([pushTo(fake, url.a, e), pushTo(fake, url.b, e)]);
      }),
    );
    for (let i = 0; i < 3; i++) await Promise.all([a.app.settle(), b.app.settle()]);

    const replies = repliesByParent(fake);
    const perMessage = plans.map((p) => replies.get(p.envelope.event.message.message_id)?.length ?? 0);
    const welcomes = newGroups.map((chatId) => fake.textsIn(chatId).length);
    const statuses = [...answers, ...added.flat()].map((x) => x.status);
    const handledBy = await a.app.db.prisma.outboxMessage.count({ where: { status: 'sent' } });
    summary('two-instances/events', {
      messages: MESSAGES,
      toA: counts.a,
      toB: counts.b,
      toBothAtOnce: counts.both,
      toOneThenOther: counts['a-then-b'] + counts['b-then-a'],
      deliveries: answers.length,
      notAckedIn3s: answers.filter((x) => x.status === 0).length,
      retriedAfterFailure,
      ackP50ms: percentile(
        answers.map((x) => x.ms),
        50,
      ),
      ackP99ms: percentile(
        answers.map((x) => x.ms),
        99,
      ),
      botAddedPushedToBoth: NEW_GROUPS,
      handledOnce: perMessage.filter((n) => n === 1).length,
      handledTwice: perMessage.filter((n) => n > 1).length,
      unanswered: perMessage.filter((n) => n === 0).length,
      welcomes: welcomes.reduce((s, n) => s + n, 0),
      sent: handledBy,
      ms: Date.now() - started,
    });

    // 200, or no answer within 3 s (Lark then delivers again, as above); never a 5xx.
    expect(statuses.filter((s) => s !== 200 && s !== 0)).toEqual([]);
    expect(added.flat().every((x) => x.status === 200)).toBe(true);
    expect(perMessage).toEqual(plans.map(() => 1));
    expect(welcomes).toEqual(newGroups.map(() => 1));
    expect(await a.app.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    const uuids = [...fake.messages.values()].map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('runs each scheduled job once per period while both schedulers tick through a week', async () => {
    const started = Date.now();
    const from = new Date(WEEK_START);
    const to = new Date(WEEK_END);
    const [ranA, ranB] = await Promise.all([
      a.app.scheduler.runBetween(from, to, (t) => clockA.set(t)),
      b.app.scheduler.runBetween(from, to, (t) => clockB.set(t)),
    ]);
    // Then both look again at the same moments, as a restart of either would.
    const again: RunOutcome[] = [];
    for (const at of ['2026-11-23T09:00:00+08:00', '2026-11-24T03:30:00+08:00', '2026-11-27T09:10:00+08:00', '2026-11-29T23:59:00+08:00']) {
      const [x, y] = await Promise.all([a.app.scheduler.runDue(new Date(at)), b.app.scheduler.runDue(new Date(at))]);
      for (const o of [...Object.values(x), ...Object.values(y)]) if (o !== 'not_due') again.push(o);
    }

    // Per scheduled (job, minute): exactly one instance ran it (or recorded the holiday skip).
    const byRun = new Map<string, RunOutcome[]>();
    for (const r of [...ranA, ...ranB]) {
      const key = `${r.job}@${beijingMinute(r.at)}`;
      byRun.set(key, [...(byRun.get(key) ?? []), r.outcome]);
    }
    const notOnce = [...byRun].filter(([, o]) => o.length !== 2 || o.filter((x) => x !== 'claimed_elsewhere').length !== 1);
    const failed = [...byRun].filter(([, o]) => o.includes('failed'));

    // What the handlers did, from both instances' logs: one "job done" per recorded run.
    const done = [...a.records(), ...b.records()].filter((r) => r.msg === 'job done');
    const executions = new Map<string, number>();
    for (const r of done) executions.set(`${String(r.job)}@${String(r.period)}`, (executions.get(`${String(r.job)}@${String(r.period)}`) ?? 0) + 1);
    const runs = await a.app.db.prisma.jobRun.findMany();
    const doneRuns = runs.filter((r) => r.status === 'done');
    const executedTwice = [...executions].filter(([, n]) => n > 1);
    const recordedButNotExecuted = doneRuns.filter((r) => executions.get(`${r.job}@${r.period}`) !== 1);
    const housekeeping = [...a.records(), ...b.records()].filter((r) => r.msg === 'housekeeping done').length;
    const chases = [...a.records(), ...b.records()].filter((r) => r.msg === 'chase done').length;
    const inWeek = (job: string, status: string) =>
      runs.filter((r) => r.job === job && r.status === status && r.period >= '2026-11-23' && r.period < '2026-11-30').length;
    const reports = fake.cardsIn(office.supervisionGroup).length;
    summary('two-instances/scheduler', {
      scheduledRuns: byRun.size,
      ranOnA: ranA.filter((r) => r.outcome === 'ran').length,
      ranOnB: ranB.filter((r) => r.outcome === 'ran').length,
      skippedHoliday: [...byRun.values()].filter((o) => o.includes('skipped')).length,
      claimedElsewhere: [...ranA, ...ranB].filter((r) => r.outcome === 'claimed_elsewhere').length,
      jobRunRows: runs.length,
      handlerExecutions: done.length,
      executedTwice: executedTwice.length,
      housekeepingRuns: housekeeping,
      chaseRuns: chases,
      reportsPosted: reports,
      reRunsOnSecondLook: again.filter((o) => o === 'ran').length,
      ms: Date.now() - started,
    });

    expect(notOnce).toEqual([]);
    expect(failed).toEqual([]);
    expect(executedTwice).toEqual([]);
    expect(recordedButNotExecuted).toEqual([]);
    expect(runs.filter((r) => r.status === 'running' || r.status === 'failed')).toEqual([]);
    // The week itself: housekeeping daily, the chase on its five working days, the 通报 on Monday.
    expect(inWeek('housekeeping', 'done')).toBe(7);
    expect(inWeek('supervision.chase', 'done')).toBe(5);
    expect(inWeek('supervision.chase', 'skipped')).toBe(2);
    expect(inWeek('supervision.report', 'done')).toBe(1);
    expect(chases).toBe(5);
    expect(housekeeping).toBe(runs.filter((r) => r.job === 'housekeeping' && r.status === 'done').length);
    expect(again.filter((o) => o === 'ran' || o === 'skipped')).toEqual([]);
    await Promise.all([a.app.settle(), b.app.settle()]);
    expect(fake.cardsIn(office.supervisionGroup)).toHaveLength(1);
  });
});
