import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * A 规范性文件 through the real SDK and the fake Lark: submitted by a drafter on a Feishu document, 科长 →
 * 分管副主任 (退回修改 with a comment) → the drafter edits the document (its revision moves; the edit
 * event voids the 科长's sign-off) and resubmits → 分管副主任 → 法制审查 → 主任 (refused until the 科长
 * re-confirms) → done. Every card ends in the final state, in place; the audit trail has every step
 * with the revision it was given on.
 */
describe('文稿审核 end to end', () => {
  const clock = new FixedClock('2026-12-01T09:00:00+08:00'); // Tuesday
  let h: Harness;
  let drafter: FakeUser, chief: FakeUser, vice: FakeUser, legal: FakeUser, director: FakeUser;
  let group: string;
  let doc: { token: string; url: string };
  const number = '审〔2026〕1号';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const cardWith = (chatId: string, word: string) => h.fake.cardsIn(chatId).filter((c) => cardText(c.card).includes(word));
  const holderCard = (u: FakeUser) => cardWith(dm(u), '请审核').at(-1)!;
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>) => {
    // A minute per act, so the timeline and the audit trail order by time.
    clock.set(new Date(clock.now().getTime() + 60_000));
    const r = await h.fake.click({ messageId, by: u, value: buttonValue(current(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string } };
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    drafter = h.fake.addUser('李文');
    chief = h.fake.addUser('周科长');
    vice = h.fake.addUser('卫副主任');
    legal = h.fake.addUser('秦审查');
    director = h.fake.addUser('陈主任');
    group = h.fake.addChat('文稿审核群', [chief, vice, legal, director]);
    const db = h.app.db.prisma;
    const zh = await db.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(drafter, zh.id, '科员', []);
    await person(chief, zh.id, '科长', [['section_chief', '']]);
    await person(vice, office.id, '副主任', [['director', `unit:${zh.id}`]]);
    await person(legal, office.id, '法制股股长', [['legal_reviewer', '']]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'reviews' } });
    doc = h.fake.addDocument({ title: '县政府规范性文件管理办法', text: '第一条 总则\n第二条 适用范围\n第三条 施行日期', owner: drafter });
  });
  afterAll(() => h?.stop());

  it('the drafter submits in one line: numbered, the 科长 gets the holder card, the drafter and the group the chain card', async () => {
    await h.fake.userSays({ chatId: dm(drafter), from: drafter, text: `审核 提交 县政府规范性文件管理办法 ${doc.url} 加急 类型:规范性文件`, p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(drafter)).at(-1)).toContain(`已提交：${number}「县政府规范性文件管理办法」，已送科长 周科长审核`);
    const card = holderCard(chief);
    expect(buttonLabels(card.card)).toEqual(['通过', '退回修改', '转交', '加签']);
    expect(cardText(card.card)).toContain('加急');
    expect(cardText(card.card)).toContain(doc.url);
    expect(cardWith(dm(drafter), `文稿审核 · ${number}`)).toHaveLength(1);
    expect(cardWith(group, number)).toHaveLength(1);
    const chain = cardText(cardWith(group, number)[0]!.card);
    for (const level of ['科长', '分管副主任', '法制审查', '主任']) expect(chain).toContain(level);
  });

  it('科长 通过; 分管副主任 退回修改 with a comment; the drafter’s card offers 重新提交（修改稿）', async () => {
    clock.set('2026-12-01T10:30:00+08:00');
    const chiefCard = holderCard(chief).messageId;
    expect((await click(chief, chiefCard, '通过')).toast?.type).toBe('success');
    expect(cardText(current(chiefCard))).toContain('已通过（第1版）');
    expect(buttonLabels(current(chiefCard))).toEqual([]);
    const viceCard = holderCard(vice).messageId;
    await click(vice, viceCard, '退回修改');
    expect(cardText(current(viceCard))).toContain('修改意见');
    expect((await click(vice, viceCard, '确认退回', { comment: '第二条适用范围请写明到行政机关' })).toast?.type).toBe('success');
    const drafterCard = cardWith(dm(drafter), `文稿审核 · ${number}`)[0]!.messageId;
    expect(cardText(current(drafterCard))).toContain('已退回修改');
    expect(buttonLabels(current(drafterCard))).toEqual(['重新提交（修改稿）']);
    expect(h.fake.textsIn(dm(drafter)).at(-1)).toContain('意见：第二条适用范围请写明到行政机关');
  });

  it('the drafter edits the document: the edit event voids the 科长’s sign-off and asks for a re-confirm with the change', async () => {
    await h.fake.editDocument(doc.token, drafter, '第一条 总则\n第二条 适用范围为全县行政机关\n第三条 施行日期');
    await h.settle();
    const re = cardWith(dm(chief), '请重新确认');
    expect(re).toHaveLength(1);
    const text = cardText(re[0]!.card);
    expect(text).toContain('第1版 → 第2版');
    expect(text).toContain('最后修改人：李文');
    expect(text).toContain('增：第二条 适用范围为全县行政机关');
    expect(text).toContain('删：第二条 适用范围');
    expect(cardText(current(cardWith(group, number)[0]!.messageId))).toContain('已失效 · 待重新确认');
  });

  it('resubmitted, the chain resumes at 分管副主任; the final sign-off waits for the 科长’s re-confirmation', async () => {
    clock.set('2026-12-01T14:40:00+08:00');
    const drafterCard = cardWith(dm(drafter), `文稿审核 · ${number}`)[0]!.messageId;
    expect((await click(drafter, drafterCard, '重新提交（修改稿）')).toast?.type).toBe('success');
    expect(await click(vice, holderCard(vice).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    expect(await click(legal, holderCard(legal).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    const final = holderCard(director).messageId;
    const refused = await click(director, final, '通过');
    expect(refused.toast?.content).toContain('科长 周科长尚未在该版本上确认');
    expect(buttonLabels(current(final))).toContain('通过');
    const re = cardWith(dm(chief), '请重新确认')[0]!.messageId;
    expect(await click(chief, re, '确认（第2版）')).toMatchObject({ toast: { type: 'success' } });
    expect(cardText(current(re))).toContain('已重新确认（第2版）');
    expect(await click(director, final, '通过')).toMatchObject({ toast: { type: 'success' } });
  });

  it('every card shows the final state in place; the audit trail holds every step with its revision', async () => {
    for (const chatId of [dm(drafter), group]) {
      const shown = cardText(current(cardWith(chatId, number)[0]!.messageId));
      expect(shown).toContain('审核完成');
      expect(shown).not.toContain('重新提交');
    }
    for (const u of [chief, vice, legal, director]) {
      const cards = cardWith(dm(u), number);
      for (const c of cards) expect(buttonLabels(current(c.messageId))).toEqual([]);
    }
    expect(h.fake.textsIn(dm(drafter)).at(-1)).toContain('已审核完成（第2版）');
    const audit = await h.app.db.prisma.auditEntry.findMany({
      where: { objectType: 'review_draft', objectId: number },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    expect(audit.map((a) => a.action)).toEqual([
      'submit',
      'approve',
      'return',
      'revision_moved',
      'void',
      'resubmit',
      'approve',
      'approve',
      'reconfirm',
      'approve',
      'finalise',
    ]);
    const revisions = audit.map((a) => (JSON.parse(a.after || '{}') as { revision?: number }).revision);
    expect(revisions).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
    const steps = await h.app.db.prisma.reviewStep.findMany({ orderBy: { position: 'asc' } });
    expect(steps.map((s) => [s.label, s.status, s.revision])).toEqual([
      ['科长', 'approved', 2],
      ['分管副主任', 'approved', 2],
      ['法制审查', 'approved', 2],
      ['主任', 'approved', 2],
    ]);
  });
});
