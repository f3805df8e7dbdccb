import chineseDays from 'chinese-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { WorkCalendar } from '../../src/platform/calendar/work-calendar.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { OfficeTime } from '../../src/platform/calendar/working-time.js';
import { Scheduler, type RunOutcome } from '../../src/platform/scheduler/scheduler.js';
import type { JobSpec } from '../../src/router/router.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const MINUTE = 60_000;
const at = (beijing: string) => new Date(`${beijing}+08:00`);

/** A job as the features declare them; the handler is recorded by the scheduler's `run`. */
const job = (name: string, cron: string, extra: Partial<JobSpec> = {}): JobSpec => ({ name, description: name, cron, handler: async () => {}, ...extra });

// The weekly 通报 as supervision declares it (Monday 09:30), and a Friday-afternoon variant.
const mondayReport = job('report', '30 9 * * 1', { workingDaysOnly: true, officeHoursOnly: true, catchUpWithinMinutes: 240 });
const fridayReport = job('friday-report', '30 16 * * 5', { workingDaysOnly: true, officeHoursOnly: true, catchUpWithinMinutes: 240 });
const housekeeping = job('housekeeping', '30 3 * * *', { catchUpWithinMinutes: 24 * 60 });

describe(`scheduler on ${testProvider}: catch-up sends wait for office hours`, () => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await drop?.();
  });

  function scheduler(jobs: JobSpec[], runs: string[]) {
    return new Scheduler({
      prisma: db.prisma,
      jobs,
      run: async (j, firedAt) => {
        runs.push(`${j.name}@${firedAt.toISOString()}`);
      },
      isWorkingDay: (d) => chineseDays.isWorkday(d),
      officeTime: () => new OfficeTime(new WorkCalendar(), DEFAULT_HOURS),
      log: memoryLogger('warn').log,
    });
  }

  /** Live ticks every minute in (from, to]; returns the minutes at which `name` ran, as Beijing ISO. */
  async function tickThrough(s: Scheduler, name: string, from: Date, to: Date): Promise<Date[]> {
    const ran: Date[] = [];
    for (let t = from.getTime() + MINUTE; t <= to.getTime(); t += MINUTE) {
      const outcomes: Record<string, RunOutcome | 'not_due'> = await s.tick(new Date(t), new Date(t - MINUTE));
      if (outcomes[name] === 'ran') ran.push(new Date(t));
    }
    return ran;
  }

  const rows = (name: string) => db.prisma.jobRun.findMany({ where: { job: name } });

  it('a Monday 通报 missed until the lunch break is sent at 14:30, not at 12:29, once', async () => {
    const runs: string[] = [];
    const s = scheduler([mondayReport], runs);
    const startUp = at('2026-11-30T12:29:00');
    expect((await s.runDue(startUp, { catchUpOnly: true })).report).toBe('not_due');
    expect(runs).toEqual([]);
    // Not claimed: a claim now would keep the next tick inside office hours from running it.
    expect(await rows('report')).toEqual([]);
    const ran = await tickThrough(s, 'report', startUp, at('2026-11-30T15:00:00'));
    expect(ran).toEqual([at('2026-11-30T14:30:00')]);
    expect(runs).toEqual([`report@${at('2026-11-30T09:30:00').toISOString()}`]);
  });

  it('a Friday-afternoon 通报 missed over the weekend is sent on Monday at 08:30, once', async () => {
    const runs: string[] = [];
    const s = scheduler([fridayReport], runs);
    const startUp = at('2026-11-28T10:00:00'); // Saturday
    expect((await s.runDue(startUp, { catchUpOnly: true }))['friday-report']).toBe('not_due');
    const ran = await tickThrough(s, 'friday-report', startUp, at('2026-11-30T09:00:00'));
    expect(ran).toEqual([at('2026-11-30T08:30:00')]);
    expect(runs).toEqual([`friday-report@${at('2026-11-27T16:30:00').toISOString()}`]);
  });

  it('still gives up once the window has passed in working minutes', async () => {
    const runs: string[] = [];
    const s = scheduler([job('late', '30 9 * * 1', { officeHoursOnly: true, catchUpWithinMinutes: 240 })], runs);
    // 09:30 + 240 working minutes (150 before lunch, 90 after) = 16:00.
    expect((await s.runDue(at('2026-11-30T16:01:00'), { catchUpOnly: true })).late).toBe('not_due');
    expect((await s.runDue(at('2026-11-30T16:00:00'), { catchUpOnly: true })).late).toBe('ran');
    expect(runs).toHaveLength(1);
  });

  it('housekeeping, which sends nothing, still runs at 03:30', async () => {
    const runs: string[] = [];
    const s = scheduler([housekeeping, job('night-report', '30 9 * * 1', { officeHoursOnly: true, catchUpWithinMinutes: 24 * 60 })], runs);
    const outcomes = await s.runDue(at('2026-12-01T03:30:00'), { catchUpOnly: true });
    expect(outcomes).toEqual({ housekeeping: 'ran', 'night-report': 'not_due' });
    expect(runs).toEqual([`housekeeping@${at('2026-12-01T03:30:00').toISOString()}`]);
  });

  it('an on-time run inside office hours is unchanged', async () => {
    const runs: string[] = [];
    const s = scheduler([job('chase', '0 9 * * *', { workingDaysOnly: true, officeHoursOnly: true, catchUpWithinMinutes: 150 })], runs);
    expect((await s.tick(at('2026-12-02T09:00:05'), at('2026-12-02T08:59:05'))).chase).toBe('ran');
    expect((await s.tick(at('2026-12-02T09:01:05'), at('2026-12-02T09:00:05'))).chase).toBe('not_due');
    expect(runs).toEqual([`chase@${at('2026-12-02T09:00:00').toISOString()}`]);
  });

  it('a Monday start-up passes over the Sunday period of a working-days job instead of recording it', async () => {
    const runs: string[] = [];
    const s = scheduler([job('follow-up', '10 9 * * *', { workingDaysOnly: true, officeHoursOnly: true, catchUpWithinMinutes: 240 })], runs);
    // Sunday 09:10 is 30 working minutes before Monday 09:00, but a working-days job has no run to make then.
    expect((await s.runDue(at('2026-12-07T09:00:00'), { catchUpOnly: true }))['follow-up']).toBe('not_due');
    expect(await rows('follow-up')).toEqual([]);
    // On a day off itself the period is recorded as skipped on time, as before.
    expect(await s.fire(job('follow-up', '10 9 * * *', { workingDaysOnly: true }), at('2026-12-06T09:10:00'))).toBe('skipped');
    expect((await s.tick(at('2026-12-06T09:10:00'), at('2026-12-06T09:09:00')))['follow-up']).toBe('not_due');
    expect((await s.tick(at('2026-12-13T09:10:00'), at('2026-12-13T09:09:00')))['follow-up']).toBe('skipped');
    expect(runs).toEqual([]);
  });

  it('refuses an office-hours job without the office time to judge it', () => {
    expect(
      () => new Scheduler({ prisma: db.prisma, jobs: [mondayReport], run: async () => {}, isWorkingDay: () => true, log: memoryLogger('silent').log }),
    ).toThrow(/officeTime/);
  });
});
