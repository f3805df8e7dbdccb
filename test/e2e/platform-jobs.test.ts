import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('platform jobs through the whole bot', () => {
  let h: Harness;
  let adminChat: string;
  // The bot starts before the 09:00 run (at start it catches up only what it missed).
  const clock = new FixedClock('2026-12-01T08:00:00+08:00');

  beforeAll(async () => {
    h = await startHarness({ clock });
    const admin = h.fake.addUser('系统管理员');
    adminChat = h.fake.addChat('三办助手管理群', [admin]);
    await h.app.db.prisma.chatBinding.create({ data: { chatId: adminChat, purpose: 'admin' } });
  });
  afterAll(() => h?.stop());

  it('from December warns the admins once a day that next year has no holiday schedule', async () => {
    clock.set('2026-12-01T09:00:30+08:00');
    const outcomes = await h.app.scheduler.runDue(clock.now());
    expect(outcomes['calendar.check']).toBe('ran');
    await h.settle();
    const warnings = h.fake.textsIn(adminChat);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('尚未录入2027年的法定节假日和调休安排');
    // The admin is told what to do in words and where the README explains it, not given a shell command.
    expect(warnings[0]).toContain('使用说明“节假日与工作日”一节');
    expect(warnings[0]).not.toMatch(/npm|calendar:import|--|[a-z]{3,}/);
    // Another tick in the same minute (a second instance, a restart) does not repeat it.
    expect((await h.app.scheduler.runDue(clock.now()))['calendar.check']).toBe('not_due');
    await h.settle();
    expect(h.fake.textsIn(adminChat)).toHaveLength(1);
  });

  it('once an admin has entered the schedule, the warning stops', async () => {
    await h.app.db.prisma.calendarDay.create({ data: { date: '2027-01-01', kind: 'holiday', name: '元旦' } });
    clock.set('2026-12-02T09:00:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))['calendar.check']).toBe('ran');
    await h.settle();
    expect(h.fake.textsIn(adminChat)).toHaveLength(1);
    expect(h.app.calendar.current().isWorkingDay('2027-01-01')).toBe(false);
  });

  it('does not run working-days-only jobs on a holiday', async () => {
    clock.set('2027-01-01T09:00:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))['calendar.check']).toBe('skipped');
  });
});
