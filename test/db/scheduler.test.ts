import chineseDays from 'chinese-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { Scheduler } from '../../src/platform/scheduler/scheduler.js';
import type { JobSpec } from '../../src/router/router.js';
import { FixedClock } from '../fakes/clock.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const isWorkingDay = (d: string) => chineseDays.isWorkday(d);

describe(`scheduler on ${testProvider}: once per period`, () => {
  let url: string;
  let drop: () => Promise<void>;
  const dbs: Database[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl());
    const first = await openDatabase(url);
    await migrate(first);
    dbs.push(first, await openDatabase(url));
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await drop?.();
  });

  function instances(jobs: JobSpec[], runs: string[]) {
    const { log } = memoryLogger('warn');
    return dbs.map(
      (db, i) =>
        new Scheduler({
          prisma: db.prisma,
          jobs,
          run: async (job, firedAt) => {
            runs.push(`${job.name}@${firedAt.toISOString()}`);
          },
          isWorkingDay,
          log,
          instanceId: `instance-${i}`,
        }),
    );
  }

  const job = (name: string, extra: Partial<JobSpec> = {}): JobSpec => ({ name, description: name, cron: '0 9 * * *', handler: async () => {}, ...extra });

  it('two instances driven by the same clock run a job once per period', async () => {
    const runs: string[] = [];
    const [a, b] = instances([job('digest')], runs);
    const clock = new FixedClock('2026-11-23T09:00:10+08:00');
    for (let day = 0; day < 3; day++) {
      const now = clock.now();
      // Both instances tick, concurrently on PostgreSQL (SQLite is single-instance by design).
      const outcomes = testProvider === 'postgres' ? await Promise.all([a!.runDue(now), b!.runDue(now)]) : [await a!.runDue(now), await b!.runDue(now)];
      expect(outcomes.map((o) => o.digest).sort()).toEqual(testProvider === 'postgres' ? expect.arrayContaining(['ran']) : ['not_due', 'ran']);
      clock.advance(24 * 3_600_000);
    }
    expect(runs).toHaveLength(3);
    // A live tick on the other instance in an already-run period does nothing.
    expect(await b!.fire(job('digest'), new Date('2026-11-23T09:00:40+08:00'))).toBe('claimed_elsewhere');
    expect(runs).toHaveLength(3);
  });

  it('catches up a run missed while the bot was down, once, within the job window only', async () => {
    const runs: string[] = [];
    const [a, b] = instances([job('morning', { catchUpWithinMinutes: 120 }), job('no-catch-up')], runs);
    // Down at 09:00; started at 10:30.
    expect(await a!.runDue(new Date('2026-11-24T10:30:00+08:00'), { catchUpOnly: true })).toEqual({ morning: 'ran', 'no-catch-up': 'not_due' });
    // A restart a minute later, or the other instance starting, finds the run done.
    expect((await b!.runDue(new Date('2026-11-24T10:31:00+08:00'), { catchUpOnly: true })).morning).toBe('not_due');
    // Started too late the next day: outside the window, nothing runs.
    expect((await a!.runDue(new Date('2026-11-25T11:30:00+08:00'), { catchUpOnly: true })).morning).toBe('not_due');
    expect(runs).toEqual(['morning@' + new Date('2026-11-24T09:00:00+08:00').toISOString()]);
  });

  it('skips working-days-only jobs on holidays and runs them on make-up working days', async () => {
    const runs: string[] = [];
    const [a] = instances([job('chase', { workingDaysOnly: true })], runs);
    expect(await a!.fire(job('chase', { workingDaysOnly: true }), new Date('2026-10-01T09:00:00+08:00'))).toBe('skipped'); // 国庆
    expect(await a!.fire(job('chase', { workingDaysOnly: true }), new Date('2026-10-11T09:00:00+08:00'))).toBe('skipped'); // a Sunday
    expect(await a!.fire(job('chase', { workingDaysOnly: true }), new Date('2026-10-10T09:00:00+08:00'))).toBe('ran'); // 调休 Saturday
    expect(runs).toHaveLength(1);
  });

  it('records failures and lets an admin run a job by hand at any time', async () => {
    const { log } = memoryLogger('silent');
    let calls = 0;
    const failing = job('flaky');
    const s = new Scheduler({
      prisma: dbs[0]!.prisma,
      jobs: [failing],
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('lark down');
      },
      isWorkingDay,
      log,
    });
    expect(await s.fire(failing, new Date('2026-11-26T09:00:00+08:00'))).toBe('failed');
    expect(await s.runManually('flaky', new Date('2026-11-26T09:05:00+08:00'))).toBe('ran');
    const last = await s.lastRuns();
    expect(last.get('flaky')?.status).toBe('done');
    const failed = await dbs[0]!.prisma.jobRun.findFirstOrThrow({ where: { job: 'flaky', status: 'failed' } });
    expect(failed.error).toBe('lark down');
  });
});

describe(`time travel on ${testProvider}`, () => {
  it('runs every occurrence between two instants, in order, with the clock moved to each', async () => {
    const { url, drop } = await createTestDatabaseUrl();
    const db = await openDatabase(url);
    await migrate(db);
    const { log } = memoryLogger('silent');
    const clock = new FixedClock('2026-09-29T10:00:00+08:00');
    const seen: string[] = [];
    const jobs: JobSpec[] = [
      { name: 'chase', description: '', cron: '0 9 * * *', workingDaysOnly: true, handler: async () => {} },
      { name: 'report', description: '', cron: '30 9 * * 1', workingDaysOnly: true, handler: async () => {} },
    ];
    const s = new Scheduler({
      prisma: db.prisma,
      jobs,
      run: async (job, firedAt) => {
        expect(clock.now().getTime()).toBe(firedAt.getTime());
        seen.push(`${job.name}@${firedAt.toISOString()}`);
      },
      isWorkingDay,
      log,
    });
    const ran = await s.runBetween(clock.now(), new Date('2026-10-12T12:00:00+08:00'), (at) => clock.set(at));
    // 09-30 and 10-08..10-12 (10-10 is a make-up Saturday); 国庆 and 10-11 (Sunday) are skipped.
    expect(seen.filter((x) => x.startsWith('chase'))).toHaveLength(5);
    expect(seen.filter((x) => x.startsWith('report'))).toEqual([`report@${new Date('2026-10-12T09:30:00+08:00').toISOString()}`]);
    expect(ran.filter((r) => r.outcome === 'skipped')).toHaveLength(9);
    expect(clock.now().toISOString()).toBe(new Date('2026-10-12T12:00:00+08:00').toISOString());
    await db.close();
    await drop();
  });
});
