import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCronTicks, type CronTicks } from '../../src/adapters/cron-scheduler.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { Scheduler } from '../../src/platform/scheduler/scheduler.js';
import type { JobSpec } from '../../src/router/router.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const at = (beijing: string) => new Date(`${beijing}+08:00`);

/**
 * The live ticks through real node-cron, with the process clock and timers faked: a blocked event loop
 * is the system time jumping while no timer could fire (that is what a busy-wait looks like to timers).
 */
describe(`live cron ticks on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let ticks: CronTicks | undefined;
  let runs: string[];
  const job = (name: string, cron: string, extra: Partial<JobSpec> = {}): JobSpec => ({ name, description: name, cron, handler: async () => {}, ...extra });
  const jobs = [
    job('morning', '0 9 * * *'),
    job('next-minute', '1 9 * * *'),
    job('every-minute', '* * * * *'),
    job('catch-up', '0 9 * * *', { catchUpWithinMinutes: 60 }),
  ];

  beforeAll(async () => {
    const created = await createTestDatabaseUrl();
    drop = created.drop;
    // node-cron needs exactly Date and setTimeout faked, and pg shares that setTimeout: its connect and
    // query timeouts would fire when a test moves fake minutes on. They are set beyond any fake time a
    // test passes (minutes), so only node-cron's timers react to it; pg's idle timer may fire and closes
    // an idle connection, which the pool reopens (with the clock standing still, see below).
    db = await openDatabase(created.url, { connectTimeoutMs: 6 * 3_600_000, queryTimeoutMs: 6 * 3_600_000 });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });
  beforeEach(async () => {
    await db.prisma.jobRun.deleteMany();
    runs = [];
    // Only what node-cron reads (not setInterval, setImmediate, nextTick, queueMicrotask, performance).
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    ticks?.stop();
    vi.useRealTimers();
  });

  function start(now: Date, log = memoryLogger('warn')) {
    vi.setSystemTime(now);
    const scheduler = new Scheduler({
      prisma: db.prisma,
      jobs,
      run: async (j, firedAt) => {
        runs.push(`${j.name}@${firedAt.toISOString()}`);
      },
      isWorkingDay: () => true,
      log: log.log,
      instanceId: 'live',
    });
    ticks = startCronTicks(scheduler, { now: () => new Date() }, log.log);
    return log;
  }
  const ran = (name: string) => runs.filter((r) => r.startsWith(`${name}@`)).map((r) => r.slice(name.length + 1));

  // Time is moved only up to the instant a tick fires, then the tick's runs finish with the clock
  // standing still: moving it on while a query waits would fire the database pool's own (faked) timeouts.
  const msToNextMinute = () => 60_000 - (Date.now() % 60_000);

  /** The event loop is busy for `ms` just before a tick: time passes, no timer fires; then it fires late. */
  async function blockFor(ms: number) {
    const armedIn = msToNextMinute();
    vi.setSystemTime(new Date(Date.now() + ms)); // fake timers keep their delays: the tick fires `armedIn` from now
    await vi.advanceTimersByTimeAsync(armedIn);
    await ticks!.idle();
  }
  async function passMinutes(n: number) {
    for (let i = 0; i < n; i++) {
      await vi.advanceTimersByTimeAsync(msToNextMinute());
      await ticks!.idle();
    }
  }

  it('runs the 09:00 jobs once when the event loop is blocked for 2.5 s across 09:00', async () => {
    const { lines } = start(at('2026-11-23T08:59:58.000'));
    await vi.advanceTimersByTimeAsync(1500); // 08:59:59.5, the 09:00 tick armed
    await blockFor(2500); // busy until 09:00:02, the tick fires at 09:00:02.5: "missed" by node-cron
    expect(Date.now()).toBeGreaterThan(at('2026-11-23T09:00:01.000').getTime());
    expect(ran('morning')).toEqual([at('2026-11-23T09:00:00').toISOString()]);
    expect(ran('catch-up')).toEqual([at('2026-11-23T09:00:00').toISOString()]);
    expect(lines.join('\n')).toContain('cron tick ran late');
    // The next ticks, on time, run what is theirs and nothing twice.
    await passMinutes(3);
    expect(ran('morning')).toHaveLength(1);
    expect(ran('catch-up')).toHaveLength(1);
    expect(ran('next-minute')).toEqual([at('2026-11-23T09:01:00').toISOString()]);
    expect(ran('every-minute')).toEqual(['09:00', '09:01', '09:02', '09:03'].map((m) => at(`2026-11-23T${m}:00`).toISOString()));
  });

  it('runs each period once when the loop is blocked past the next minute too (several missed ticks at once)', async () => {
    start(at('2026-11-24T08:59:30.000'));
    await vi.advanceTimersByTimeAsync(29_000); // 08:59:59
    await blockFor(75_000); // busy until 09:01:14: the 09:00 and 09:01 ticks are both missed
    expect(ran('morning')).toEqual([at('2026-11-24T09:00:00').toISOString()]);
    expect(ran('next-minute')).toEqual([at('2026-11-24T09:01:00').toISOString()]);
    await passMinutes(2);
    expect(ran('morning')).toHaveLength(1);
    expect(ran('next-minute')).toHaveLength(1);
    // An every-minute job runs its latest period at the late tick, then each minute again.
    expect(ran('every-minute')).toEqual(['09:01', '09:02', '09:03'].map((m) => at(`2026-11-24T${m}:00`).toISOString()));
    expect(await db.prisma.jobRun.count({ where: { job: 'morning' } })).toBe(1);
  });

  it('runs on-time ticks as before, and does not run a period that began before the bot started', async () => {
    start(at('2026-11-25T09:00:20.000'));
    await passMinutes(2);
    expect(ran('morning')).toEqual([]);
    expect(ran('next-minute')).toEqual([at('2026-11-25T09:01:00').toISOString()]);
    expect(ran('every-minute')).toEqual(['09:01', '09:02'].map((m) => at(`2026-11-25T${m}:00`).toISOString()));
  });
});
