import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { findEntry, updateEntryWithHistory } from '../../src/features/schedules/index.js';
import { buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * 日程 visibility wherever entries are shown, through the real SDK and the fake Lark: the conflicts of an
 * import and of one entry are shown as the chat they are answered in may see them (不公开 as 公务活动,
 * 内部 only inside), whoever asked; 修改/取消 in a group go to the keeper privately; inside means the
 * office's own people — a town's liaison or someone the directory does not know reads as outside, in a
 * direct message as in a group — and a group whose members are unknown or none is outside.
 */
describe('日程: visibility by the reading chat, 修改 privately, inside is the office’s own', () => {
  // Monday 2026-12-07, 10:00 Beijing; the entries are for tomorrow.
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser, zhangU: FakeUser, liaison: FakeUser, outsider: FakeUser;
  let bound: string, mixed: string, empty: string, plain: string;
  const ids: Record<string, string> = {};
  let n = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (text: string, from: FakeUser, chatId: string) => {
    const p2p = chatId === dm(from);
    await h.fake.userSays({ chatId, from, text: p2p ? text : `@三办助手 ${text}`, p2p, messageId: `om_vis_${++n}` });
    await h.settle();
  };
  const click = async (messageId: string, by: FakeUser, value: Record<string, unknown>, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by, value, ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const lastCard = (chatId: string) => h.fake.cardsIn(chatId).at(-1)!;
  const lastText = (chatId: string) => h.fake.textsIn(chatId).at(-1) ?? '';
  const allText = (chatId: string) =>
    h.fake
      .messagesIn(chatId)
      .map((m) => m.content)
      .join('\n');
  const shown = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;
  const SECRETS = ['约谈企业负责人', '听取信访内部汇报', '接待省纪委来访'];

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    wang = h.fake.addUser('王晓明'); // 张县长's secretary
    zhangU = h.fake.addUser('张伟');
    liaison = h.fake.addUser('许文静'); // 城关镇's liaison: in the directory, not of the office
    outsider = h.fake.addUser('外单位人员'); // not in the directory
    const db = h.app.db.prisma;
    const mishu = (await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } })).id;
    const town = (await db.unit.create({ data: { code: 'CGZ', name: '城关镇', kind: 'town' } })).id;
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', openId: zhangU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({
      data: { name: wang.name, openId: wang.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.zhang}` }] } },
    });
    await db.person.create({ data: { name: liaison.name, openId: liaison.openId, unitId: town, roles: { create: [{ role: 'liaison', scope: 'info' }] } } });
    bound = h.fake.addChat('县领导日程群', [wang, zhangU]);
    mixed = h.fake.addChat('镇街联络群', [wang, liaison]);
    empty = h.fake.addChat('尚无成员的日程群', []);
    plain = h.fake.addChat('项目协调群', [wang, outsider]);
    for (const chatId of [bound, mixed, empty]) await db.chatBinding.create({ data: { chatId, purpose: 'schedule' } });
    const entry = (leaderId: string, start: number, end: number, activity: string, place: string, visibility: string) =>
      db.scheduleEntry.create({
        data: { leaderId, date: '2026-12-08', dayPart: 'exact', startMinute: start, endMinute: end, activity, place, visibility, createdBy: 'test' },
      });
    await entry(ids.li, 10 * 60, 11 * 60, '约谈企业负责人', '三楼会议室', 'private');
    await entry(ids.li, 15 * 60, 16 * 60, '听取信访内部汇报', '二楼会议室', 'internal');
    await entry(ids.zhang, 9 * 60, 9 * 60 + 30, '接待省纪委来访', '', 'private');
    await entry(ids.zhang, 16 * 60 + 30, 17 * 60, '听取重点项目汇报', '', 'public');
  });
  afterAll(() => h?.stop());

  const table = [
    '日期\t时间\t领导\t活动内容\t地点',
    '12月8日\t9:00-9:30\t张县长\t会见客商\t',
    '12月8日\t10:00-11:00\t张县长\t调研座谈\t三楼会议室',
    '12月8日\t15:00-16:00\t张县长\t专题会议\t二楼会议室',
  ].join('\n');

  it('an import’s conflicts in a group outside: 不公开 (the keeper’s own leader’s too) as 公务活动, 内部 not at all', async () => {
    await say(`日程 导入\n${table}`, wang, mixed);
    const text = cardText(lastCard(mixed).card);
    expect(text).toContain('发现 3 处冲突');
    expect(text).toContain('已有日程：12月8日（周二） 09:00-09:30 张伟 公务活动');
    expect(text).toContain('已有日程：12月8日（周二） 10:00-11:00 李强 公务活动');
    expect(text).toContain('已有日程：12月8日（周二） 15:00-16:00 李强 另有安排');
    for (const s of SECRETS) expect(text).not.toContain(s);
    await click(lastCard(mixed).messageId, wang, buttonValue(lastCard(mixed).card, '取消'));
  });

  it('the same import privately: the keeper sees his own leader in full, another leader as inside', async () => {
    await say(`日程 导入\n${table}`, wang, dm(wang));
    const text = cardText(lastCard(dm(wang)).card);
    expect(text).toContain('张伟 接待省纪委来访');
    expect(text).toContain('李强 公务活动');
    expect(text).toContain('李强 听取信访内部汇报');
    expect(text).not.toContain('约谈企业负责人');
  });

  it('one entry’s clash: the group’s view in a group, the keeper’s privately (by line and by form)', async () => {
    await say('日程 新增 明天上午9:00-9:30 张县长 会见客商', wang, mixed);
    let text = cardText(lastCard(mixed).card);
    expect(text).toContain('张伟（县长）同一时间已有安排：上午9:00-9:30 公务活动');
    expect(text).not.toContain('接待省纪委来访');
    await say('日程 新增 明天下午3:00-4:00 张县长 二楼会议室 专题会议', wang, plain);
    text = cardText(lastCard(plain).card);
    expect(text).toContain('李强（副县长） 另有安排');
    expect(text).not.toContain('听取信访内部汇报');
    await say('日程 新增 明天上午9:00-9:30 张县长 会见客商', wang, dm(wang));
    expect(cardText(lastCard(dm(wang)).card)).toContain('上午9:00-9:30 接待省纪委来访');
    // The form, submitted where the card is: a click's chat is read by its members.
    const values = { leader: ids.zhang!, date: '2026-12-08', time: '9:00-9:30', activity: '会见客商', visibility: 'internal', status: 'confirmed' };
    await say('日程 新增', wang, mixed);
    const groupForm = lastCard(mixed);
    await click(groupForm.messageId, wang, buttonValue(groupForm.card, '提交'), values);
    text = cardText(shown(groupForm.messageId));
    expect(text).toContain('同一时间已有安排：上午9:00-9:30 公务活动');
    expect(text).not.toContain('接待省纪委来访');
    await say('日程 新增', wang, dm(wang));
    const ownForm = lastCard(dm(wang));
    await click(ownForm.messageId, wang, buttonValue(ownForm.card, '提交'), values);
    expect(cardText(shown(ownForm.messageId))).toContain('上午9:00-9:30 接待省纪委来访');
  });

  it('日程 修改 and 修改 on an entry card in a group: the form goes to the keeper privately, the group sees none of it', async () => {
    const before = h.fake.cardsIn(bound).length;
    await say('日程 修改 张县长 明天上午9:00', wang, bound);
    expect(lastText(bound)).toBe('修改表单已私信发送给您，请在与助手的单聊中操作。');
    expect(h.fake.cardsIn(bound)).toHaveLength(before);
    expect(cardText(lastCard(dm(wang)).card)).toContain('接待省纪委来访');
    // An entry saved from a group carries 修改: clicked there, the form (every field) goes privately too.
    await say('日程 新增 明天晚上 张县长 接待客商', wang, mixed);
    const confirm = lastCard(mixed);
    await click(confirm.messageId, wang, buttonValue(confirm.card, '确认'));
    const saved = shown(confirm.messageId);
    const privateCards = h.fake.cardsIn(dm(wang)).length;
    const r = await click(confirm.messageId, wang, buttonValue(saved, '修改'));
    expect(r.toast?.content).toBe('修改表单已私信发送给您，请在与助手的单聊中填写。');
    expect(cardText(shown(confirm.messageId))).toBe(cardText(saved));
    expect(h.fake.cardsIn(dm(wang))).toHaveLength(privateCards + 1);
    expect(cardText(lastCard(dm(wang)).card)).toContain('修改日程');
    for (const s of SECRETS) expect(allText(mixed)).not.toContain(s);
    // Changed privately since (made 不公开): clicks on the group's older cards show the group nothing newer.
    const entry = (await findEntry(h.app.db.prisma, (await h.app.db.prisma.scheduleEntry.findFirstOrThrow({ where: { activity: '接待客商' } })).id))!;
    await h.app.db.prisma.$transaction((tx) =>
      updateEntryWithHistory(tx, entry, { activity: '商谈保密事项', visibility: 'private' }, { openId: wang.openId, at: clock.now() }),
    );
    const stale = await click(confirm.messageId, wang, buttonValue(saved, '取消日程'));
    expect(stale.toast?.content).toBe('该日程刚被修改，卡片已更新为最新内容，请核对后再操作。');
    expect(cardText(shown(confirm.messageId))).toBe(cardText(saved));
    expect(allText(mixed)).not.toContain('商谈保密事项');
  });

  it('queries by direct message: a liaison and a stranger read as outside, the office’s own as inside', async () => {
    for (const who of [liaison, outsider]) {
      await say('日程 李副县长 明天', who, dm(who));
      const text = cardText(lastCard(dm(who)).card);
      expect(text).toContain('上午10:00-11:00 公务活动');
      expect(text).not.toContain('听取信访内部汇报');
    }
    await say('日程 李副县长 明天', wang, dm(wang));
    const text = cardText(lastCard(dm(wang)).card);
    expect(text).toContain('下午3:00-4:00 听取信访内部汇报');
    expect(text).not.toContain('约谈企业负责人');
  });

  it('the broadcast: 内部 in the office’s own group only — not where a liaison is, nor where no member is listed', async () => {
    clock.set('2026-12-08T07:30:00+08:00');
    expect((await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000)))['schedules.broadcast']).toBe('ran');
    await h.settle();
    const card = (chatId: string) => cardText(h.fake.cardsIn(chatId).at(-1)!.card);
    expect(card(bound)).toContain('听取信访内部汇报');
    for (const chatId of [mixed, empty]) {
      expect(card(chatId)).toContain('今日领导日程');
      expect(card(chatId)).toContain('听取重点项目汇报');
      expect(card(chatId)).not.toContain('听取信访内部汇报');
      expect(card(chatId)).not.toContain('约谈企业负责人');
    }
  });
});
