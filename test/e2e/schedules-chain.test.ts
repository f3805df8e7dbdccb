import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

type Json = Record<string, unknown>;

/** What a submitted form carries when the person changes nothing: every field as the form shows it. */
function formDefaults(card: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if (typeof n.name === 'string') {
      if (n.tag === 'input') values[n.name] = typeof n.default_value === 'string' ? n.default_value : '';
      if (n.tag === 'select_static' && typeof n.initial_option === 'string') values[n.name] = n.initial_option;
      // Lark sends a picked date with its offset.
      if (n.tag === 'date_picker' && typeof n.initial_date === 'string') values[n.name] = `${n.initial_date} +0800`;
    }
    Object.values(n).forEach(walk);
  };
  walk(card);
  return values;
}

/**
 * The first "Done when" of issue 13 as one story, through the real SDK against the fake Lark, the clock
 * moved by hand: on Monday a secretary of two leaders adds three entries for Tuesday — by one line
 * (saved on 确认), by the form (a room double-booked: flagged, 仍然保存 is the second click) and by a
 * weekly .xlsx sent as a file (saved on 确认导入); at 17:00 the preview reaches the secretary; at 07:30
 * on Tuesday two bound 日程 groups get the day, visibility applied per group; after lunch the secretary
 * moves the afternoon entry by 日程 修改, which patches both morning cards (已更新) and posts the
 * 【日程变更】 correction in each card's thread; 30 minutes before the new time the leader and the
 * secretary are reminded.
 */
describe('领导日程 end to end: three ways in, preview, broadcast, change, reminder', () => {
  // Monday 2026-12-07, 10:00 Beijing; Tuesday is an ordinary working day.
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser, zhangU: FakeUser, liU: FakeUser, visitor: FakeUser;
  let internalGroup: string, mixedGroup: string;
  const ids: Record<string, string> = {};
  let n = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const tick = async () => {
    const outcomes = await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000));
    await h.settle();
    return outcomes;
  };
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: dm(wang), from: wang, text, p2p: true, messageId: `om_chain_${++n}` });
    await h.settle();
    return h.fake.cardsIn(dm(wang)).at(-1)!;
  };
  const click = async (messageId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by: wang, value, ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const shown = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;
  const entries = () => h.app.db.prisma.scheduleEntry.findMany({ orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] });
  const morningCard = (chatId: string) => {
    const cards = h.fake.messagesIn(chatId).filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    return cards[0]!;
  };
  const reminders = (u: FakeUser) => h.fake.textsIn(dm(u)).filter((t) => t.includes('【日程提醒】'));

  beforeAll(async () => {
    h = await startHarness({ clock });
    // Before anything is bound or run: the start-up catch-up (this morning's broadcast) must not land mid-test.
    await caughtUp(h);
    wang = h.fake.addUser('王晓明'); // secretary of both leaders
    zhangU = h.fake.addUser('张伟');
    liU = h.fake.addUser('李强');
    visitor = h.fake.addUser('外单位联络员'); // not in the directory
    const db = h.app.db.prisma;
    const mishu = (await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } })).id;
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', openId: zhangU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', openId: liU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({
      data: {
        name: wang.name,
        openId: wang.openId,
        unitId: mishu,
        roles: {
          create: [
            { role: 'secretary', scope: `person:${ids.zhang}` },
            { role: 'secretary', scope: `person:${ids.li}` },
          ],
        },
      },
    });
    // Every member in the directory: internal. A member from outside: not.
    internalGroup = h.fake.addChat('县政府领导日程群', [zhangU, liU, wang]);
    mixedGroup = h.fake.addChat('重点项目工作联络群', [wang, visitor]);
    for (const chatId of [internalGroup, mixedGroup]) await db.chatBinding.create({ data: { chatId, purpose: 'schedule' } });
  });
  afterAll(() => h?.stop());

  it('Monday 10:00 — one line: the card shows what was understood; saved only on 确认', async () => {
    const c = await say('日程 新增 明天上午9:00-11:30 张县长 三楼会议室 主持召开县政府常务会议');
    const text = cardText(c.card);
    for (const part of ['请确认新增日程', '张伟（县长）', '12月8日（周二）', '上午9:00-11:30', '三楼会议室', '主持召开县政府常务会议', '内部', '尚未保存'])
      expect(text).toContain(part);
    expect(buttonLabels(c.card)).toEqual(['确认', '修改', '放弃']);
    expect(await entries()).toHaveLength(0);
    expect((await click(c.messageId, buttonValue(c.card, '确认'))).toast?.content).toBe('日程已保存。');
    expect(await entries()).toMatchObject([
      { leaderId: ids.zhang, date: '2026-12-08', startMinute: 540, endMinute: 690, visibility: 'internal', source: 'manual', contact: '王晓明' },
    ]);
  });

  it('the form: 李副县长 in the same room at the same time — flagged on the confirmation card; 仍然保存 is a second, deliberate click', async () => {
    const form = await say('日程 新增');
    expect(cardText(form.card)).toContain('新增日程');
    // He keeps both leaders: the form offers both.
    expect(cardText(form.card)).toContain('张伟（县长）');
    expect(cardText(form.card)).toContain('李强（副县长）');
    await click(form.messageId, buttonValue(form.card, '提交'), {
      ...formDefaults(form.card),
      leader: ids.li!,
      date: '2026-12-08 +0800',
      time: '10:00-11:00',
      activity: '约谈重点企业负责人',
      place: '三楼会议室',
      visibility: 'private',
    });
    const confirm = shown(form.messageId);
    const text = cardText(confirm);
    expect(text).toContain('请确认新增日程');
    expect(text).toContain('时间冲突');
    // He keeps 张县长 too: the clash is shown in full.
    expect(text).toContain('地点「三楼会议室」同一时间已有安排：张伟（县长） 上午9:00-11:30 主持召开县政府常务会议');
    expect(buttonLabels(confirm)).toEqual(['仍然保存', '修改', '放弃']);
    expect(await entries()).toHaveLength(1);
    // The card's button value without its deliberate flag (an older card, a forged click) saves nothing.
    const plain = { ...buttonValue(confirm, '仍然保存') };
    delete plain.force;
    expect((await click(form.messageId, plain)).toast?.type).toBe('warning');
    expect(await entries()).toHaveLength(1);
    const r = await click(form.messageId, buttonValue(shown(form.messageId), '仍然保存'));
    expect(r.toast?.content).toBe('日程已保存。');
    expect((await entries()).find((e) => e.leaderId === ids.li)).toMatchObject({
      date: '2026-12-08',
      startMinute: 600,
      endMinute: 660,
      place: '三楼会议室',
      visibility: 'private',
      source: 'manual',
    });
  });

  it('the weekly .xlsx sent as a file: one confirmation card, saved on 确认导入', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('领导一周工作安排');
    sheet.addRow(['领导一周工作安排（12月7日—12月13日）']);
    sheet.addRow(['序号', '日期', '时间', '领导', '活动内容', '地点', '公开范围']);
    sheet.addRow(['1', '2026-12-08', '15:00-17:00', '张县长', '听取全县信访工作汇报', '二楼会议室', '公开']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await h.fake.userSendsFile({ chatId: dm(wang), from: wang, name: '领导一周工作安排.xlsx', bytes, messageId: `om_chain_${++n}` });
    await h.settle();
    const c = h.fake.cardsIn(dm(wang)).at(-1)!;
    const text = cardText(c.card);
    expect(text).toContain('日程导入确认');
    expect(text).toContain('共 **1** 条日程');
    expect(text).toContain('12月8日（周二） 15:00-17:00');
    expect(text).toContain('听取全县信访工作汇报');
    expect(buttonLabels(c.card)).toEqual(['确认导入', '取消']);
    expect(await entries()).toHaveLength(2);
    expect((await click(c.messageId, buttonValue(c.card, '确认导入'))).toast?.content).toBe('已导入 1 条日程。');
    const all = await entries();
    expect(all.map((e) => [e.leaderId, e.startMinute, e.visibility, e.source])).toEqual([
      [ids.zhang, 540, 'internal', 'manual'],
      [ids.li, 600, 'private', 'manual'],
      [ids.zhang, 900, 'public', 'import'],
    ]);
  });

  it('Monday 17:00 — the evening preview reaches the secretary: both leaders, every field, in rank order', async () => {
    clock.set('2026-12-07T16:59:00+08:00');
    expect((await tick())['schedules.preview']).toBe('not_due');
    clock.set('2026-12-07T17:00:00+08:00');
    expect((await tick())['schedules.preview']).toBe('ran');
    const cards = h.fake.cardsIn(dm(wang)).filter((c) => cardText(c.card).includes('日程预览 12月8日（周二）'));
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!.card);
    expect(text).toContain('主持召开县政府常务会议');
    expect(text).toContain('听取全县信访工作汇报');
    // The keeper reads his leaders' 不公开 entry in full.
    expect(text).toContain('约谈重点企业负责人');
    expect(text.indexOf('张伟')).toBeLessThan(text.indexOf('李强'));
    expect(buttonLabels(cards[0]!.card)).toContain('确认无误');
    // Nobody else was sent one.
    for (const u of [zhangU, liU, visitor]) expect(h.fake.cardsIn(dm(u))).toHaveLength(0);
  });

  it('Tuesday 07:30 — the broadcast reaches both bound groups once each, visibility applied per group', async () => {
    clock.set('2026-12-08T07:30:00+08:00');
    expect((await tick())['schedules.broadcast']).toBe('ran');
    const inside = cardText(JSON.parse(morningCard(internalGroup).content));
    const mixed = cardText(JSON.parse(morningCard(mixedGroup).content));
    for (const text of [inside, mixed]) {
      expect(text).toContain('今日领导日程 12月8日（周二）');
      expect(text.indexOf('张伟')).toBeLessThan(text.indexOf('李强'));
      expect(text).toContain('下午3:00-5:00 听取全县信访工作汇报（地点：二楼会议室）');
      // 不公开: the leader is busy, nothing more is said — not even the room.
      expect(text).toContain('上午10:00-11:00 公务活动');
      expect(text).not.toContain('约谈重点企业负责人');
      expect(text).not.toContain('已更新');
    }
    // 内部: in full in the internal group, not at all where an outsider reads.
    expect(inside).toContain('上午9:00-11:30 主持召开县政府常务会议（地点：三楼会议室）');
    expect(mixed).not.toContain('主持召开县政府常务会议');
    expect(mixed).not.toContain('三楼会议室');
  });

  it('Tuesday 13:10 — 日程 修改 moves the afternoon entry: both morning cards patched (已更新) and the correction posted in each thread', async () => {
    clock.set('2026-12-08T13:10:00+08:00');
    const form = await say('日程 修改 张县长 今天下午');
    expect(cardText(form.card)).toContain('修改日程');
    const values = formDefaults(form.card);
    expect(values).toMatchObject({ leader: ids.zhang, time: '15:00-17:00', activity: '听取全县信访工作汇报', visibility: 'public' });
    await click(form.messageId, buttonValue(form.card, '提交'), { ...values, time: '16:00-17:30' });
    const confirm = shown(form.messageId);
    expect(cardText(confirm)).toContain('请确认修改日程');
    expect(cardText(confirm)).toContain('时间：下午3:00-5:00 → 下午4:00-5:30');
    expect(buttonLabels(confirm)).toEqual(['确认', '修改', '放弃']);
    expect((await click(form.messageId, buttonValue(confirm, '确认'))).toast?.content).toBe('日程已修改。');
    const moved = (await entries()).find((e) => e.source === 'import')!;
    expect(moved).toMatchObject({ startMinute: 960, endMinute: 1050, version: 1 });

    for (const chatId of [internalGroup, mixedGroup]) {
      const card = morningCard(chatId);
      expect(card.patches).toBe(1);
      const text = cardText(JSON.parse(card.content));
      expect(text).toContain('已更新 13:10');
      expect(text).toContain('下午4:00-5:30 听取全县信访工作汇报');
      expect(text).not.toContain('下午3:00-5:00');
      // Nothing else in the group: the correction is a reply in the card's thread.
      const others = h.fake.messagesIn(chatId).filter((m) => m.messageId !== card.messageId);
      expect(others).toHaveLength(1);
      expect(others[0]!.rootId).toBe(card.messageId);
      const correction = JSON.parse(others[0]!.content).text as string;
      expect(correction).toMatch(/^【日程变更】张伟 下午3:00-5:00 听取全县信访工作汇报，改为 (下午)?4:00-5:30/);
    }
  });

  it('Tuesday 15:30 — the reminder reaches the leader and the secretary 30 minutes before the new time, once; none at the old time', async () => {
    clock.set('2026-12-08T14:30:00+08:00');
    expect((await tick())['schedules.remind']).toBe('not_due');
    clock.set('2026-12-08T15:29:00+08:00');
    expect((await tick())['schedules.remind']).toBe('not_due');
    expect(reminders(zhangU)).toHaveLength(0);
    clock.set('2026-12-08T15:30:00+08:00');
    expect((await tick())['schedules.remind']).toBe('ran');
    clock.set('2026-12-08T15:31:00+08:00');
    expect((await tick())['schedules.remind']).toBe('not_due');
    for (const u of [zhangU, wang]) {
      const texts = reminders(u);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('30分钟后');
      expect(texts[0]).toContain('听取全县信访工作汇报');
      expect(texts[0]).toContain('二楼会议室');
    }
    // 李副县长 has nothing at that time; the outsider is told nothing.
    expect(reminders(liU)).toHaveLength(0);
    expect(h.fake.textsIn(dm(visitor))).toHaveLength(0);
  });
});
