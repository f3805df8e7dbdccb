import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficeTime } from '../../src/platform/calendar/working-time.js';
import { TIMERS_JOB } from '../../src/platform/scheduler/timers-job.js';
import { FixedClock } from '../fakes/clock.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('durable timers fired by the per-minute platform job', () => {
  let h: Harness;
  const clock = new FixedClock('2026-12-04T16:00:00+08:00');
  const fired: { key: string; now: string }[] = [];

  beforeAll(async () => {
    h = await startHarness({ clock });
    h.app.timers.on('test.escalate', async (timer, { now }) => void fired.push({ key: timer.key, now: now.toISOString() }));
  });
  afterAll(() => h?.stop());

  it('is registered like the other jobs, every minute, with a Chinese description', () => {
    const job = h.app.router.jobs().find((j) => j.name === TIMERS_JOB);
    expect(job).toMatchObject({ cron: '* * * * *' });
    expect(job!.description).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('fires a timer set "4 working hours from Friday 16:30" on Monday at 11:30, once', async () => {
    const office = new OfficeTime(h.app.calendar.current(), h.app.calendar.workingHours);
    clock.set('2026-12-04T16:30:00+08:00');
    const dueAt = office.addHours('working', clock.now(), 4);
    expect(dueAt).toEqual(new Date('2026-12-07T11:30:00+08:00'));
    expect(await h.app.timers.set({ key: 'e2e:1', kind: 'test.escalate', dueAt }, clock.now())).toBe(true);

    // A minute with nothing due is passed over: not run, no run row.
    clock.set('2026-12-07T11:29:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))[TIMERS_JOB]).toBe('not_due');
    expect(await h.app.db.prisma.jobRun.count({ where: { job: TIMERS_JOB } })).toBe(0);
    expect(fired).toEqual([]);

    clock.set('2026-12-07T11:30:00+08:00');
    // Two ticks of the same minute (a second instance, a restart): the job runs once.
    const [first, second] = [await h.app.scheduler.runDue(clock.now()), await h.app.scheduler.runDue(clock.now())];
    expect(first[TIMERS_JOB]).toBe('ran');
    expect(second[TIMERS_JOB]).toBe('not_due');
    expect(fired).toEqual([{ key: 'e2e:1', now: new Date('2026-12-07T11:30:00+08:00').toISOString() }]);

    // A later minute does not fire it again.
    clock.set('2026-12-07T11:31:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))[TIMERS_JOB]).toBe('not_due');
    expect(fired).toHaveLength(1);
    expect((await h.app.timers.get('e2e:1'))!.firedAt).toEqual(new Date('2026-12-07T11:30:00+08:00'));
  });

  it('an emergency clock timer fires through lunch, as time travel runs every minute', async () => {
    const office = new OfficeTime(h.app.calendar.current(), h.app.calendar.workingHours);
    clock.set('2026-12-07T11:40:00+08:00');
    const dueAt = office.addHours('clock', clock.now(), 1);
    await h.app.timers.set({ key: 'e2e:2', kind: 'test.escalate', dueAt }, clock.now());
    const ran = await h.app.scheduler.runBetween(clock.now(), new Date('2026-12-07T13:00:00+08:00'), (t) => clock.set(t));
    // Only the minute where a timer was due ran: a time-travel report lists no idle minutes.
    expect(ran.filter((r) => r.job === TIMERS_JOB)).toEqual([{ job: TIMERS_JOB, at: new Date('2026-12-07T12:40:00+08:00'), outcome: 'ran' }]);
    expect(fired.map((f) => f.key)).toEqual(['e2e:1', 'e2e:2']);
    expect(fired[1]!.now).toBe(new Date('2026-12-07T12:40:00+08:00').toISOString());
  });

  it('live ticks pass idle minutes over and fire a due timer at the next tick, late ticks included', async () => {
    clock.set('2026-12-07T12:50:00+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))[TIMERS_JOB]).toBe('not_due');
    await h.app.timers.set({ key: 'e2e:tick', kind: 'test.escalate', dueAt: new Date('2026-12-07T12:50:20+08:00') }, clock.now());
    // The next tick arrives 3 minutes late (a blocked loop): it still fires the timer, once.
    clock.set('2026-12-07T12:54:05+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date('2026-12-07T12:50:00+08:00')))[TIMERS_JOB]).toBe('ran');
    expect(fired.at(-1)).toEqual({ key: 'e2e:tick', now: new Date('2026-12-07T12:54:00+08:00').toISOString() });
    expect((await h.app.scheduler.tick(clock.now(), clock.now()))[TIMERS_JOB]).toBe('not_due');
  });

  it('a week of time travel passes idle minutes over and lists only the minutes that fired something', async () => {
    clock.set('2026-12-07T13:00:00+08:00');
    await h.app.timers.set({ key: 'e2e:3', kind: 'test.escalate', dueAt: new Date('2026-12-10T10:00:00+08:00') }, clock.now());
    const started = performance.now();
    const ran = await h.app.scheduler.runBetween(clock.now(), new Date('2026-12-14T13:00:00+08:00'), (t) => clock.set(t));
    // A guard against a travel that hangs or steps minute by minute, not a speed figure (bench/ measures speed).
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(ran.filter((r) => r.job === TIMERS_JOB).map((r) => r.at)).toEqual([new Date('2026-12-10T10:00:00+08:00')]);
    expect(fired.map((f) => f.key)).toEqual(['e2e:1', 'e2e:2', 'e2e:tick', 'e2e:3']);
  });

  it("the admins' job list still shows the daily jobs' last runs after a day of per-minute runs", async () => {
    clock.set('2026-12-15T09:00:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))['calendar.check']).toBe('ran');
    for (let m = 1; m <= 600; m++) await h.app.scheduler.fire(h.app.scheduler.job(TIMERS_JOB)!, new Date(clock.now().getTime() + m * 60_000));
    const last = await h.app.scheduler.lastRuns();
    expect(last.get('calendar.check')).toMatchObject({ period: '2026-12-15T09:00', status: 'done' });
    expect(last.get(TIMERS_JOB)).toMatchObject({ period: '2026-12-15T19:00', status: 'done' });
  });

  it('keeps a day of its own run records, not every minute forever', async () => {
    clock.set('2026-12-16T15:00:00+08:00');
    await h.app.timers.set({ key: 'e2e:4', kind: 'test.escalate', dueAt: clock.now() }, clock.now());
    expect((await h.app.scheduler.runDue(clock.now()))[TIMERS_JOB]).toBe('ran');
    const periods = (await h.app.db.prisma.jobRun.findMany({ where: { job: TIMERS_JOB }, orderBy: { period: 'asc' } })).map((r) => r.period);
    // Of the runs on 12-07, 12-10 and 12-15 09:01–19:00 (fired by hand: the scheduler passes idle
    // minutes over), those of the last 24 hours remain: 12-15 15:00–19:00.
    expect(periods[0]).toBe('2026-12-15T15:00');
    expect(periods).toHaveLength(241 + 1);
    expect(periods.at(-1)).toBe('2026-12-16T15:00');
  });
});
