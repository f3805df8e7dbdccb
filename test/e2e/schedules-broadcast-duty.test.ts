import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

/** 值班 新增 / 导入 by 秘书科, refused to others, and the 今日值班 card on the holiday morning. */
describe('值班表 and 今日值班', () => {
  const clock = new FixedClock('2026-09-28T12:30:00+08:00'); // after noon: no 补发 of that morning at start
  let h: Harness;
  let clerk: FakeUser, stranger: FakeUser;
  let group: string;
  const say = async (from: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: h.fake.p2pChatId(from.openId), from, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(h.fake.p2pChatId(from.openId)).at(-1) ?? '';
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    clerk = h.fake.addUser('蒋科长');
    stranger = h.fake.addUser('路人甲');
    const p = h.app.db.prisma;
    const unit = await p.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } });
    await p.person.create({ data: { name: clerk.name, openId: clerk.openId, title: '科长', unitId: unit.id } });
    group = h.fake.addChat('县领导日程群', [clerk]);
    await p.chatBinding.create({ data: { chatId: group, purpose: 'schedule' } });
    await h.app.scheduler.idle();
  });
  afterAll(() => h?.stop());

  it('秘书科 adds a day; a stranger is refused and nothing is saved', async () => {
    expect(await say(clerk, '值班 新增 10月5日 张县长 李明、王芳 0371-1234567')).toContain('已登记值班：10月5日（周一） 带班领导：张县长');
    expect(await say(stranger, '值班 新增 10月6日 张县长 李明')).toContain('只有秘书科、领导秘书或管理员可以维护值班表');
    expect(await h.app.db.prisma.dutyRoster.count()).toBe(1);
  });

  it('a pasted table with a bad row is refused naming the row, and nothing is half-saved', async () => {
    const reply = await say(clerk, '值班 导入\n日期\t带班领导\t值班人员\t电话\n10月6日\t吴副县长\t王芳\t123456\n10月36日\t郑副县长\t赵强\t123456');
    expect(reply).toContain('第 3 行');
    expect(await h.app.db.prisma.dutyRoster.count()).toBe(1);
    expect(await say(clerk, '值班 导入\n10月6日\t吴副县长\t王芳\t123456\n10月7日\t郑副县长\t赵强\t123456')).toContain('已导入值班安排 2 条');
    expect(await h.app.db.prisma.dutyRoster.count()).toBe(3);
  });

  it('the holiday morning brings 今日值班 to the group, not the schedules', async () => {
    clock.set('2026-10-05T07:30:00+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))['schedules.broadcast']).toBe('ran');
    await h.settle();
    const cards = h.fake.cardsIn(group).map((c) => cardText(c.card));
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('今日值班 10月5日（周一）');
    expect(cards[0]).toContain('国庆节假期');
    expect(cards[0]).toContain('李明、王芳');
    expect(cards[0]).toContain('0371-1234567');
  });
});
