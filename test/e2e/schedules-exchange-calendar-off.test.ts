import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { calendarSyncIdle } from '../../src/features/schedules/exchange/index.js';
import { buttonValue } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * SCHEDULE_CALENDAR_SYNC unset (off, the default): an import saves its entries and the bot makes no
 * calendar call at all — no shared calendar, no event, no access granted.
 */
describe('日程 导入 with the calendar sync off', () => {
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser;

  beforeAll(async () => {
    h = await startHarness({ clock });
    wang = h.fake.addUser('王晓明');
    const db = h.app.db.prisma;
    const zhang = (await db.person.create({ data: { name: '张伟', title: '县长', roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({ data: { name: wang.name, openId: wang.openId, roles: { create: [{ role: 'secretary', scope: `person:${zhang}` }] } } });
  });
  afterAll(() => h?.stop());

  it('saves the pasted rows and calls no calendar API', async () => {
    const chat = h.fake.p2pChatId(wang.openId);
    const table = '日期 | 时间 | 领导 | 活动内容\n12月8日 | 9:00-10:00 | 张县长 | 听取工作汇报\n12月9日 | 下午 | 张县长 | 调研';
    await h.fake.userSays({ chatId: chat, from: wang, text: `日程 导入\n${table}`, p2p: true, messageId: 'om_off_1' });
    await h.settle();
    const c = h.fake.cardsIn(chat).at(-1)!;
    await h.fake.click({ messageId: c.messageId, by: wang, value: buttonValue(c.card, '确认导入') });
    await h.settle();
    await calendarSyncIdle();
    const saved = await h.app.db.prisma.scheduleEntry.findMany();
    expect(saved.map((e) => e.activity).sort()).toEqual(['听取工作汇报', '调研']);
    expect(saved.every((e) => e.calendarEventId === '')).toBe(true);
    expect(h.fake.callsTo(/\/calendar\/v4\//)).toHaveLength(0);
    expect(h.fake.calendar.calendars.size).toBe(0);
  });
});
