import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The whole bot, started during the lunch break on a Monday whose 09:30 通报 was missed: the real job
 * declarations and the app's office hours decide, not a test double of them.
 */
describe('catch-up of the weekly 通报 waits for office hours', () => {
  const clock = new FixedClock('2026-11-30T12:29:00+08:00'); // Monday, lunch break
  let h: Harness;
  let group: string;
  const reports = () => h.fake.cardsIn(group).filter((c) => cardText(c.card).includes('督查通报'));

  beforeAll(async () => {
    h = await startHarness({ clock });
    const supervisor = h.fake.addUser('王督查');
    group = h.fake.addChat('督查工作群', [supervisor]);
    await h.app.db.prisma.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
    // The start-up catch-up has finished once housekeeping (caught up from 03:30, at any hour) is done.
    for (let i = 0; i < 100 && (await h.app.scheduler.lastRuns()).get('housekeeping')?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    await h.app.scheduler.idle();
  });
  afterAll(() => h?.stop());

  it('sends nothing at 12:29, then the 09:30 通报 at 14:30, once', async () => {
    expect((await h.app.scheduler.lastRuns()).get('housekeeping')?.status).toBe('done');
    // A second start in the lunch break (a restart) still sends nothing and claims nothing.
    expect((await h.app.scheduler.runDue(clock.now(), { catchUpOnly: true }))['supervision.report']).toBe('not_due');
    await h.settle();
    expect(reports()).toHaveLength(0);
    expect(await h.app.db.prisma.jobRun.count({ where: { job: 'supervision.report' } })).toBe(0);

    clock.set('2026-11-30T14:29:00+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))['supervision.report']).toBe('not_due');
    clock.set('2026-11-30T14:30:00+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))['supervision.report']).toBe('ran');
    clock.set('2026-11-30T14:31:00+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))['supervision.report']).toBe('not_due');
    await h.settle();
    expect(reports()).toHaveLength(1);
    expect(cardText(reports()[0]!.card)).toContain('2026-11-30');
  });
});
