import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { loadConfig } from '../../src/config.js';

/**
 * The morning broadcast with the clock moved over 2026's State Council calendar (国办发明电〔2025〕7号):
 * make-up working days get it, a holiday gets 今日值班 instead, an ordinary Sunday gets nothing; a bot
 * that was down at 07:30 sends it on start before noon, marked 补发, and not after.
 */
describe('领导日程 broadcast by the working-day calendar', () => {
  const clock = new FixedClock('2026-02-13T20:00:00+08:00');
  let h: Harness;
  let group: string;
  const cards = () => h.fake.cardsIn(group).map((c) => cardText(c.card));
  const at = async (iso: string) => {
    clock.set(iso);
    return (await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))['schedules.broadcast'];
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    const leader = h.fake.addUser('张建国');
    group = h.fake.addChat('县领导日程群', [leader]);
    const p = h.app.db.prisma;
    const person = await p.person.create({ data: { name: '张建国', openId: leader.openId, title: '县长' } });
    await p.roleGrant.create({ data: { personId: person.id, role: 'leader' } });
    await p.chatBinding.create({ data: { chatId: group, purpose: 'schedule' } });
    await p.scheduleEntry.create({
      data: { leaderId: person.id, date: '2026-02-14', dayPart: 'morning', activity: '检查春节市场保供', visibility: 'public', createdBy: 'test' },
    });
    await p.dutyRoster.create({ data: { date: '2026-10-05', leaderName: '张建国', staff: '李明、王芳', phone: '0371-1234567', createdBy: 'test' } });
    await h.app.scheduler.idle();
  });
  afterAll(() => h?.stop());

  it('broadcasts on the make-up Saturday 2026-02-14', async () => {
    expect(await at('2026-02-14T07:30:00+08:00')).toBe('ran');
    await h.settle();
    expect(cards()).toHaveLength(1);
    expect(cards()[0]).toContain('今日领导日程 2月14日（周六）');
    expect(cards()[0]).toContain('调休上班');
    expect(cards()[0]).toContain('上午 检查春节市场保供');
  });

  it('broadcasts on the make-up Sunday 2026-09-20, 在单位办公 for a leader with no entries', async () => {
    await at('2026-09-20T07:30:00+08:00');
    await h.settle();
    expect(cards()).toHaveLength(2);
    expect(cards()[1]).toContain('9月20日（周日）');
    expect(cards()[1]).toContain('在单位办公');
  });

  it('sends 今日值班 instead on the holiday Monday 2026-10-05', async () => {
    await at('2026-10-05T07:30:00+08:00');
    await h.settle();
    expect(cards()).toHaveLength(3);
    expect(cards()[2]).toContain('今日值班');
    expect(cards()[2]).toContain('李明、王芳');
    expect(cards()[2]).not.toContain('今日领导日程');
  });

  it('sends nothing on an ordinary Sunday (2026-10-11)', async () => {
    await at('2026-10-11T07:30:00+08:00');
    await h.settle();
    expect(cards()).toHaveLength(3);
  });

  it('started at 09:10 after being down at 07:30: sent once, marked 补发', async () => {
    clock.set('2026-10-12T09:10:00+08:00'); // Monday, a working day
    expect((await h.app.scheduler.runDue(clock.now(), { catchUpOnly: true }))['schedules.broadcast']).toBe('ran');
    expect((await h.app.scheduler.runDue(clock.now(), { catchUpOnly: true }))['schedules.broadcast']).toBe('not_due');
    await h.settle();
    expect(cards()).toHaveLength(4);
    expect(cards()[3]).toContain('补发');
    expect(await h.app.db.prisma.scheduleBroadcast.count({ where: { date: '2026-10-12', catchUp: true } })).toBe(1);
  });

  it('started at 12:30 after being down at 07:30: not sent', async () => {
    clock.set('2026-10-13T12:30:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now(), { catchUpOnly: true }))['schedules.broadcast']).toBe('not_due');
    await h.settle();
    expect(cards()).toHaveLength(4);
  });

  it('refuses SCHEDULE_BROADCAST_AT at or after the start of office hours, naming the variable', () => {
    expect(() => loadConfig({ SCHEDULE_BROADCAST_AT: '08:30' })).toThrow(/SCHEDULE_BROADCAST_AT/);
    expect(() => loadConfig({ SCHEDULE_BROADCAST_AT: '09:00', WORKING_HOURS: '09:00-12:00,14:00-18:00' })).toThrow(/SCHEDULE_BROADCAST_AT/);
    expect(loadConfig({ SCHEDULE_BROADCAST_AT: '08:29' }).schedules.broadcastMinute).toBe(8 * 60 + 29);
  });
});
