import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { meetingWithAgenda } from '../support/minutes-fixtures.js';

/** Every callback value of the buttons with this label, in the card's order (one per topic). */
function valuesOf(card: unknown, label: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button' && (o.text as { content?: string } | undefined)?.content === label) {
      const cb = (o.behaviors as { type: string; value: Record<string, unknown> }[] | undefined)?.find((b) => b.type === 'callback');
      if (cb) found.push(cb.value);
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/**
 * 会议记录 from a card (issue 14, item 5): after 会议 召开 the office's card offers per topic 记录结果 (a
 * form: the outcome and an opinion) and 添加议定事项 (content, 承办单位, 负责领导, deadline by the shared
 * phrase parser), with the same checks and words as the commands: a decision without a unit refused and
 * nothing written; someone outside the office refused whatever the card says.
 */
describe('会议记录 card: outcomes and 议定事项 recorded from forms', () => {
  const clock = new FixedClock('2026-09-30T15:00:00+08:00');
  let h: Harness;
  let secretary: FakeUser, stranger: FakeUser;
  const number = '县政府第1次常务会议';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: dm(secretary), from: secretary, text, p2p: true });
    await h.settle();
  };
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const click = async (u: FakeUser, messageId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by: u, value, ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string } };
  };
  let record = '';
  const topics = () => h.app.db.prisma.topic.findMany({ orderBy: { agendaPosition: 'asc' } });

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    secretary = h.fake.addUser('赵秘书');
    stranger = h.fake.addUser('陈科员');
    const county = h.fake.addUser('张县长');
    const vice = h.fake.addUser('李副县长');
    const liaison = h.fake.addUser('刘联络');
    const group = h.fake.addChat('县政府常务会议群', [county, vice, secretary]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const cz = await db.unit.create({ data: { code: 'CZJ', name: '县财政局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    const sec = await person(secretary, office.id, '秘书', [['secretary', '']]);
    await person(stranger, zj.id, '科员', []);
    const zhang = await person(county, office.id, '县长', [['leader', '']]);
    const li = await person(vice, office.id, '副县长', [
      ['leader', `unit:${zj.id}`],
      ['leader', `unit:${cz.id}`],
    ]);
    const zjl = await person(liaison, zj.id, '科员', [['liaison', 'supervision']]);
    await meetingWithAgenda(db, {
      startsAt: new Date('2026-09-30T09:00:00+08:00'),
      presidingId: zhang.id,
      attendeeIds: [zhang.id, li.id],
      chatId: group,
      creator: { id: sec.id, openId: secretary.openId },
      topics: [
        { title: '关于老旧小区改造实施方案的议题', unitId: zj.id, submitter: { id: zjl.id, openId: liaison.openId }, leaderId: li.id },
        { title: '县级财政预算调整方案', unitId: cz.id, submitter: { id: zjl.id, openId: liaison.openId }, leaderId: li.id },
      ],
    });
  });
  afterAll(() => h?.stop());

  it('会议 召开 answers with the 会议记录 card: per topic 记录结果 and 添加议定事项', async () => {
    await say(`会议 召开 ${number}`);
    const c = h.fake.cardsIn(dm(secretary)).at(-1)!;
    record = c.messageId;
    const text = cardText(c.card);
    expect(text).toContain('县政府第1次常务会议会议记录');
    expect(text).toContain('10月10日');
    expect(buttonLabels(c.card)).toEqual(['记录结果', '添加议定事项', '记录结果', '添加议定事项']);
  });

  it('someone outside the office is refused, whatever the card value says; nothing is recorded', async () => {
    const value = valuesOf(current(record), '记录结果')[0]!;
    const r = await click(stranger, record, value);
    expect(r.toast?.type).toBe('error');
    const save = await click(stranger, record, { ...value, a: 'minutes.outcome' }, { outcome: '通过' });
    expect(save.toast?.type).toBe('error');
    expect((await topics()).map((t) => t.outcome)).toEqual(['', '']);
  });

  it('记录结果: the form records the outcome and the opinion; the card shows them', async () => {
    const open = await click(secretary, record, valuesOf(current(record), '记录结果')[1]!);
    expect(open.toast).toBeUndefined();
    const form = current(record);
    expect(cardText(form)).toContain('记录审议结果');
    expect(cardText(form)).toContain('县级财政预算调整方案');
    const r = await click(secretary, record, buttonValue(form, '保存'), { outcome: '原则通过', note: '请进一步细化资金测算' });
    expect(r.toast).toMatchObject({ type: 'success' });
    expect(r.toast?.content).toContain('「原则通过」');
    const [first, second] = await topics();
    expect([first!.status, first!.outcome]).toEqual(['scheduled', '']);
    expect([second!.status, second!.outcome, second!.outcomeNote]).toEqual(['discussed', 'passed_in_principle', '请进一步细化资金测算']);
    expect(cardText(current(record))).toContain('审议结果：原则通过（请进一步细化资金测算）');
    // No outcome chosen: the form again with the reason.
    await click(secretary, record, valuesOf(current(record), '记录结果')[0]!);
    const none = await click(secretary, record, buttonValue(current(record), '保存'), { note: '同意' });
    expect(none.toast?.content).toContain('无法识别审议结果');
    expect(cardText(current(record))).toContain('记录审议结果');
    expect((await topics())[0]!.outcome).toBe('');
    await click(secretary, record, buttonValue(current(record), '保存'), { outcome: '通过' });
    expect((await topics())[0]!.outcome).toBe('passed');
  });

  it('添加议定事项: without a 承办单位 it is refused whole and the form keeps what was typed; then recorded', async () => {
    await click(secretary, record, valuesOf(current(record), '添加议定事项')[0]!);
    const form = current(record);
    expect(cardText(form)).toContain('添加议定事项');
    const save = buttonValue(form, '保存');
    const refused = await click(secretary, record, save, { content: '抓紧推进老旧小区改造', leader: '李副县长', deadline: '10月30日' });
    expect(refused.toast).toMatchObject({ type: 'error' });
    expect(refused.toast?.content).toContain('议定事项须明确承办单位');
    expect(await h.app.db.prisma.meetingDecision.count()).toBe(0);
    expect(cardText(current(record))).toContain('抓紧推进老旧小区改造');
    // A deadline already past: refused in the parser's words, nothing written.
    const past = await click(secretary, record, save, { content: '抓紧推进老旧小区改造', unit: '县住建局', deadline: '2026年9月1日' });
    expect(past.toast?.content).toContain('早于今天');
    expect(await h.app.db.prisma.meetingDecision.count()).toBe(0);
    const ok = await click(secretary, record, save, { content: '抓紧推进老旧小区改造', unit: '住建局', leader: '李副县长', deadline: '10月30日' });
    expect(ok.toast).toMatchObject({ type: 'success' });
    expect(ok.toast?.content).toContain('承办单位 县住建局');
    const [d] = await h.app.db.prisma.meetingDecision.findMany();
    expect(d).toMatchObject({ content: '抓紧推进老旧小区改造', deadline: '2026-10-30', position: 1 });
    const text = cardText(current(record));
    expect(text).toContain('议定1：抓紧推进老旧小区改造｜承办：县住建局｜负责领导：李副县长｜时限：10月30日');
  });

  it('once the 纪要 is sent for review the card has no buttons, and a click on an old form is refused', async () => {
    await click(secretary, record, valuesOf(current(record), '添加议定事项')[1]!);
    const save = buttonValue(current(record), '保存');
    await h.app.db.prisma.meeting.updateMany({ data: { status: 'minutes', minutesStatus: 'reviewing' } });
    const r = await click(secretary, record, save, { content: '做好资金保障', unit: '县财政局' });
    expect(r.toast?.content).toContain('纪要已送审');
    expect(await h.app.db.prisma.meetingDecision.count()).toBe(1);
    await say(`会议 记录 ${number}`);
    const c = h.fake.cardsIn(dm(secretary)).at(-1)!;
    expect(buttonLabels(c.card)).toEqual([]);
    expect(cardText(c.card)).toContain('纪要已送审');
  });
});
