import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { findEntry, updateEntryWithHistory } from '../../src/features/schedules/index.js';
import { afterChangesChecked } from '../../src/features/schedules/broadcast/index.js';
import type { FakeUser } from '../../src/local/lark/types.js';

/**
 * The day of 领导日程 through the real SDK and the fake Lark: the evening preview reaches the secretary,
 * the morning broadcast reaches two bound groups with visibility applied, an afternoon change patches
 * the card and posts a correction in its thread, and the reminder reaches leader and secretary.
 */
describe('领导日程: preview, broadcast, change after it, reminder', () => {
  const clock = new FixedClock('2026-11-30T16:59:00+08:00'); // Monday
  let h: Harness;
  let zhang: FakeUser, li: FakeUser, secretary: FakeUser, outsider: FakeUser;
  let internalGroup: string, mixedGroup: string;
  let zhangId: string;
  const minute = () => new Date(clock.now().getTime() - 60_000);
  const tick = () => h.app.scheduler.tick(clock.now(), minute());
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);

  beforeAll(async () => {
    h = await startHarness({ clock });
    zhang = h.fake.addUser('张建国');
    li = h.fake.addUser('李明华');
    secretary = h.fake.addUser('王秘书');
    outsider = h.fake.addUser('外单位联络人');
    const p = h.app.db.prisma;
    const unit = await p.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } });
    const person = (u: FakeUser, title: string) => p.person.create({ data: { name: u.name, openId: u.openId, title, unitId: unit.id } });
    const z = await person(zhang, '县长');
    const l = await person(li, '副县长');
    const s = await person(secretary, '秘书');
    zhangId = z.id;
    await p.roleGrant.createMany({
      data: [
        { personId: z.id, role: 'leader' },
        { personId: l.id, role: 'leader' },
        { personId: s.id, role: 'secretary', scope: `person:${z.id}` },
      ],
    });
    internalGroup = h.fake.addChat('县领导日程群', [zhang, li, secretary]);
    mixedGroup = h.fake.addChat('工作联络群', [secretary, outsider]);
    for (const chatId of [internalGroup, mixedGroup]) await p.chatBinding.create({ data: { chatId, purpose: 'schedule' } });
    const entry = (leaderId: string, start: number, end: number, activity: string, visibility: string, status = 'confirmed') =>
      p.scheduleEntry.create({
        data: {
          leaderId,
          date: '2026-12-01',
          dayPart: 'exact',
          startMinute: start,
          endMinute: end,
          activity,
          place: '三楼会议室',
          visibility,
          status,
          createdBy: 'test',
        },
      });
    await entry(z.id, 9 * 60, 11 * 60 + 30, '主持召开县政府常务会议', 'public');
    await entry(z.id, 15 * 60, 17 * 60, '听取信访工作内部汇报', 'internal', 'draft');
    await entry(l.id, 10 * 60, 11 * 60, '约谈企业负责人', 'private');
    await h.app.scheduler.idle();
  });
  afterAll(() => h?.stop());

  it('sends the evening preview to the secretary at 17:00; 确认无误 by someone else confirms nothing', async () => {
    clock.set('2026-11-30T17:00:00+08:00');
    expect((await tick())['schedules.preview']).toBe('ran');
    await h.settle();
    const cards = h.fake.cardsIn(dm(secretary));
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!.card);
    expect(text).toContain('日程预览 12月1日（周二）');
    expect(text).not.toContain('次日');
    expect(text).toContain('主持召开县政府常务会议');
    expect(text).toContain('听取信访工作内部汇报');
    expect(text).toContain('（拟定）');
    // Li's entries are not this secretary's: not on the card.
    expect(text).not.toContain('约谈企业负责人');
    // The leader himself is no secretary: his click confirms nothing.
    const value = buttonValue(cards[0]!.card, '确认无误');
    await h.fake.click({ messageId: cards[0]!.messageId, by: outsider, value });
    await h.settle();
    expect(await h.app.db.prisma.scheduleEntry.count({ where: { status: 'draft' } })).toBe(1);
  });

  it('broadcasts at 07:30 to both groups, 内部 and 不公开 shown by audience, drafts marked', async () => {
    clock.set('2026-12-01T07:30:00+08:00');
    expect((await tick())['schedules.broadcast']).toBe('ran');
    await h.settle();
    const inside = h.fake.cardsIn(internalGroup);
    const mixed = h.fake.cardsIn(mixedGroup);
    expect(inside).toHaveLength(1);
    expect(mixed).toHaveLength(1);
    const a = cardText(inside[0]!.card);
    const b = cardText(mixed[0]!.card);
    expect(a).toContain('今日领导日程');
    // Rank order: 县长 before 副县长.
    expect(a.indexOf('张建国')).toBeLessThan(a.indexOf('李明华'));
    expect(a).toContain('上午9:00-11:30 主持召开县政府常务会议');
    expect(a).toContain('听取信访工作内部汇报');
    expect(a).toContain('（拟定）');
    expect(a).toContain('公务活动');
    expect(a).not.toContain('约谈企业负责人');
    expect(b).toContain('主持召开县政府常务会议');
    expect(b).not.toContain('听取信访工作内部汇报');
    expect(b).not.toContain('约谈企业负责人');
    // The secretary is told which drafts went out marked.
    expect(h.fake.textsIn(dm(secretary)).join('\n')).toContain('仍为「拟定」');
    // A second run the same day sends nothing more.
    expect(await h.app.scheduler.runManually('schedules.broadcast', clock.now())).toBe('ran');
    await h.settle();
    expect(h.fake.cardsIn(internalGroup)).toHaveLength(1);
  });

  it('an afternoon change patches the morning card and posts the correction in its thread', async () => {
    clock.set('2026-12-01T13:10:00+08:00');
    const p = h.app.db.prisma;
    const row = (await p.scheduleEntry.findFirst({ where: { activity: '听取信访工作内部汇报' } }))!;
    // sched-core's save path: compare-and-set, history, and the change listeners in one transaction.
    const before = (await findEntry(p, row.id))!;
    await p.$transaction((tx) =>
      updateEntryWithHistory(tx, before, { startMinute: 16 * 60, endMinute: 17 * 60 + 30 }, { openId: secretary.openId, at: clock.now() }),
    );
    // A 内部 entry reaches the internal group once the change has committed and its members are read again.
    await afterChangesChecked();
    await h.settle();
    const card = h.fake.messagesIn(internalGroup).find((m) => m.msgType === 'interactive')!;
    expect(card.patches).toBe(1);
    expect(cardText(JSON.parse(card.content))).toContain('已更新 13:10');
    expect(cardText(JSON.parse(card.content))).toContain('下午4:00-5:30 听取信访工作内部汇报');
    const replies = h.fake.messagesIn(internalGroup).filter((m) => m.rootId === card.messageId);
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0]!.content).text).toBe('【日程变更】张建国 下午3:00-5:00 听取信访工作内部汇报，改为 4:00-5:30');
    // The other group never saw the 内部 entry: its card is brought up to date, but nothing is said there.
    const mixedCard = h.fake.messagesIn(mixedGroup).find((m) => m.msgType === 'interactive')!;
    expect(mixedCard.patches).toBe(1);
    expect(h.fake.messagesIn(mixedGroup).filter((m) => m.rootId === mixedCard.messageId)).toHaveLength(0);
  });

  it('reminds the leader and the secretary 30 minutes before, once', async () => {
    clock.set('2026-12-01T15:29:00+08:00');
    expect((await tick())['schedules.remind']).toBe('not_due');
    clock.set('2026-12-01T15:30:00+08:00');
    expect((await tick())['schedules.remind']).toBe('ran');
    clock.set('2026-12-01T15:31:00+08:00');
    expect((await tick())['schedules.remind']).toBe('not_due');
    await h.settle();
    for (const u of [zhang, secretary]) {
      const texts = h.fake.textsIn(dm(u)).filter((t) => t.includes('【日程提醒】'));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('30分钟后');
      expect(texts[0]).toContain('听取信访工作内部汇报');
    }
    expect(h.fake.textsIn(dm(li)).filter((t) => t.includes('【日程提醒】'))).toHaveLength(0);
    expect(zhangId).toBeTruthy();
  });

  it('the secretary’s 确认无误 confirms the draft; the morning card follows with 已确定', async () => {
    clock.set('2026-12-01T15:40:00+08:00');
    const preview = h.fake.cardsIn(dm(secretary))[0]!;
    await h.fake.click({ messageId: preview.messageId, by: secretary, value: buttonValue(preview.card, '确认无误') });
    await h.settle();
    await afterChangesChecked();
    await h.settle();
    expect(await h.app.db.prisma.scheduleEntry.count({ where: { status: 'draft' } })).toBe(0);
    const changes = await h.app.db.prisma.scheduleChange.findMany({ where: { kind: 'confirmed' } });
    expect(changes.map((c) => c.actor)).toEqual([secretary.openId]);
    const card = h.fake.messagesIn(internalGroup).find((m) => m.msgType === 'interactive')!;
    expect(cardText(JSON.parse(card.content))).not.toContain('（拟定）');
    const replies = h.fake.messagesIn(internalGroup).filter((m) => m.rootId === card.messageId);
    expect(JSON.parse(replies.at(-1)!.content).text).toBe('【日程变更】张建国 下午4:00-5:30 听取信访工作内部汇报，已确定');
  });

  it('someone from outside joins the internal group after 07:30: the next 内部 change narrows its card, and no correction tells of it there', async () => {
    clock.set('2026-12-01T16:00:00+08:00');
    const p = h.app.db.prisma;
    h.fake.chats.get(internalGroup)!.members.add(outsider.openId);
    const card = () => h.fake.messagesIn(internalGroup).find((m) => m.msgType === 'interactive')!;
    const replies = () => h.fake.messagesIn(internalGroup).filter((m) => m.rootId === card().messageId);
    const repliesBefore = replies().length;
    const row = (await p.scheduleEntry.findFirst({ where: { activity: '听取信访工作内部汇报' } }))!;
    const before = (await findEntry(p, row.id))!;
    await p.$transaction((tx) => updateEntryWithHistory(tx, before, { place: '五楼小会议室' }, { openId: secretary.openId, at: clock.now() }));
    await afterChangesChecked();
    await h.settle();
    const shown = cardText(JSON.parse(card().content));
    expect(shown).toContain('已更新 16:00');
    expect(shown).not.toContain('听取信访工作内部汇报');
    expect(shown).toContain('主持召开县政府常务会议');
    expect(replies()).toHaveLength(repliesBefore);
    expect(
      replies()
        .map((m) => m.content)
        .join('\n'),
    ).not.toContain('五楼小会议室');
    const stored = await p.scheduleBroadcast.findFirst({ where: { chatId: internalGroup } });
    expect(stored!.audience).toBe('external');

    // Later changes that day stay in the narrower audience (the stored one), with no lookup needed.
    const after = (await findEntry(p, row.id))!;
    clock.set('2026-12-01T16:05:00+08:00');
    await p.$transaction((tx) => updateEntryWithHistory(tx, after, { activity: '听取信访工作内部汇报（二）' }, { openId: secretary.openId, at: clock.now() }));
    await afterChangesChecked();
    await h.settle();
    expect(cardText(JSON.parse(card().content))).not.toContain('听取信访工作内部汇报');
    expect(replies()).toHaveLength(repliesBefore);
  });
});
