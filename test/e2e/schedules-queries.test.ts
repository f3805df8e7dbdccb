import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { markdownContents } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The 日程 queries through the real SDK and the fake Lark, read as rendered: `日程 今天`, `日程 下周` and
 * `日程 <领导> 下周` — each day in office style (9月20日（周日，调休上班）, a day off marked 休息日), leaders
 * in rank order whatever the directory's order, each leader's entries by time, 在单位办公 and 外出, and
 * what each entry shows decided by who reads the answer where (internal group, other group, a keeper's
 * or another person's direct message, someone outside the directory).
 */
describe('日程 今天 / 下周 / <领导> 下周: rendered days, rank order, visibility by audience', () => {
  // Wednesday 2026-09-09; next week ends on Sunday 2026-09-20, a 调休 working day (国庆).
  const clock = new FixedClock('2026-09-09T10:00:00+08:00');
  let h: Harness;
  let sun: FakeUser, clerk: FakeUser, outsider: FakeUser;
  let internalGroup: string, otherGroup: string;
  let n = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  /** The card's markdown blocks: one per day (the day's heading, then its leaders). */
  const ask = async (text: string, from: FakeUser, chatId: string) => {
    const p2p = chatId === dm(from);
    await h.fake.userSays({ chatId, from, text: p2p ? text : `@三办助手 ${text}`, p2p, messageId: `om_q_${++n}` });
    await h.settle();
    const c = h.fake.cardsIn(chatId).at(-1)!;
    const card = c.card as { header?: { title?: { content?: string } } };
    return { title: card.header?.title?.content ?? '', days: markdownContents(c.card) };
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    sun = h.fake.addUser('孙浩'); // 李副县长's secretary
    clerk = h.fake.addUser('陈一凡'); // of 秘书科 (one of the office's own), keeps nobody
    outsider = h.fake.addUser('外单位人员');
    const db = h.app.db.prisma;
    // Entered in the directory lowest rank first: the answers order by rank, not by this.
    const leader = async (name: string, title: string) => (await db.person.create({ data: { name, title, roles: { create: [{ role: 'leader' }] } } })).id;
    const li = await leader('李强', '副县长');
    const wangF = await leader('王芳', '常务副县长');
    const zhang = await leader('张伟', '县长');
    await db.person.create({ data: { name: sun.name, openId: sun.openId, roles: { create: [{ role: 'secretary', scope: `person:${li}` }] } } });
    const mishu = await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } });
    await db.person.create({ data: { name: clerk.name, openId: clerk.openId, unitId: mishu.id } });
    internalGroup = h.fake.addChat('县政府领导日程群', [sun, clerk]);
    await db.chatBinding.create({ data: { chatId: internalGroup, purpose: 'schedule' } });
    otherGroup = h.fake.addChat('项目协调群', [sun, outsider]);
    const entry = (
      leaderId: string,
      date: string,
      when: { dayPart?: string; start?: number; end?: number },
      activity: string,
      o: { place?: string; visibility?: string; status?: string } = {},
    ) =>
      db.scheduleEntry.create({
        data: {
          leaderId,
          date,
          dayPart: when.dayPart ?? 'exact',
          startMinute: when.start ?? null,
          endMinute: when.end ?? null,
          activity,
          place: o.place ?? '',
          visibility: o.visibility ?? 'internal',
          status: o.status ?? 'confirmed',
          createdBy: 'test',
        },
      });
    // Today, written out of time order.
    await entry(zhang, '2026-09-09', { start: 870, end: 960 }, '接待省考察组', { visibility: 'public', status: 'draft' });
    await entry(zhang, '2026-09-09', { start: 540, end: 690 }, '主持召开县政府常务会议', { place: '三楼会议室' });
    await entry(zhang, '2026-09-09', { start: 480, end: 510 }, '已取消的碰头会', { status: 'cancelled' });
    await entry(li, '2026-09-09', { start: 900 }, '约谈企业负责人', { place: '小会议室', visibility: 'private' });
    // Next week.
    await entry(zhang, '2026-09-14', { dayPart: 'all_day' }, '赴市参加全市经济工作会议', { visibility: 'public' });
    await entry(li, '2026-09-15', { dayPart: 'morning' }, '检查安全生产');
    await entry(wangF, '2026-09-16', { start: 600, end: 660 }, '听取财政预算执行情况汇报', { place: '二楼会议室', visibility: 'private' });
    await entry(zhang, '2026-09-20', { start: 510, end: 540 }, '召开县政府党组会', { place: '三楼会议室' });
    await db.scheduleAway.create({
      data: { leaderId: li, startDate: '2026-09-17', endDate: '2026-09-18', destination: '北京', reason: '参加全国县域经济培训', createdBy: 'test' },
    });
  });
  afterAll(() => h?.stop());

  it('日程 今天 in the internal group: rank order, entries by time, 内部 in full, 不公开 as 公务活动, cancelled left out', async () => {
    const r = await ask('日程 今天', sun, internalGroup);
    expect(r.title).toBe('领导日程 · 今天（9月9日，周三）');
    expect(r.days).toEqual([
      [
        '**9月9日（周三）**',
        '**张伟（县长）**',
        '- 上午9:00-11:30 主持召开县政府常务会议（地点：三楼会议室）',
        '- 下午2:30-4:00 接待省考察组（拟定）',
        '**王芳（常务副县长）**　在单位办公',
        '**李强（副县长）**',
        '- 下午3:00 公务活动',
      ].join('\n'),
    ]);
  });

  it('日程 今天 elsewhere: another group and someone outside the directory see no 内部 entry; 不公开 stays 公务活动', async () => {
    const expected = [
      [
        '**9月9日（周三）**',
        '**张伟（县长）**',
        '- 下午2:30-4:00 接待省考察组（拟定）',
        '**王芳（常务副县长）**　在单位办公',
        '**李强（副县长）**',
        '- 下午3:00 公务活动',
      ].join('\n'),
    ];
    expect((await ask('日程 今天', sun, otherGroup)).days).toEqual(expected);
    expect((await ask('日程 今天', outsider, dm(outsider))).days).toEqual(expected);
  });

  it('日程 今天 by the keeper in a direct message: his leader’s 不公开 entry in full', async () => {
    const r = await ask('日程 今天', sun, dm(sun));
    expect(r.days[0]).toContain('**李强（副县长）**\n- 下午3:00 约谈企业负责人（地点：小会议室）');
    expect(r.days[0]).toContain('- 上午9:00-11:30 主持召开县政府常务会议（地点：三楼会议室）');
  });

  it('日程 下周 in the internal group: seven days in office style, the 调休 Sunday a working day, Saturday a day off; 外出 with its dates', async () => {
    const r = await ask('日程 下周', clerk, internalGroup);
    expect(r.title).toBe('领导日程 · 下周（9月14日，周一，至9月20日，周日，调休上班）');
    expect(r.days).toEqual([
      '**9月14日（周一）**\n**张伟（县长）**\n- 全天 赴市参加全市经济工作会议\n**王芳（常务副县长）**　在单位办公\n**李强（副县长）**　在单位办公',
      '**9月15日（周二）**\n**张伟（县长）**　在单位办公\n**王芳（常务副县长）**　在单位办公\n**李强（副县长）**\n- 上午 检查安全生产',
      '**9月16日（周三）**\n**张伟（县长）**　在单位办公\n**王芳（常务副县长）**\n- 上午10:00-11:00 公务活动\n**李强（副县长）**　在单位办公',
      '**9月17日（周四）**\n**张伟（县长）**　在单位办公\n**王芳（常务副县长）**　在单位办公\n**李强（副县长）**　外出：北京，参加全国县域经济培训（9月17日，周四，至9月18日，周五）',
      '**9月18日（周五）**\n**张伟（县长）**　在单位办公\n**王芳（常务副县长）**　在单位办公\n**李强（副县长）**　外出：北京，参加全国县域经济培训（9月17日，周四，至9月18日，周五）',
      "**9月19日（周六）**　<font color='grey'>休息日</font>\n无安排。",
      '**9月20日（周日，调休上班）**\n**张伟（县长）**\n- 上午8:30-9:00 召开县政府党组会（地点：三楼会议室）\n**王芳（常务副县长）**　在单位办公\n**李强（副县长）**　在单位办公',
    ]);
  });

  it('日程 <领导> 下周: one leader’s week — in full for his keeper, without 内部 in another group, 公务活动 for another leader’s 不公开', async () => {
    const own = await ask('日程 李副县长 下周', sun, dm(sun));
    expect(own.title).toBe('领导日程 · 李强 · 下周（9月14日，周一，至9月20日，周日，调休上班）');
    expect(own.days).toHaveLength(7);
    expect(own.days[1]).toBe('**9月15日（周二）**\n**李强（副县长）**\n- 上午 检查安全生产');
    expect(own.days[3]).toBe('**9月17日（周四）**\n**李强（副县长）**　外出：北京，参加全国县域经济培训（9月17日，周四，至9月18日，周五）');
    expect(own.days.join('\n')).not.toMatch(/张伟|王芳/);

    const elsewhere = await ask('日程 李副县长 下周', sun, otherGroup);
    // His day of only a hidden 内部 entry is not 在单位办公 (that would be false): 另有公务安排, nothing more.
    expect(elsewhere.days[1]).toBe('**9月15日（周二）**\n**李强（副县长）**　另有公务安排');
    expect(elsewhere.days.join('\n')).not.toContain('检查安全生产');
    expect(elsewhere.days[3]).toBe(own.days[3]);

    // 孙浩 keeps 李副县长 only: 王副县长's 不公开 entry is 公务活动 for him, even in his own direct messages.
    const other = await ask('日程 王芳 下周', sun, dm(sun));
    expect(other.title).toBe('领导日程 · 王芳 · 下周（9月14日，周一，至9月20日，周日，调休上班）');
    expect(other.days[2]).toBe('**9月16日（周三）**\n**王芳（常务副县长）**\n- 上午10:00-11:00 公务活动');
    expect(other.days.join('\n')).not.toContain('财政预算');
  });
});
