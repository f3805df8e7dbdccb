import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * 领导日程 entries through the real SDK and the fake Lark: a secretary's one line answered with what was
 * understood and saved only on 确认; the form; 修改 with a clash shown and 仍然保存 as a second click;
 * 取消; bad input named field by field with nothing saved; strangers and forged values refused; queries
 * with visibility applied per chat.
 */
describe('日程: entries by one line and form, conflicts, 修改/取消, who may keep them', () => {
  // Monday 2026-12-07, 10:00 Beijing.
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser, zhao: FakeUser, sun: FakeUser, stranger: FakeUser, zhangU: FakeUser, chief: FakeUser;
  let group: string, outside: string;
  const ids: Record<string, string> = {};
  let n = 0;
  const say = async (text: string, from = wang, chatId = group) => {
    await h.fake.userSays({ chatId, from, text: `@三办助手 ${text}`, messageId: `om_sch_${++n}` });
    await h.settle();
  };
  const lastCard = (chatId = group) => h.fake.cardsIn(chatId).at(-1)!;
  const lastText = (chatId = group) => h.fake.textsIn(chatId).at(-1) ?? '';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const shown = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;
  const entries = () => h.app.db.prisma.scheduleEntry.findMany({ orderBy: { createdAt: 'asc' } });
  const click = async (messageId: string, by: FakeUser, value: Record<string, unknown>, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by, value, ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    // Before anything is bound or run: the start-up catch-up must not land mid-test.
    await caughtUp(h);
    wang = h.fake.addUser('王晓明'); // 张县长's secretary
    zhao = h.fake.addUser('赵丽'); // 秘书科: keeps every leader's entries
    sun = h.fake.addUser('孙浩'); // 李副县长's secretary
    stranger = h.fake.addUser('陈一凡'); // in the directory, no role
    zhangU = h.fake.addUser('张伟');
    chief = h.fake.addUser('蒋科长'); // 秘书科's 科长: keeps every leader's entries
    const db = h.app.db.prisma;
    const mishu = (await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } })).id;
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', openId: zhangU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({
      data: { name: wang.name, openId: wang.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.zhang}` }] } },
    });
    await db.person.create({ data: { name: zhao.name, openId: zhao.openId, unitId: mishu, roles: { create: [{ role: 'secretary' }] } } });
    await db.person.create({
      data: { name: sun.name, openId: sun.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.li}` }] } },
    });
    await db.person.create({ data: { name: stranger.name, openId: stranger.openId, unitId: mishu } });
    await db.person.create({ data: { name: chief.name, openId: chief.openId, unitId: mishu, roles: { create: [{ role: 'section_chief' }] } } });
    group = h.fake.addChat('日程工作群', [wang, zhao, sun, stranger, zhangU, chief]);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'schedule' } });
    outside = h.fake.addChat('项目协调群', [wang, h.fake.addUser('外单位人员')]);
  });
  afterAll(() => h?.stop());

  let firstId = '';

  it('one line → a confirmation card showing what was understood; saved only on 确认 (a double click saves one)', async () => {
    await say('日程 新增 明天上午9:00-11:30 张县长 三楼会议室 主持召开县政府常务会议');
    const c = lastCard();
    const text = cardText(c.card);
    for (const part of ['张伟（县长）', '12月8日（周二）', '上午9:00-11:30', '三楼会议室', '主持召开县政府常务会议', '尚未保存', '内部', '确定'])
      expect(text).toContain(part);
    expect(buttonLabels(c.card)).toEqual(['确认', '修改', '放弃']);
    expect(await entries()).toHaveLength(0);
    const value = buttonValue(c.card, '确认');
    const [a, b] = await Promise.all([click(c.messageId, wang, value), click(c.messageId, wang, value)]);
    const saved = await entries();
    firstId = saved[0]?.id ?? '';
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      leaderId: ids.zhang,
      date: '2026-12-08',
      dayPart: 'exact',
      startMinute: 540,
      endMinute: 690,
      contact: '王晓明',
      version: 0,
    });
    // One click saves; the other is told it was already done (by the router's click receipt or by the proposal).
    expect([a.toast?.content, b.toast?.content]).toContain('日程已保存。');
    expect([a.toast?.content, b.toast?.content].filter((t) => t === '日程已保存。')).toHaveLength(1);
    // A later click on the same card (past the duplicate-click window) saves nothing more either.
    expect((await click(c.messageId, zhao, value)).toast?.content).toBe('该日程已保存，未重复保存。');
    const history = await h.app.db.prisma.scheduleChange.findMany({ where: { entryId: firstId } });
    expect(history.map((x) => [x.kind, x.actor])).toEqual([['created', wang.openId]]);
  });

  it('the form: 秘书科 adds 李副县长 in the afternoon; a bad time comes back on the form, naming the field', async () => {
    await say('日程 新增', zhao);
    const form = lastCard();
    expect(cardText(form.card)).toContain('李强（副县长）');
    const values = {
      leader: ids.li!,
      date: '2026-12-08 +0800',
      time: '25:00',
      activity: '听取全县安全生产工作汇报',
      place: '三楼会议室',
      visibility: 'private',
      status: 'confirmed',
    };
    const bad = await click(form.messageId, zhao, buttonValue(form.card, '提交'), values);
    expect(bad.toast).toMatchObject({ type: 'error', content: expect.stringContaining('时间「25:00」不是有效时间') });
    expect(cardText(shown(form.messageId))).toContain('新增日程');
    expect(await entries()).toHaveLength(1);
    const ok = await click(form.messageId, zhao, buttonValue(shown(form.messageId), '提交'), { ...values, time: '下午3:00-4:00' });
    expect(ok.card).toBeTruthy();
    const confirm = shown(form.messageId);
    expect(cardText(confirm)).toContain('下午3:00-4:00');
    expect(cardText(confirm)).toContain('不公开');
    await click(form.messageId, zhao, buttonValue(confirm, '确认'));
    const li = (await entries()).find((e) => e.leaderId === ids.li)!;
    expect(li).toMatchObject({ date: '2026-12-08', startMinute: 900, endMinute: 960, visibility: 'private', contact: '赵丽' });
  });

  it('修改 → the clash with the room is shown → 仍然保存 is the deliberate second click; the history keeps both sides', async () => {
    // Typed in the group: the form (every field, as the keeper sees it) goes to the secretary privately.
    const groupCards = h.fake.cardsIn(group).length;
    await say('日程 修改 张县长 明天');
    expect(lastText()).toBe('修改表单已私信发送给您，请在与助手的单聊中操作。');
    expect(h.fake.cardsIn(group)).toHaveLength(groupCards);
    const form = lastCard(dm(wang));
    expect(cardText(form.card)).toContain('修改日程');
    await click(form.messageId, wang, buttonValue(form.card, '提交'), {
      leader: ids.zhang!,
      date: '2026-12-08 +0800',
      time: '15:30-17:00',
      activity: '主持召开县政府常务会议',
      place: '三楼会议室',
      // A submitted form carries every field as shown, the filled-in defaults included.
      contact: '王晓明',
      visibility: 'internal',
      status: 'confirmed',
    });
    const confirm = shown(form.messageId);
    const text = cardText(confirm);
    expect(text).toContain('时间冲突');
    // 李副县长's entry is 不公开: 王晓明 keeps only 张县长's, so he sees that the room is taken, not what for.
    expect(text).toContain('地点「三楼会议室」同一时间已有安排：李强（副县长） 下午3:00-4:00 公务活动');
    expect(text).not.toContain('安全生产');
    expect(text).toContain('时间：上午9:00-11:30 → 下午3:30-5:00');
    expect(buttonLabels(confirm)).toEqual(['仍然保存', '修改', '放弃']);
    // A value without the deliberate flag (an older card, a forged click) saves nothing.
    const plain = { ...buttonValue(confirm, '仍然保存') };
    delete plain.force;
    const refused = await click(form.messageId, wang, plain);
    expect(refused.toast?.type).toBe('warning');
    expect((await h.app.db.prisma.scheduleEntry.findUniqueOrThrow({ where: { id: firstId } })).startMinute).toBe(540);
    const r = await click(form.messageId, wang, buttonValue(shown(form.messageId), '仍然保存'));
    expect(r.toast?.content).toBe('日程已修改。');
    const after = await h.app.db.prisma.scheduleEntry.findUniqueOrThrow({ where: { id: firstId } });
    expect(after).toMatchObject({ startMinute: 930, endMinute: 1020, version: 1 });
    const change = await h.app.db.prisma.scheduleChange.findFirstOrThrow({ where: { entryId: firstId, kind: 'updated' } });
    expect(JSON.parse(change.before)).toEqual({ startMinute: 540, endMinute: 690 });
    expect(JSON.parse(change.after)).toEqual({ startMinute: 930, endMinute: 1020 });
  });

  it('someone who does not keep the leader cannot add, change or cancel — whatever the card value says', async () => {
    const before = await entries();
    await say('日程 新增 明天下午 张县长 调研', stranger);
    expect(lastText()).toMatch(/^您没有权限新增、修改或取消该领导的日程/);
    // A stranger's line is not read at all: no hint about which leaders exist or what did not parse.
    await say('日程 新增 明天25:00 赵县长 调研', stranger);
    expect(lastText()).toMatch(/^您没有权限新增、修改或取消该领导的日程/);
    await say('日程 修改 赵县长 明天', stranger);
    expect(lastText()).toMatch(/^您没有权限/);
    await say('日程 新增 明天下午 张县长 调研', sun);
    expect(lastText()).toMatch(/^您没有权限新增、修改或取消该领导的日程：需要该领导的秘书或秘书科人员/);
    // 秘书科's 科长 keeps every leader; a person of 秘书科 without a grant (陈一凡, above) keeps none.
    await say('日程 新增 后天上午 李副县长 接待省调研组', chief);
    expect(cardText(lastCard().card)).toContain('请确认新增日程');
    // 王晓明's own confirmation card, clicked by 李副县长's secretary with a value naming 王晓明.
    await say('日程 新增 后天上午 张县长 下乡调研');
    const c = lastCard();
    const forged = { ...buttonValue(c.card, '确认'), actor: wang.openId, openId: wang.openId, secretary: wang.openId };
    const r1 = await click(c.messageId, sun, forged);
    expect(r1.toast).toMatchObject({ type: 'error', content: expect.stringContaining('您没有权限') });
    // Cancel and modify on 张县长's saved entry, by a stranger and by another leader's secretary.
    await say(`日程 取消 张县长 明天`);
    const entryCard = lastCard(dm(wang));
    for (const who of [stranger, sun]) {
      const r = await click(entryCard.messageId, who, { ...buttonValue(entryCard.card, '取消日程'), by: wang.openId });
      expect(r.toast?.content).toContain('您没有权限');
      const edit = await click(entryCard.messageId, who, buttonValue(entryCard.card, '修改'));
      expect(edit.toast?.content).toContain('您没有权限');
    }
    // A form submitted with another leader's id by 孙浩 (keeps 李副县长 only).
    await say('日程 新增', sun);
    const form = lastCard();
    const r2 = await click(
      form.messageId,
      sun,
      { ...buttonValue(form.card, '提交'), e: firstId, v: 1 },
      { leader: ids.zhang!, date: '2026-12-09', time: '上午', activity: '改掉' },
    );
    expect(r2.toast?.content).toContain('您没有权限');
    expect(await entries()).toEqual(before);
  });

  it('bad input: each a Chinese message naming the field; nothing saved; a past date only as 补录, marked', async () => {
    const before = (await entries()).length;
    const proposals = await h.app.db.prisma.scheduleProposal.count();
    await say('日程 新增 明天25:00 张县长 开会');
    expect(lastText()).toContain('时间「25:00」不是有效时间：小时应为 0 至 24');
    await say('日程 新增 明天下午4:00-3:00 张县长 开会');
    expect(lastText()).toContain('结束时间应晚于开始时间');
    await say('日程 新增 明天上午 赵县长 开会');
    expect(lastText()).toContain('未找到领导「赵县长」');
    await say('日程 新增 2026-12-01上午 张县长 开会');
    expect(lastText()).toContain('日期「12月1日（周二）」已过。如为事后补录，请注明「补录」');
    expect(await h.app.db.prisma.scheduleProposal.count()).toBe(proposals);
    await say('日程 新增 12月1日上午 张县长 接待省调研组 补录');
    const c = lastCard();
    expect(cardText(c.card)).toContain('12月1日（周二）（补录）');
    await click(c.messageId, wang, buttonValue(c.card, '确认'));
    const all = await entries();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)).toMatchObject({ date: '2026-12-01', backfilled: true });
  });

  it('queries: the bound group sees 内部 in full and 不公开 as 公务活动; another group sees neither; the week card; 外出', async () => {
    await say('日程 明天');
    let text = cardText(lastCard().card);
    expect(text).toContain('张伟（县长）');
    expect(text).toContain('下午3:30-5:00 主持召开县政府常务会议');
    expect(text).toContain('下午3:00-4:00 公务活动');
    expect(text).not.toContain('安全生产');
    await say('日程 明天', wang, outside);
    text = cardText(lastCard(outside).card);
    expect(text).not.toContain('常务会议');
    expect(text).toContain('公务活动');
    // The keeper privately: every field of his leader's entries.
    await h.fake.userSays({ chatId: h.fake.p2pChatId(zhao.openId), from: zhao, text: '日程 李副县长 明天', p2p: true, messageId: `om_sch_${++n}` });
    await h.settle();
    expect(cardText(lastCard(h.fake.p2pChatId(zhao.openId)).card)).toContain('听取全县安全生产工作汇报');
    await say('日程 外出 李副县长 12月9日至12月10日 北京 参加全省工作会议', sun);
    expect(lastText()).toContain('已登记外出：李强 北京，参加全省工作会议');
    await say('日程 本周');
    text = cardText(lastCard().card);
    expect(text).toContain('领导日程 · 本周');
    expect(text).toContain('外出：北京');
    expect(text).toContain('在单位办公');
    await say('日程 外出 取消 李副县长 12月10日', wang);
    expect(lastText()).toMatch(/^您没有权限/);
    await say('日程 外出 取消 李副县长 12月10日', sun);
    expect(lastText()).toContain('已撤销外出登记：李强 北京');
    await say('日程 12月9日');
    expect(cardText(lastCard().card)).not.toContain('外出');
    await say('日程 外出 李副县长 12月9日至12月10日 北京 参加全省工作会议', sun);
  });

  it('the same leader booked twice is flagged with the other entry; 放弃 saves nothing', async () => {
    const count = (await entries()).length;
    await say('日程 新增 明天下午4:00 张县长 会见客商');
    const c = lastCard();
    expect(cardText(c.card)).toContain('张伟（县长）同一时间已有安排：下午3:30-5:00 主持召开县政府常务会议（地点：三楼会议室）');
    expect(buttonLabels(c.card)).toEqual(['仍然保存', '修改', '放弃']);
    const r = await click(c.messageId, wang, buttonValue(c.card, '放弃'));
    expect(r.toast?.content).toBe('已放弃，未保存。');
    // The card is gone; its 仍然保存, sent anyway, saves nothing.
    expect((await click(c.messageId, zhao, buttonValue(c.card, '仍然保存'))).toast?.content).toBe('该日程已放弃，未保存。');
    expect(await entries()).toHaveLength(count);
  });

  it('取消: the entry card asks, 取消日程 cancels it (kept in the history); an older card changes nothing', async () => {
    await say('日程 取消 张县长 明天');
    expect(lastText()).toBe('取消确认卡片已私信发送给您，请在与助手的单聊中操作。');
    const c = lastCard(dm(wang));
    expect(cardText(c.card)).toContain('请确认取消日程');
    const value = buttonValue(c.card, '取消日程');
    const r = await click(c.messageId, wang, value);
    expect(r.toast?.content).toBe('日程已取消。');
    const e = await h.app.db.prisma.scheduleEntry.findUniqueOrThrow({ where: { id: firstId } });
    expect(e).toMatchObject({ status: 'cancelled', version: 2 });
    expect((await h.app.db.prisma.scheduleChange.findMany({ where: { entryId: firstId } })).map((x) => x.kind)).toEqual(['created', 'updated', 'cancelled']);
    const again = await click(c.messageId, zhao, value);
    expect(again.toast?.content).toBe('该日程已取消。');
  });
  it('拟定 → the leader confirms their own entry (a stranger cannot); a card confirmed after its day is refused', async () => {
    await say('日程 新增 后天下午3:00-4:00 张县长 县医院 调研医共体建设 拟定');
    const c = lastCard();
    await click(c.messageId, wang, buttonValue(c.card, '确认'));
    const saved = shown(c.messageId);
    expect(buttonLabels(saved)).toEqual(['确认日程', '修改', '取消日程']);
    const value = buttonValue(saved, '确认日程');
    expect((await click(c.messageId, stranger, value)).toast?.content).toContain('您没有权限确认该领导的日程');
    const r = await click(c.messageId, zhangU, value);
    expect(r.toast?.content).toBe('日程已确定。');
    const entry = await h.app.db.prisma.scheduleEntry.findFirstOrThrow({ where: { activity: '调研医共体建设' } });
    expect(entry.status).toBe('confirmed');
    expect((await h.app.db.prisma.scheduleChange.findMany({ where: { entryId: entry.id } })).map((x) => [x.kind, x.actor])).toEqual([
      ['created', wang.openId],
      ['confirmed', zhangU.openId],
    ]);

    await say('日程 新增 明天晚上 张县长 接待客商');
    const late = lastCard();
    const count = (await entries()).length;
    clock.set(new Date('2026-12-09T09:00:00+08:00'));
    const refused = await click(late.messageId, wang, buttonValue(late.card, '确认'));
    expect(refused.toast).toMatchObject({ type: 'error', content: '该日程的日期已过，未保存。如为事后补录，请重新录入并注明「补录」。' });
    expect(await entries()).toHaveLength(count);
  });
});
