import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { seedMeetingTypes } from '../../src/features/topics/repositories/meeting-types.js';
import { reminderKey } from '../../src/features/topics/meetings/use-cases/publish.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { makeTopic } from '../support/topic-factory.js';

/**
 * 会议与议程 through the real SDK and the fake Lark: 会议 新建 answered with what was understood and
 * created only on 确认 (a double click creates one); a past time and an unknown type refused; the office
 * builds the agenda from the ready pool, a topic lacking its 合法性审查 refused with the reason; 发布议程 to
 * the meeting group and by DM to the presenters and the 列席 liaisons; the day-before reminder on the
 * working day before across the National Day holiday and on the Friday before a Monday; 顺延 keeping the
 * approvals; 改期/取消 moving or cancelling the reminder; the queries.
 */
describe('会议: new meeting, agenda, 发布议程, day-before reminder, 顺延, queries', () => {
  // Thursday 2026-09-24, 10:00 Beijing.
  const clock = new FixedClock('2026-09-24T10:00:00+08:00');
  let h: Harness;
  let zhao: FakeUser, wu: FakeUser, qian: FakeUser, sun: FakeUser, zhou: FakeUser, stranger: FakeUser;
  let office: string, group: string;
  const ids: Record<string, string> = {};
  const topics: Record<string, { id: string; number: string }> = {};
  let n = 0;
  const say = async (text: string, from = zhao, chatId = office) => {
    await h.fake.userSays({ chatId, from, text: `@三办助手 ${text}`, messageId: `om_mt_${++n}` });
    await h.settle();
  };
  const lastCard = (chatId = office) => h.fake.cardsIn(chatId).at(-1)!;
  const lastText = (chatId = office) => h.fake.textsIn(chatId).at(-1) ?? '';
  const shown = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const meetings = () => h.app.db.prisma.meeting.findMany({ orderBy: { createdAt: 'asc' } });
  const topic = (id: string) => h.app.db.prisma.topic.findUniqueOrThrow({ where: { id } });
  /** The value of the button with this action for this topic. */
  const valueFor = (card: unknown, action: string, topicId: string) => {
    const found = [...JSON.stringify(card).matchAll(/"value":(\{[^}]*\})/g)]
      .map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
      .find((v) => v.a === action && v.t === topicId);
    if (!found) throw new Error(`no ${action} for ${topicId}`);
    return found;
  };
  const click = async (messageId: string, by: FakeUser, value: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by, value });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };

  beforeAll(async () => {
    // An office that opens at 08:00: the day-before reminder follows its hours, not a fixed 09:00.
    h = await startHarness({ clock, env: { WORKING_HOURS: '08:00-12:00,14:30-17:30' } });
    await caughtUp(h);
    zhao = h.fake.addUser('赵丽'); // 秘书科
    wu = h.fake.addUser('吴敏'); // 秘书科
    qian = h.fake.addUser('钱国栋'); // 财政局局长, presenter
    sun = h.fake.addUser('孙晓梅'); // 司法局联络员 (fixed 列席)
    zhou = h.fake.addUser('周建'); // 住建局联络员 (a topic's 列席)
    stranger = h.fake.addUser('陈一凡');
    const db = h.app.db.prisma;
    const unit = async (code: string, name: string) => (await db.unit.create({ data: { code, name, kind: 'department' } })).id;
    ids.mishu = await unit('MSK', '秘书科');
    ids.caizheng = await unit('CZJ', '财政局');
    ids.sifa = await unit('SFJ', '司法局');
    ids.zhujian = await unit('ZJJ', '住建局');
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', roles: { create: [{ role: 'leader', scope: `unit:${ids.caizheng}` }] } } })).id;
    await db.person.create({ data: { name: zhao.name, openId: zhao.openId, unitId: ids.mishu, roles: { create: [{ role: 'secretary' }] } } });
    await db.person.create({ data: { name: wu.name, openId: wu.openId, unitId: ids.mishu, roles: { create: [{ role: 'secretary' }] } } });
    ids.qian = (await db.person.create({ data: { name: qian.name, openId: qian.openId, unitId: ids.caizheng, title: '局长' } })).id;
    await db.person.create({ data: { name: sun.name, openId: sun.openId, unitId: ids.sifa, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } } });
    await db.person.create({
      data: { name: zhou.name, openId: zhou.openId, unitId: ids.zhujian, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    await db.person.create({ data: { name: stranger.name, openId: stranger.openId, unitId: ids.caizheng } });
    office = h.fake.addChat('秘书科工作群', [zhao, wu]);
    group = h.fake.addChat('县政府常务会议群', [zhao, qian, sun]);
    const types = await seedMeetingTypes(db);
    const cwh = types.find((t) => t.code === '常务会')!;
    ids.type = cwh.id;
    await db.meetingType.update({ where: { id: cwh.id }, data: { chatId: group, presidingId: ids.zhang } });
    const at = new Date('2026-09-20T10:00:00+08:00');
    const base = { unitId: ids.caizheng, presenterId: ids.qian, leaderId: ids.li, meetingTypeId: cwh.id, at };
    for (const [key, t] of Object.entries({
      budget: await makeTopic(db, { ...base, title: '关于2027年县级财政预算编制的议题', estimatedMinutes: 20, attendUnitIds: JSON.stringify([ids.zhujian]) }),
      rules: await makeTopic(db, {
        ...base,
        title: '关于印发县级国有资产管理办法的议题',
        needsLegalReview: true,
        legalBasis: 'normative',
        status: 'legal_review',
      }),
      contract: await makeTopic(db, {
        ...base,
        title: '关于城区供水特许经营合同的议题',
        needsLegalReview: true,
        legalBasis: 'contract',
        legalOutcome: 'conditional',
        legalOpinion: '合同条款基本合法',
        legalConditions: '补充违约责任条款',
        estimatedMinutes: 30,
      }),
    }))
      topics[key] = { id: t.id, number: t.number };
  });
  afterAll(() => h?.stop());

  let first = '';

  it('会议 新建 → a confirmation card; created on 确认 with its number (a double click creates one)', async () => {
    await say('会议 新建 常务会 10月8日上午9:00 三楼会议室');
    const c = lastCard();
    const text = cardText(c.card);
    for (const part of ['请确认新建会议', '县政府常务会议', '10月8日（周四）上午9:00', '三楼会议室', '尚未新建', '县政府第1次常务会议'])
      expect(text).toContain(part);
    expect(buttonLabels(c.card)).toEqual(['确认', '修改', '放弃']);
    expect(await meetings()).toHaveLength(0);
    const value = buttonValue(c.card, '确认');
    const [a, b] = await Promise.all([click(c.messageId, zhao, value), click(c.messageId, zhao, value)]);
    // One click creates; the other is told it was done (by the router's click receipt or by the meeting found).
    expect([a.toast?.content, b.toast?.content].filter((t) => t === '已新建县政府第1次常务会议。')).toHaveLength(1);
    const all = await meetings();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ number: '县政府第1次常务会议', seq: 1, year: 2026, place: '三楼会议室', status: 'planned' });
    expect(all[0]!.startsAt).toEqual(new Date('2026-10-08T09:00:00+08:00'));
    first = all[0]!.id;
    // A later click on the same card is told the meeting exists; the counter did not move.
    const again = await click(c.messageId, wu, value);
    expect(again.toast?.content).toContain('未重复新建');
    expect(await meetings()).toHaveLength(1);
    expect((await h.app.db.prisma.counter.findUnique({ where: { name: 'meetings:常务会:2026' } }))?.value).toBe(1);
    // The card now is the office's agenda card: the pool with 列入议程, the topic lacking its legal review set apart.
    const arrange = cardText(shown(c.messageId));
    expect(arrange).toContain('县政府第1次常务会议议程安排');
    expect(arrange).toContain('关于2027年县级财政预算编制的议题');
    expect(arrange).toContain('尚不能列入的议题');
    expect(arrange).toContain('该议题须经合法性审查，审查通过（或修改后通过）前不得列入议程。');
  });

  it('refuses a time in the past, an unknown type and someone outside the office; nothing is created', async () => {
    await say('会议 新建 常务会 今天上午9:00 三楼会议室');
    expect(lastText()).toContain('已过');
    expect(lastText()).toContain('未新建');
    await say('会议 新建 茶话会 10月9日上午9:00 三楼会议室');
    expect(lastText()).toContain('没有「茶话会」这一会议类型');
    expect(lastText()).toContain('常务会');
    await say('会议 新建 常务会 10月9日 三楼会议室');
    expect(lastText()).toContain('无法识别会议时间「三楼会议室」');
    await say('会议 新建 常务会 10月9日上午9:00 三楼会议室', stranger);
    expect(lastText()).toContain('您没有权限办理会议和议程');
    expect(await meetings()).toHaveLength(1);
  });

  it('the office lists ready topics; one lacking its 合法性审查 is refused with the reason; ↑ reorders', async () => {
    await say('会议 议程 县政府第1次常务会议');
    let c = lastCard();
    // Someone outside the office clicking the same button (a forwarded card) changes nothing.
    const refused = await click(c.messageId, stranger, valueFor(c.card, 'meetings.add', topics.budget!.id));
    expect(refused.toast?.content).toContain('您没有权限办理会议和议程');
    expect((await topic(topics.budget!.id)).status).toBe('ready');
    await click(c.messageId, zhao, valueFor(c.card, 'meetings.add', topics.budget!.id));
    expect((await topic(topics.budget!.id)).status).toBe('scheduled');
    // The topic still in legal review: the command answers why, nothing changes.
    await say(`会议 加入 县政府第1次常务会议 ${topics.rules!.number}`);
    expect(lastText()).toContain('须经合法性审查');
    expect((await topic(topics.rules!.id)).meetingId).toBeNull();
    // The contract passed with conditions: it goes on, second.
    await say(`会议 加入 县政府第1次常务会议 ${topics.contract!.number}`);
    c = lastCard();
    expect(cardText(c.card)).toContain('已列入议程');
    const agenda = async () => (await h.app.db.prisma.topic.findMany({ where: { meetingId: first }, orderBy: { agendaPosition: 'asc' } })).map((t) => t.number);
    expect(await agenda()).toEqual([topics.budget!.number, topics.contract!.number]);
    // ↑ on the contract's row: it becomes first. A second click on the same (now stale) card is refused.
    const second = valueFor(c.card, 'meetings.up', topics.contract!.id);
    const r = await click(c.messageId, zhao, second);
    expect(r.toast?.content).toBe('已上移。');
    expect(await agenda()).toEqual([topics.contract!.number, topics.budget!.number]);
    const stale = await click(c.messageId, wu, second);
    expect(stale.toast?.content).toContain('议程刚被他人调整');
    expect(await agenda()).toEqual([topics.contract!.number, topics.budget!.number]);
  });

  it('发布议程: the agenda card to the meeting group, a DM to each presenter and 列席 liaison; the reminder set for 9月30日 at the opening of office hours (08:00)', async () => {
    await say('会议 议程 县政府第1次常务会议');
    const c = lastCard();
    await click(c.messageId, zhao, buttonValue(c.card, '发布议程'));
    const m = (await meetings())[0]!;
    expect(m).toMatchObject({ status: 'published', reminderDate: '2026-09-30' });
    const card = cardText(lastCard(group).card);
    for (const part of [
      '县政府第1次常务会议议程',
      '1. 关于城区供水特许经营合同的议题',
      '9:00-9:30',
      '2. 关于2027年县级财政预算编制的议题',
      '9:30-9:50',
      '汇报：钱国栋（财政局）',
      '司法局',
      '住建局',
    ])
      expect(card).toContain(part);
    expect(cardText(lastCard(dm(qian)).card)).toContain('您为第1、2项议题的汇报人');
    expect(cardText(lastCard(dm(sun)).card)).toContain('司法局列席本次会议');
    expect(cardText(lastCard(dm(zhou)).card)).toContain('住建局列席本次会议');
    const timer = await h.app.timers.get(reminderKey(m.id, '2026-09-30'));
    expect(timer?.dueAt).toEqual(new Date('2026-09-30T08:00:00+08:00'));
    // A second 发布 is told it is done; no second DM.
    await say('会议 发布 县政府第1次常务会议');
    expect(lastText()).toBe('该会议当前为「已发布议程」，无法发布议程。');
    expect(h.fake.cardsIn(dm(qian))).toHaveLength(1);
  });

  it('a later change updates the group card in place (tracked)', async () => {
    const before = h.fake.cardsIn(group).length;
    const groupMessage = lastCard(group).messageId;
    await say(`会议 排序 县政府第1次常务会议 ${topics.budget!.number} 1`);
    expect(h.fake.cardsIn(group)).toHaveLength(before);
    const text = cardText(shown(groupMessage));
    expect(text.indexOf('关于2027年县级财政预算编制的议题')).toBeLessThan(text.indexOf('关于城区供水特许经营合同的议题'));
    expect(text).toContain('9:00-9:20');
  });

  it('the day-before reminder lands on 9月30日 (Wednesday), the working day before a meeting after the National Day holiday', async () => {
    clock.set('2026-09-29T09:00:00+08:00');
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    expect(h.fake.cardsIn(dm(qian)).filter((c) => cardText(c.card).includes('会前提醒'))).toHaveLength(0);
    clock.set('2026-09-30T07:59:00+08:00');
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    expect(h.fake.cardsIn(dm(qian)).filter((c) => cardText(c.card).includes('会前提醒'))).toHaveLength(0);
    clock.set('2026-09-30T08:00:00+08:00');
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    expect(cardText(lastCard(group).card)).toContain('会前提醒：县政府第1次常务会议');
    expect(cardText(lastCard(dm(qian)).card)).toContain('会前提醒');
    expect(cardText(lastCard(dm(sun)).card)).toContain('会前提醒');
    expect((await meetings())[0]!.reminderSentAt).toEqual(new Date('2026-09-30T08:00:00+08:00'));
  });

  let mondayId = '';

  it('a Monday meeting is reminded on the Friday before; 顺延 puts a topic first on it with its approvals; 取消 cancels its reminder', async () => {
    await say('会议 新建 常务会 10月19日上午9:00 三楼会议室');
    const c = lastCard();
    expect(cardText(c.card)).toContain('10月19日（周一）上午9:00');
    await click(c.messageId, zhao, buttonValue(c.card, '确认'));
    const monday = (await meetings()).find((m) => m.number === '县政府第2次常务会议')!;
    mondayId = monday.id;
    // The budget topic was not reached at the first meeting: 顺延 to the next one, first on its agenda.
    await say(`会议 顺延 县政府第1次常务会议 ${topics.budget!.number}`);
    expect(lastText()).toContain('已顺延至县政府第2次常务会议');
    const budget = await topic(topics.budget!.id);
    expect(budget).toMatchObject({ status: 'scheduled', meetingId: mondayId, agendaPosition: 1, postponedCount: 1, leaderOpinion: '同意上会' });
    const contract = await topic(topics.contract!.id);
    expect(contract).toMatchObject({ meetingId: first, agendaPosition: 1, legalOutcome: 'conditional' });
    // The reminder is written in the publish transaction: a publish that fails after the timer write
    // leaves neither a published meeting nor a timer (and one that commits has both).
    const timers = h.app.timers;
    const setIn = timers.setIn.bind(timers);
    timers.setIn = async (...args) => {
      await setIn(...args);
      throw new Error('crash after the timer write');
    };
    try {
      await say('会议 发布 县政府第2次常务会议');
    } finally {
      timers.setIn = setIn;
    }
    expect((await meetings()).find((x) => x.id === mondayId)).toMatchObject({ status: 'planned' });
    expect(await h.app.timers.get(reminderKey(mondayId, '2026-10-16'))).toBeUndefined();
    await say('会议 发布 县政府第2次常务会议');
    expect(lastText()).toContain('议程已发布');
    const m = (await meetings()).find((x) => x.id === mondayId)!;
    expect(m.reminderDate).toBe('2026-10-16');
    // A topic added to the published agenda: its presenter is told by DM; the others are not told twice.
    const zhouId = (await h.app.db.prisma.person.findFirstOrThrow({ where: { openId: zhou.openId } })).id;
    const late = await makeTopic(h.app.db.prisma, {
      title: '关于老旧小区改造的议题',
      unitId: ids.zhujian!,
      presenterId: zhouId,
      leaderId: ids.li!,
      meetingTypeId: ids.type!,
      at: clock.now(),
    });
    const qianDms = h.fake.cardsIn(dm(qian)).length;
    await say(`会议 加入 县政府第2次常务会议 ${late.number}`);
    expect(cardText(lastCard(dm(zhou)).card)).toContain('您为第2项议题的汇报人');
    expect(h.fake.cardsIn(dm(qian))).toHaveLength(qianDms);
    expect((await h.app.timers.get(reminderKey(mondayId, '2026-10-16')))?.dueAt).toEqual(new Date('2026-10-16T08:00:00+08:00'));
    // 改期 to Tuesday: the reminder moves to Monday.
    await say('会议 改期 县政府第2次常务会议 10月20日下午3:00');
    expect(lastText()).toContain('已改期至10月20日（周二）下午3:00');
    expect((await h.app.timers.get(reminderKey(mondayId, '2026-10-16')))?.cancelledAt).not.toBeNull();
    expect((await h.app.timers.get(reminderKey(mondayId, '2026-10-19')))?.dueAt).toEqual(new Date('2026-10-19T08:00:00+08:00'));
    // Likewise the cancellation: one that fails after cancelling the timer leaves it pending.
    const cancelIn = timers.cancelIn.bind(timers);
    timers.cancelIn = async (...args) => {
      await cancelIn(...args);
      throw new Error('crash after the timer write');
    };
    try {
      await say('会议 取消 县政府第2次常务会议');
    } finally {
      timers.cancelIn = cancelIn;
    }
    expect((await meetings()).find((x) => x.id === mondayId)).toMatchObject({ status: 'published' });
    expect((await h.app.timers.get(reminderKey(mondayId, '2026-10-19')))?.cancelledAt).toBeNull();
    await say('会议 取消 县政府第2次常务会议');
    expect(lastText()).toContain('已取消');
    expect((await h.app.timers.get(reminderKey(mondayId, '2026-10-19')))?.cancelledAt).not.toBeNull();
    expect(await topic(topics.budget!.id)).toMatchObject({ status: 'ready', meetingId: null, postponedCount: 1 });
  });

  it('queries: 会议 列表, 会议 <编号>, 议题 列表 with filters, 议题 <编号>', async () => {
    await say('会议 列表');
    let text = cardText(lastCard().card);
    expect(text).toContain('县政府第1次常务会议');
    expect(text).toContain('县政府第2次常务会议');
    expect(text).toContain('已取消');
    await say('会议 县政府第2次常务会议');
    expect(cardText(lastCard().card)).toContain('已取消');
    await say('议题 列表 待列入议程');
    text = cardText(lastCard().card);
    expect(text).toContain(topics.budget!.number);
    expect(text).not.toContain(topics.contract!.number);
    await say('议题 列表 财政局 常务会');
    text = cardText(lastCard().card);
    expect(text).toContain('共3项');
    await say(`议题 ${topics.contract!.number}`);
    text = cardText(lastCard().card);
    expect(text).toContain('关于城区供水特许经营合同的议题');
    expect(text).toContain('修改后通过');
    expect(text).toContain('补充违约责任条款');
    expect(text).toContain('县政府第1次常务会议第1项');
  });

  it('in a group where some member may not see it, a query is answered by DM with a note in the group', async () => {
    // The meeting group holds 司法局's liaison: neither the arrange card (office only) nor a 财政局 topic's timeline is for her.
    const before = h.fake.cardsIn(group).length;
    await say('会议 议程 县政府第1次常务会议', zhao, group);
    expect(lastText(group)).toContain('已私信发送给您');
    expect(cardText(lastCard(dm(zhao)).card)).toContain('县政府第1次常务会议');
    await say(`议题 ${topics.contract!.number}`, zhao, group);
    expect(lastText(group)).toContain('本群部分成员无权查看');
    expect(cardText(lastCard(dm(zhao)).card)).toContain('补充违约责任条款');
    await say('议题 列表', zhao, group);
    expect(lastText(group)).toContain('已私信发送给您');
    expect(h.fake.cardsIn(group)).toHaveLength(before);
    // Among the office only, the answer stays where it was asked.
    await say(`议题 ${topics.contract!.number}`);
    expect(cardText(lastCard().card)).toContain('补充违约责任条款');
  });

  it('修改 opens the form; submitting shows the confirmation again; 放弃 creates nothing', async () => {
    const count = (await meetings()).length;
    await say('会议 新建 县长办公会 10月21日下午3:00 二楼会议室');
    const c = lastCard();
    expect(cardText(c.card)).toContain('第1次县长办公会议');
    await click(c.messageId, zhao, buttonValue(c.card, '修改'));
    const form = shown(c.messageId);
    expect(cardText(form)).toContain('修改会议信息');
    const r = await h.fake.click({
      messageId: c.messageId,
      by: zhao,
      value: buttonValue(form, '提交'),
      formValue: { type: '县长办公会', when: '10月22日 上午10:00', place: '五楼会议室' },
      name: 'submit',
    });
    await h.settle();
    expect(r.status).toBe(200);
    const again = shown(c.messageId);
    expect(cardText(again)).toContain('10月22日（周四）上午10:00');
    expect(cardText(again)).toContain('五楼会议室');
    await click(c.messageId, zhao, buttonValue(again, '放弃'));
    expect(cardText(shown(c.messageId))).toContain('本次会议未新建');
    expect(await meetings()).toHaveLength(count);
  });
});
