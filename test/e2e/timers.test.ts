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

    clock.set('2026-12-07T11:29:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))[TIMERS_JOB]).toBe('ran');
    expect(fired).toEqual([]);

    clock.set('2026-12-07T11:30:00+08:00');
    // Two ticks of the same minute (a second instance, a restart): the job runs once.
    const [first, second] = [await h.app.scheduler.runDue(clock.now()), await h.app.scheduler.runDue(clock.now())];
    expect(first[TIMERS_JOB]).toBe('ran');
    expect(second[TIMERS_JOB]).toBe('not_due');
    expect(fired).toEqual([{ key: 'e2e:1', now: new Date('2026-12-07T11:30:00+08:00').toISOString() }]);

    // A later minute does not fire it again.
    clock.set('2026-12-07T11:31:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))[TIMERS_JOB]).toBe('ran');
    expect(fired).toHaveLength(1);
    expect((await h.app.timers.get('e2e:1'))!.firedAt).toEqual(new Date('2026-12-07T11:30:00+08:00'));
  });

  it('an emergency clock timer fires through lunch, as time travel runs every minute', async () => {
    const office = new OfficeTime(h.app.calendar.current(), h.app.calendar.workingHours);
    clock.set('2026-12-07T11:40:00+08:00');
    const dueAt = office.addHours('clock', clock.now(), 1);
    await h.app.timers.set({ key: 'e2e:2', kind: 'test.escalate', dueAt }, clock.now());
    const ran = await h.app.scheduler.runBetween(clock.now(), new Date('2026-12-07T13:00:00+08:00'), (t) => clock.set(t));
    expect(ran.filter((r) => r.job === TIMERS_JOB && r.outcome === 'ran')).toHaveLength(80);
    expect(fired.map((f) => f.key)).toEqual(['e2e:1', 'e2e:2']);
    expect(fired[1]!.now).toBe(new Date('2026-12-07T12:40:00+08:00').toISOString());
  });

  it('keeps a day of its own run records, not every minute forever', async () => {
    clock.set('2026-12-09T09:00:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))[TIMERS_JOB]).toBe('ran');
    const periods = (await h.app.db.prisma.jobRun.findMany({ where: { job: TIMERS_JOB } })).map((r) => r.period);
    expect(periods).toEqual(['2026-12-09T09:00']);
  });
});
