import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { findEntry, updateEntryWithHistory, type Entry } from '../../src/features/schedules/index.js';
import { buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Who is told of a leader's entries and what 确认无误 confirms, through the real SDK and the fake Lark,
 * before and after 国庆 2026: the preview sent on Wednesday 9月30日 is for Thursday 10月8日 and says so;
 * a leader with no secretary is 秘书科's (the unscoped 秘书, else the 科长 of 秘书科) for the preview and the
 * reminders; 确认无误 confirms only what the card showed of the leaders the clicker keeps; after the
 * broadcast, an entry moved to another day is announced as moved there and a part-of-day change names
 * the new part.
 */
describe('日程: previews and reminders reach 秘书科 for a leader without a secretary; 确认无误 in scope; corrections worded', () => {
  // Wednesday 2026-09-30, the last working day before 国庆.
  const clock = new FixedClock('2026-09-30T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser, zhao: FakeUser, chief: FakeUser, zhangU: FakeUser, liU: FakeUser;
  let group: string;
  const ids: Record<string, string> = {};
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const tick = async () => {
    const outcomes = await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000));
    await h.settle();
    return outcomes;
  };
  const click = async (messageId: string, by: FakeUser, value: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by, value });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const status = async (id: string) => (await h.app.db.prisma.scheduleEntry.findUniqueOrThrow({ where: { id } })).status;
  const change = async (id: string, to: Partial<Entry>, by: FakeUser) => {
    const before = (await findEntry(h.app.db.prisma, id))!;
    await h.app.db.prisma.$transaction((tx) => updateEntryWithHistory(tx, before, to, { openId: by.openId, at: clock.now() }));
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    wang = h.fake.addUser('王晓明'); // 张县长's secretary
    zhao = h.fake.addUser('赵丽'); // 秘书科: an unscoped 秘书 grant
    chief = h.fake.addUser('蒋科长'); // 秘书科's 科长
    zhangU = h.fake.addUser('张伟');
    liU = h.fake.addUser('李强'); // has no secretary
    const db = h.app.db.prisma;
    const mishu = (await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } })).id;
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', openId: zhangU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', openId: liU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({
      data: { name: wang.name, openId: wang.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.zhang}` }] } },
    });
    ids.zhao = (await db.person.create({ data: { name: zhao.name, openId: zhao.openId, unitId: mishu, roles: { create: [{ role: 'secretary' }] } } })).id;
    await db.person.create({ data: { name: chief.name, openId: chief.openId, unitId: mishu, roles: { create: [{ role: 'section_chief' }] } } });
    group = h.fake.addChat('县领导日程群', [wang, zhao, chief, zhangU, liU]);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'schedule' } });
    const entry = async (leaderId: string, start: number, end: number, activity: string, visibility: string) =>
      (
        await db.scheduleEntry.create({
          data: {
            leaderId,
            date: '2026-10-08',
            dayPart: 'exact',
            startMinute: start,
            endMinute: end,
            activity,
            visibility,
            status: 'draft',
            createdBy: 'test',
          },
        })
      ).id;
    ids.z1 = await entry(ids.zhang, 9 * 60, 10 * 60, '主持召开节后工作部署会', 'public');
    ids.l1 = await entry(ids.li, 15 * 60, 16 * 60, '听取安全生产汇报', 'public');
  });
  afterAll(() => h?.stop());

  it('Wednesday 17:00: each leader’s preview names 10月8日 — 张县长’s to his secretary, 李副县长’s (no secretary) to 秘书科', async () => {
    clock.set('2026-09-30T17:00:00+08:00');
    expect((await tick())['schedules.preview']).toBe('ran');
    const own = h.fake.cardsIn(dm(wang));
    expect(own).toHaveLength(1);
    const text = cardText(own[0]!.card);
    expect(text).toContain('日程预览 10月8日（周四）');
    expect(text).toContain('以下为下一个工作日10月8日（周四）的领导日程');
    expect(text).toContain('未确定的将在10月8日早上的日程中标注「拟定」');
    expect(text).not.toMatch(/次日|明早/);
    expect(text).toContain('主持召开节后工作部署会');
    expect(text).not.toContain('听取安全生产汇报');
    const office = h.fake.cardsIn(dm(zhao));
    expect(office).toHaveLength(1);
    expect(cardText(office[0]!.card)).toContain('听取安全生产汇报');
    expect(cardText(office[0]!.card)).not.toContain('主持召开节后工作部署会');
    // 秘书科 has someone with an unscoped grant: the 科长 is not sent one.
    expect(h.fake.cardsIn(dm(chief))).toHaveLength(0);
  });

  it('确认无误 by 秘书科 confirms the drafts its card showed (李副县长’s), not every leader’s; a value naming a leader one does not keep confirms nothing', async () => {
    const office = h.fake.cardsIn(dm(zhao))[0]!;
    const r = await click(office.messageId, zhao, buttonValue(office.card, '确认无误'));
    expect(r.toast?.content).toBe('已确认，1 项拟定日程改为确定。');
    expect(await status(ids.l1!)).toBe('confirmed');
    expect(await status(ids.z1!)).toBe('draft');
    // 王晓明 keeps 张县长 only: his own card's value edited to name 李副县长's leader and entry.
    const own = h.fake.cardsIn(dm(wang))[0]!;
    const forged = { ...buttonValue(own.card, '确认无误'), l: ids.li!, e: ids.l1! };
    const refused = await click(own.messageId, wang, forged);
    expect(refused.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只有该领导本人、该领导的秘书或秘书科人员') });
    expect(await status(ids.z1!)).toBe('draft');
  });

  it('with no unscoped 秘书 left, the 科长 of 秘书科 gets 李副县长’s preview and may confirm it (he keeps every leader)', async () => {
    const db = h.app.db.prisma;
    await db.roleGrant.deleteMany({ where: { personId: ids.zhao!, role: 'secretary' } });
    ids.l2 = (
      await db.scheduleEntry.create({
        data: {
          leaderId: ids.li!,
          date: '2026-10-08',
          dayPart: 'exact',
          startMinute: 16 * 60 + 30,
          endMinute: 17 * 60,
          activity: '会见投资客商',
          status: 'draft',
          createdBy: 'test',
        },
      })
    ).id;
    clock.set('2026-09-30T17:05:00+08:00');
    expect(await h.app.scheduler.runManually('schedules.preview', clock.now())).toBe('ran');
    await h.settle();
    const cards = h.fake.cardsIn(dm(chief));
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!.card)).toContain('会见投资客商');
    const r = await click(cards[0]!.messageId, chief, buttonValue(cards[0]!.card, '确认无误'));
    expect(r.toast?.content).toBe('已确认，1 项拟定日程改为确定。');
    expect(await status(ids.l2!)).toBe('confirmed');
    expect(await status(ids.z1!)).toBe('draft');
  });

  it('10月8日 after the broadcast: moved to another day is 改至…, not 已取消; a part-of-day change names the part', async () => {
    clock.set('2026-10-08T07:30:00+08:00');
    expect((await tick())['schedules.broadcast']).toBe('ran');
    const card = () => h.fake.messagesIn(group).find((m) => m.msgType === 'interactive')!;
    expect(cardText(JSON.parse(card().content))).toContain('主持召开节后工作部署会');
    clock.set('2026-10-08T08:00:00+08:00');
    await change(ids.z1!, { date: '2026-10-09' }, wang);
    await change(ids.l1!, { dayPart: 'afternoon', startMinute: null, endMinute: null }, chief);
    const replies = h.fake
      .messagesIn(group)
      .filter((m) => m.rootId === card().messageId)
      .map((m) => (JSON.parse(m.content) as { text: string }).text);
    expect(replies).toEqual([
      '【日程变更】张伟 上午9:00-10:00 主持召开节后工作部署会，改至10月9日（周五）上午9:00-10:00',
      '【日程变更】李强 下午3:00-4:00 听取安全生产汇报，改为 下午',
    ]);
  });

  it('the reminder of 李副县长’s entry reaches him and 秘书科 (his entries’ keeper), not another leader’s secretary', async () => {
    clock.set('2026-10-08T16:00:00+08:00');
    expect((await tick())['schedules.remind']).toBe('ran');
    for (const u of [liU, chief]) {
      const texts = h.fake.textsIn(dm(u)).filter((t) => t.includes('【日程提醒】'));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('会见投资客商');
    }
    expect(h.fake.textsIn(dm(wang)).filter((t) => t.includes('【日程提醒】'))).toHaveLength(0);
  });
});
