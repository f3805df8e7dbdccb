import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * A whole 督办 item through the real SDK and the fake Lark server: created by a supervisor in the group,
 * signed and worked on by the unit's liaison, chased across 中秋, a weekend and 国庆 (with the 10-10 make-up
 * Saturday), escalated, refused once at closure, closed.
 */
describe('督查督办 end to end', () => {
  const clock = new FixedClock('2026-09-24T10:00:00+08:00'); // Thursday
  let h: Harness;
  let supervisor: FakeUser, liaison: FakeUser, leader: FakeUser, otherLiaison: FakeUser;
  let group: string;
  let itemId: string;
  const number = '督〔2026〕1号';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const lastCard = (chatId: string) => h.fake.cardsIn(chatId).at(-1)!;
  const currentCard = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;

  beforeAll(async () => {
    // This office keeps the chase's own morning message (DIGEST_SEPARATE): the chase's digests are what is tested here;
    // test/e2e/digest-morning.test.ts covers the merged 今日汇要.
    h = await startHarness({ clock, env: { DIGEST_SEPARATE: 'supervision' } });
    supervisor = h.fake.addUser('王督查');
    liaison = h.fake.addUser('刘联络');
    leader = h.fake.addUser('李副县长');
    otherLiaison = h.fake.addUser('陈联络');
    group = h.fake.addChat('督查工作群', [supervisor, leader]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    const housing = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const water = await db.unit.create({ data: { code: 'SLJ', name: '县水利局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(supervisor, office.id, [['supervisor', '']]);
    await person(liaison, housing.id, [['liaison', 'supervision']]);
    await person(leader, office.id, [['leader', `unit:${housing.id}`]]);
    await person(otherLiaison, water.id, [['liaison', 'supervision']]);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  const chaseAt = async (iso: string) => {
    clock.set(iso);
    const outcome = (await h.app.scheduler.runDue(clock.now()))['supervision.chase'];
    await h.settle();
    return outcome;
  };

  it('a supervisor creates an item in one line; the group gets its card and the liaison a direct card', async () => {
    const r = await h.fake.userSays({
      chatId: group,
      from: supervisor,
      text: '@三办助手 督办 新建 推进城南片区老旧小区雨污分流改造 单位:县住建局 领导:李副县长 期限:2026-09-30',
    });
    expect(r.status).toBe(200);
    await h.settle();
    const groupCard = lastCard(group);
    expect(cardText(groupCard.card)).toContain(number);
    expect(cardText(groupCard.card)).toContain('待签收');
    const direct = lastCard(dm(liaison));
    expect(buttonLabels(direct.card)).toEqual(['签收', '申请延期']);
    itemId = String(buttonValue(direct.card, '签收').id);
  });

  it('refuses bad input precisely and creates nothing', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 测试事项 单位:县交通局 期限:2026-10-30' });
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 测试事项 单位:县住建局 期限:2026-10-02' });
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 测试事项 单位:县住建局 期限:2026-09-01' });
    await h.settle();
    const texts = h.fake.textsIn(group).slice(-3);
    expect(texts[0]).toContain('未找到承办单位「县交通局」');
    expect(texts[1]).toMatch(/国庆.*10月8日（周四）/); // the working days either side, written the office way
    expect(texts[2]).toContain('早于今天');
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
  });

  it('the liaison signs and reports progress from the direct card; the group card follows', async () => {
    const direct = lastCard(dm(liaison));
    const signed = await h.fake.click({ messageId: direct.messageId, by: liaison, value: buttonValue(direct.card, '签收') });
    expect(signed.body).toMatchObject({ toast: { type: 'success' } });
    const opened = await h.fake.click({ messageId: direct.messageId, by: liaison, value: buttonValue(currentCard(direct.messageId), '反馈进展') });
    expect(cardText(currentCard(direct.messageId))).toContain('已完成的工作');
    void opened;
    const submitted = await h.fake.click({
      messageId: direct.messageId,
      by: liaison,
      value: buttonValue(currentCard(direct.messageId), '提交进展'),
      formValue: { done: '完成管网设计招标', percent: '50', next: '进场施工' },
      name: 'submit',
    });
    expect(submitted.body).toMatchObject({ toast: { type: 'success' } });
    await h.settle();
    expect(cardText(currentCard(direct.messageId))).toContain('50%');
    const groupCard = h.fake.cardsIn(group).find((c) => cardText(c.card).includes(number))!;
    expect(cardText(currentCard(groupCard.messageId))).toContain('办理中');
  });

  it('chases on working days only, across 中秋, a weekend, 国庆 and the make-up Saturday, then escalates', async () => {
    const digests = () => h.fake.cardsIn(dm(liaison)).filter((c) => cardText(c.card).includes('督办提醒')).length;
    expect(await chaseAt('2026-09-25T09:00:00+08:00')).toBe('skipped'); // 中秋
    expect(await chaseAt('2026-09-27T09:00:00+08:00')).toBe('skipped'); // Sunday
    expect(digests()).toBe(0);
    expect(await chaseAt('2026-09-28T09:00:00+08:00')).toBe('ran');
    expect(digests()).toBe(1);
    expect(cardText(lastCard(dm(liaison)).card)).toContain('还有2个工作日到期');
    // The same morning again (a restart, a second instance) sends nothing more; nor does the evening.
    expect(await chaseAt('2026-09-28T09:00:30+08:00')).toBe('not_due');
    expect(await chaseAt('2026-09-28T20:00:00+08:00')).toBe('not_due');
    expect(digests()).toBe(1);
    await chaseAt('2026-09-29T09:00:00+08:00');
    await chaseAt('2026-09-30T09:00:00+08:00');
    expect(cardText(lastCard(dm(liaison)).card)).toContain('今日到期');
    for (const day of ['01', '02', '03', '04', '05', '06', '07']) expect(await chaseAt(`2026-10-${day}T09:00:00+08:00`)).toBe('skipped');
    expect(digests()).toBe(3);
    await chaseAt('2026-10-08T09:00:00+08:00');
    expect(cardText(lastCard(dm(liaison)).card)).toContain('已超期1个工作日');
    expect(h.fake.cardsIn(dm(leader))).toHaveLength(0);
    await chaseAt('2026-10-09T09:00:00+08:00');
    expect(digests()).toBe(4); // same rung as yesterday: nothing new
    // A leader whose directory name is a plain name is addressed by surname and title (李建华, 副县长 → 李副县长).
    await h.app.db.prisma.person.updateMany({ where: { openId: leader.openId }, data: { name: '李建华', title: '副县长' } });
    expect(await chaseAt('2026-10-10T09:00:00+08:00')).toBe('ran'); // 调休 Saturday is a working day
    expect(cardText(lastCard(dm(leader)).card)).toContain('李副县长：');
    expect(cardText(lastCard(dm(leader)).card)).not.toContain('李建华同志');
    expect(cardText(lastCard(dm(liaison)).card)).toContain('已超期3个工作日');
    expect(cardText(lastCard(dm(leader)).card)).toContain(number);
    // The leader is informed and asked to 督促 the unit, not told to act and report like a liaison.
    expect(cardText(lastCard(dm(leader)).card)).toMatch(/您负责的以下督办事项已超期，请督促县住建局（[^）]+）加快办理/);
    expect(cardText(lastCard(dm(leader)).card)).not.toContain('反馈进展；');
    const escalation = lastCard(group);
    expect(cardText(escalation.card)).toContain('超期督办事项');
    expect(cardText(escalation.card)).toContain(`<at id=${leader.openId}></at>`);
    // "@ 相关人员": the liaison who acts for the unit is @-mentioned too, not only named.
    expect(cardText(escalation.card)).toContain(`<at id=${liaison.openId}></at>`);
    expect(await chaseAt('2026-10-11T09:00:00+08:00')).toBe('skipped');
  });

  it('closure: requested, refused by the supervisor with a reason, requested again, closed', async () => {
    clock.set('2026-10-12T10:00:00+08:00');
    const direct = h.fake.cardsIn(dm(liaison)).find((c) => cardText(c.card).includes('督办事项 ' + number))!;
    await h.fake.click({ messageId: direct.messageId, by: liaison, value: buttonValue(currentCard(direct.messageId), '申请办结') });
    await h.fake.click({
      messageId: direct.messageId,
      by: liaison,
      value: buttonValue(currentCard(direct.messageId), '提交办结申请'),
      formValue: { result: '主体工程完工' },
      name: 'submit',
    });
    await h.settle();
    // The request shows on the item's one card in the group, updated in place: no second card.
    const itemCards = () => h.fake.cardsIn(group).filter((c) => cardText(c.card).includes('督办事项 ' + number));
    expect(itemCards()).toHaveLength(1);
    const decision = itemCards()[0]!;
    expect(buttonLabels(decision.card)).toEqual(['销号', '退回']);

    // Not a supervisor: refused, even though the button is right there.
    const refused = await h.fake.click({ messageId: decision.messageId, by: otherLiaison, value: buttonValue(decision.card, '销号') });
    expect(refused.body).toMatchObject({ toast: { type: 'error' } });
    expect(JSON.stringify(refused.body)).toContain('督查员');
    expect((await h.app.db.prisma.supervisionItem.findUniqueOrThrow({ where: { id: itemId } })).status).toBe('pending_close');

    // 退回's reason form goes to the supervisor who clicked, privately; the group's card stays as it is.
    const opened = await h.fake.click({ messageId: decision.messageId, by: supervisor, value: buttonValue(decision.card, '退回') });
    expect(opened.body).toMatchObject({ toast: { type: 'info' } });
    await h.settle();
    expect(buttonLabels(currentCard(decision.messageId))).toEqual(['销号', '退回']);
    const form = lastCard(dm(supervisor));
    expect(cardText(form.card)).toContain('退回办结申请');
    await h.fake.click({
      messageId: form.messageId,
      by: supervisor,
      value: buttonValue(form.card, '确认退回'),
      formValue: { reason: '缺少竣工验收材料。' },
      name: 'submit',
    });
    await h.settle();
    expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain('理由：缺少竣工验收材料。请继续办理');
    expect(cardText(currentCard(direct.messageId))).toContain('已退回');

    await h.fake.click({ messageId: direct.messageId, by: liaison, value: buttonValue(currentCard(direct.messageId), '申请办结') });
    await h.fake.click({
      messageId: direct.messageId,
      by: liaison,
      value: buttonValue(currentCard(direct.messageId), '提交办结申请'),
      formValue: { result: '已补齐验收材料' },
      name: 'submit',
    });
    await h.settle();
    expect(itemCards()).toHaveLength(1);
    const second = itemCards()[0]!;
    // What the supervisor decides on: the result the unit submitted this time.
    expect(cardText(second.card)).toContain('**办理结果**：已补齐验收材料');
    const closed = await h.fake.click({ messageId: second.messageId, by: supervisor, value: buttonValue(second.card, '销号') });
    expect(closed.body).toMatchObject({ toast: { type: 'success', content: '已销号' } });
    await h.settle();
  });

  it('every card that shows the item ends showing 已办结, with no buttons left', async () => {
    const refs = await h.app.db.prisma.cardRef.findMany({ where: { objectId: itemId } });
    // The group's one card, the liaison's direct card (each request updated the group's card in place).
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) {
      const card = currentCard(ref.messageId);
      expect(cardText(card)).toContain('已办结');
      expect(buttonLabels(card)).toEqual([]);
    }
  });

  it('a stale button answers why and shows the current state', async () => {
    // The first card of the item in the group, clicked as if it still showed 销号.
    const first = h.fake.cardsIn(group).find((c) => cardText(c.card).includes(number))!;
    const r = await h.fake.click({ messageId: first.messageId, by: supervisor, value: { a: 'sv.close', id: itemId } });
    expect(r.body).toMatchObject({ toast: { type: 'warning' } });
    expect(JSON.stringify(r.body)).toContain('已办结');
  });

  it('the audit trail holds every step, and 督办 <编号> shows the timeline', async () => {
    const actions = (await h.app.db.prisma.auditEntry.findMany({ where: { objectId: number }, orderBy: { at: 'asc' } })).map((a) => a.action);
    // The chase's reminders (2, 1 and 0 working days before, 1 day over) and its escalation are audited too.
    expect(actions).toEqual([
      'create',
      'acknowledge',
      'report_progress',
      'remind',
      'remind',
      'remind',
      'remind',
      'escalate',
      'request_closure',
      'refuse_closure',
      'request_closure',
      'close',
    ]);
    await h.fake.userSays({ chatId: group, from: supervisor, text: `@三办助手 督办 ${number}` });
    await h.settle();
    const detail = cardText(lastCard(group).card);
    for (const step of ['立项', '签收', '反馈进展', '超期升级', '退回办结申请', '销号']) expect(detail).toContain(step);
  });

  it("a liaison cannot see another unit's items", async () => {
    const p2p = dm(otherLiaison);
    await h.fake.userSays({ chatId: p2p, from: otherLiaison, text: `督办 ${number}`, p2p: true });
    await h.fake.userSays({ chatId: p2p, from: otherLiaison, text: '督办 列表 全部', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(p2p).at(-1)).toContain('您没有权限查看该督办事项');
    expect(cardText(lastCard(p2p).card)).toContain('没有符合条件的督办事项');
  });

  it('a leader refused 督办 <编号> (outside their remit) does not find it in 列表 全部 either', async () => {
    const other = h.fake.addUser('赵副县长');
    const water = await h.app.db.prisma.unit.findUniqueOrThrow({ where: { name: '县水利局' } });
    await h.app.db.prisma.person.create({
      data: { name: other.name, openId: other.openId, roles: { create: [{ role: 'leader', scope: `unit:${water.id}` }] } },
    });
    const p2p = dm(other);
    await h.fake.userSays({ chatId: p2p, from: other, text: `督办 ${number}`, p2p: true });
    await h.fake.userSays({ chatId: p2p, from: other, text: '督办 列表 全部', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(p2p).at(-1)).toContain('您没有权限查看该督办事项');
    expect(cardText(lastCard(p2p).card)).not.toContain(number);
    // The leader in charge of 县住建局 sees it both ways.
    await h.fake.userSays({ chatId: dm(leader), from: leader, text: '督办 列表 全部', p2p: true });
    await h.settle();
    expect(cardText(lastCard(dm(leader)).card)).toContain(number);
  });
});
