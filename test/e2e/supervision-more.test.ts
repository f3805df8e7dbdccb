import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('督查督办: forms, extensions, progress requests, 回访, 通报', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00'); // Tuesday
  let h: Harness;
  let supervisor: FakeUser, liaison: FakeUser, leader: FakeUser;
  let group: string;
  let housingId: string, leaderId: string;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const lastCard = (chatId: string) => h.fake.cardsIn(chatId).at(-1)!;
  const currentCard = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;
  const item = (n: number) => h.app.db.prisma.supervisionItem.findUniqueOrThrow({ where: { number: `督〔2026〕${n}号` } });

  beforeAll(async () => {
    h = await startHarness({ clock });
    supervisor = h.fake.addUser('王督查');
    liaison = h.fake.addUser('刘联络');
    leader = h.fake.addUser('李副县长');
    group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    housingId = (await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } })).id;
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: housingId, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    leaderId = (await db.person.create({ data: { name: leader.name, openId: leader.openId, unitId: office.id, roles: { create: [{ role: 'leader' }] } } })).id;
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  it('creates an item through the form; a refused submission comes back with the error and what was typed', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建' });
    await h.settle();
    const form = lastCard(group);
    expect(cardText(form.card)).toContain('督办事项立项');
    const values = {
      content: '完善城区停车设施',
      unit: housingId,
      leader: leaderId,
      deadline: '2026-11-28 +0800',
      source: 'meeting',
      ref: '第9次常务会',
      cycle: 'weekly',
      urgency: 'normal',
      promised: 'no',
    };
    const bad = await h.fake.click({ messageId: form.messageId, by: supervisor, value: buttonValue(form.card, '立项'), formValue: values, name: 'submit' });
    expect(JSON.stringify(bad.body)).toContain('不是工作日'); // 11-28 is a Saturday
    expect(cardText(currentCard(form.messageId))).toContain('完善城区停车设施');
    const good = await h.fake.click({
      messageId: form.messageId,
      by: supervisor,
      value: buttonValue(currentCard(form.messageId), '立项'),
      formValue: { ...values, deadline: '2026-12-18 +0800' },
      name: 'submit',
    });
    expect(good.body).toMatchObject({ toast: { type: 'success', content: '已立项：督〔2026〕1号' } });
    await h.settle();
    expect(cardText(currentCard(form.messageId))).toContain('督〔2026〕1号');
    expect(cardText(lastCard(dm(liaison)).card)).toContain('完善城区停车设施');
    expect((await item(1)).progressCycle).toBe('weekly');
  });

  it('an extension is requested by the unit and approved by the supervisor: new deadline, ladder restarts', async () => {
    const direct = lastCard(dm(liaison));
    await h.fake.click({ messageId: direct.messageId, by: liaison, value: buttonValue(direct.card, '签收') });
    await h.fake.click({ messageId: direct.messageId, by: liaison, value: buttonValue(currentCard(direct.messageId), '申请延期') });
    const early = await h.fake.click({
      messageId: direct.messageId,
      by: liaison,
      value: buttonValue(currentCard(direct.messageId), '提交申请'),
      formValue: { reason: '设备到货延迟', date: '2026-12-10 +0800' },
      name: 'submit',
    });
    expect(JSON.stringify(early.body)).toContain('应晚于现有时限');
    // The refused form stays open with what was typed; the liaison corrects the date and submits again.
    await h.fake.click({
      messageId: direct.messageId,
      by: liaison,
      value: buttonValue(currentCard(direct.messageId), '提交申请'),
      formValue: { reason: '设备到货延迟', date: '2026-12-31 +0800' },
      name: 'submit',
    });
    await h.settle();
    const decision = lastCard(group);
    expect(buttonLabels(decision.card)).toEqual(['同意延期', '不同意延期']);
    await h.app.db.prisma.supervisionItem.update({ where: { number: '督〔2026〕1号' }, data: { chaseStep: 3 } });
    await h.fake.click({ messageId: decision.messageId, by: supervisor, value: buttonValue(decision.card, '同意延期') });
    await h.settle();
    const updated = await item(1);
    expect(updated.deadline).toBe('2026-12-31');
    expect(updated.chaseStep).toBe(0);
    expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain('新的完成时限为 2026-12-31');
    expect(buttonLabels(currentCard(decision.messageId))).toEqual([]);
  });

  it('asks for weekly progress on Monday when none was reported that week', async () => {
    clock.set('2026-11-30T09:00:00+08:00'); // Monday
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    expect(cardText(lastCard(dm(liaison)).card)).toContain('请报送本周进展');
  });

  it('posts the weekly 通报 to the 督查 group, naming overdue units and leaders', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 整治背街小巷环境 单位:县住建局 领导:李副县长 期限:2026-12-01' });
    await h.settle();
    clock.set('2026-12-07T09:30:00+08:00'); // Monday, 09:30
    const outcomes = await h.app.scheduler.runDue(clock.now());
    expect(outcomes['supervision.report']).toBe('ran');
    await h.settle();
    // The chase due at 09:00 runs in the same catch-up and escalates to this group too, and the two
    // cards may arrive in either order: find the report among them.
    const reports = h.fake
      .cardsIn(group)
      .map((c) => cardText(c.card))
      .filter((t) => t.includes('督查通报'));
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report).toContain('超期事项');
    expect(report).toContain('县住建局');
    expect(report).toContain('李副县长');
  });

  it('回访 after closure: the unit confirms, once', async () => {
    const db = h.app.db.prisma;
    await db.supervisionItem.update({
      where: { number: '督〔2026〕2号' },
      data: { status: 'closed', closedAt: clock.now(), followUpDays: 3, followUpDate: '2026-12-10' },
    });
    clock.set('2026-12-10T09:10:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))['supervision.follow-up']).toBe('ran');
    await h.settle();
    const card = lastCard(dm(liaison));
    expect(cardText(card.card)).toContain('督办回访');
    const r = await h.fake.click({ messageId: card.messageId, by: liaison, value: buttonValue(card.card, '成效巩固') });
    expect(r.body).toMatchObject({ toast: { type: 'success' } });
    expect(cardText(currentCard(card.messageId))).toContain('办理成效巩固');
    expect((await item(2)).followUpDone).toBe(true);
  });

  it('lists 承诺办理 (B类) proposals on the first working day of October', async () => {
    await h.app.db.prisma.supervisionItem.update({ where: { number: '督〔2026〕1号' }, data: { sourceType: 'proposal', promised: true } });
    clock.set('2027-10-08T09:00:00+08:00'); // 2027 has no holiday data here: the package treats it as Mon–Fri
    await h.app.db.prisma.calendarDay.createMany({
      data: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday', name: '国庆节' })),
    });
    await h.app.calendar.reload();
    expect((await h.app.scheduler.runDue(clock.now()))['supervision.october-review']).toBe('ran');
    await h.settle();
    const review = cardText(lastCard(group).card);
    expect(review).toContain('承诺办理（B类）建议提案回头看（1 项）');
    expect(review).toContain('督〔2026〕1号');
  });
});

describe('督办 撤销', () => {
  let h: Harness;
  afterAll(() => h?.stop());
  it('a supervisor cancels an item with a reason; cards and the unit are told; others are refused', async () => {
    h = await startHarness({ clock: new FixedClock('2026-11-24T10:00:00+08:00') });
    // The morning's catch-up (今日汇要 until noon) first: else the liaison's morning card can land after the item's.
    await caughtUp(h);
    const supervisor = h.fake.addUser('王督查');
    const liaison = h.fake.addUser('刘联络');
    const group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const unit = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } });
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: unit.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: unit.id, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 清理违规广告牌 单位:县住建局 期限:5个工作日' });
    await h.settle();
    const p2p = h.fake.p2pChatId(liaison.openId);
    await h.fake.userSays({ chatId: p2p, from: liaison, text: '督办 撤销 1 不想办了', p2p: true });
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 撤销 督〔2026〕1号 已并入全县市容整治专项' });
    await h.settle();
    expect(h.fake.textsIn(p2p).some((t) => t.includes('需要督查员角色'))).toBe(true);
    expect(h.fake.textsIn(group).at(-1)).toBe('已撤销 督〔2026〕1号，相关卡片已更新。');
    expect(h.fake.textsIn(p2p).at(-1)).toContain('已并入全县市容整治专项');
    const direct = h.fake.cardsIn(p2p).at(-1)!;
    expect(cardText(JSON.parse(h.fake.messages.get(direct.messageId)!.content))).toContain('已撤销');
    expect(buttonLabels(JSON.parse(h.fake.messages.get(direct.messageId)!.content))).toEqual([]);
  });
});
