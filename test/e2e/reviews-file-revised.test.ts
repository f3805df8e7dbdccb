import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * A file draft returned for 修改: the drafter sends the revised file in the DM and submits it as the
 * draft's 修改稿. The draft now stands on the new file at revision 2, the earlier sign-off is voided and
 * re-confirmed on it, and the chain completes on the file the reviewers actually saw.
 */
describe('文稿审核: a revised file sent as the returned draft’s 修改稿', () => {
  const clock = new FixedClock('2026-12-03T09:00:00+08:00');
  let h: Harness;
  let drafter: FakeUser, chief: FakeUser, vice: FakeUser, director: FakeUser, other: FakeUser;
  let zhId: string;
  let group: string;
  const number = '审〔2026〕1号';
  const offer = `作为${number}的修改稿提交`;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const cardWith = (chatId: string, word: string) => h.fake.cardsIn(chatId).filter((c) => cardText(c.card).includes(word));
  const holderCard = (u: FakeUser) => cardWith(dm(u), '请审核').at(-1)!;
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>, value?: Record<string, unknown>) => {
    clock.set(new Date(clock.now().getTime() + 60_000));
    const r = await h.fake.click({
      messageId,
      by: u,
      value: value ?? buttonValue(current(messageId), label),
      ...(formValue ? { formValue, name: 'submit' } : {}),
    });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const sendFile = async (name: string) => {
    await h.fake.userSendsFile({ chatId: dm(drafter), from: drafter, name, bytes: new Uint8Array([1, 2, 3, name.length]) });
    await h.settle();
  };
  // The offer as it was posted: its message and its button's value (a second click sends that same value).
  let offerCard: { messageId: string; value: Record<string, unknown> };
  const draft = () => h.app.db.prisma.reviewDraft.findFirstOrThrow();

  beforeAll(async () => {
    h = await startHarness({ clock });
    drafter = h.fake.addUser('李文');
    chief = h.fake.addUser('周科长');
    vice = h.fake.addUser('卫副主任');
    director = h.fake.addUser('陈主任');
    other = h.fake.addUser('赵科员');
    group = h.fake.addChat('文稿审核群', [chief, vice, director]);
    const db = h.app.db.prisma;
    const zh = await db.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
    zhId = zh.id;
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(drafter, zh.id, '科员', []);
    await person(other, zh.id, '科员', []);
    await person(chief, zh.id, '科长', [['section_chief', '']]);
    await person(vice, office.id, '副主任', [['director', `unit:${zh.id}`]]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'reviews' } });
  });
  afterAll(() => h?.stop());

  it('submitted as a file, passed by the 科长, returned by the 分管副主任: the notice says to send the revised file', async () => {
    await sendFile('值班制度（初稿）.docx');
    // Nothing is back for 修改 yet: only the submit form.
    expect(cardWith(dm(drafter), offer)).toHaveLength(0);
    const form = cardWith(dm(drafter), '提交文稿审核').at(-1)!;
    expect(
      (await click(drafter, form.messageId, '提交送审', { title: '关于印发值班制度的通知', kind: 'general', urgency: 'normal', unit: zhId })).toast?.type,
    ).toBe('success');
    expect(await click(chief, holderCard(chief).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    const viceCard = holderCard(vice).messageId;
    await click(vice, viceCard, '退回修改');
    expect((await click(vice, viceCard, '确认退回', { comment: '请补充节假日值班安排' })).toast?.type).toBe('success');
    expect(h.fake.textsIn(dm(drafter)).at(-1)).toContain(`把修改稿文件私聊发给助手，点击「${offer}」`);
  });

  it('a file sent while the draft is 已退回 is offered as its 修改稿, beside the form for a new draft', async () => {
    await sendFile('值班制度（修改稿）.docx');
    const offers = cardWith(dm(drafter), offer);
    expect(offers).toHaveLength(1);
    expect(buttonLabels(offers[0]!.card)).toEqual([offer]);
    offerCard = { messageId: offers[0]!.messageId, value: buttonValue(offers[0]!.card, offer) };
    expect(cardText(offers[0]!.card)).toContain('现为附件「值班制度（初稿）.docx」（第1版）');
    // The new-draft form still follows, for a file that is another draft.
    expect(cardText(cardWith(dm(drafter), '提交文稿审核').at(-1)!.card)).toContain('值班制度（修改稿）.docx');
  });

  it('nobody but the drafter can use the offer; the drafter’s click resubmits on the new file as revision 2', async () => {
    const card = offerCard;
    const refused = await click(other, card.messageId, offer, undefined, card.value);
    expect(refused.toast?.content).toContain('只有起草人本人可以重新提交');
    expect((await draft()).status).toBe('returned');

    const r = await click(drafter, card.messageId, offer, undefined, card.value);
    expect(r.toast).toMatchObject({ type: 'success' });
    expect(cardText(current(card.messageId))).toContain(`已将「值班制度（修改稿）.docx」作为${number}的修改稿（第2版）重新提交，已送分管副主任 卫副主任审核`);
    const d = await draft();
    expect([d.status, d.revision, d.fileName]).toEqual(['reviewing', 2, '值班制度（修改稿）.docx']);
    expect(d.fileKey).not.toBe('');

    // The reviewers see the new file: the 分管副主任's new card and the 科长's re-confirm; the group's chain card
    // shows the revision only (no attachment or link there: details go by 审核 <编号>, per the view policy).
    expect(cardText(holderCard(vice).card)).toContain('附件「值班制度（修改稿）.docx」（第2版）');
    const groupCard = cardText(current(cardWith(group, number)[0]!.messageId));
    expect(groupCard).toContain('文稿：第2版');
    expect(groupCard).not.toContain('值班制度（修改稿）.docx');
    const re = cardWith(dm(chief), '请重新确认');
    expect(re).toHaveLength(1);
    expect(cardText(re[0]!.card)).toContain('第1版 → 第2版');
    expect(cardText(re[0]!.card)).toContain('值班制度（修改稿）.docx');
    // And the new file itself, right after each card: the 科长 had the first file at submission, now the revised one.
    const lastFile = (u: FakeUser) => h.fake.filesIn(dm(u)).at(-1)!.file;
    const revised = [1, 2, 3, '值班制度（修改稿）.docx'.length];
    const chiefDm = h.fake.messagesIn(dm(chief));
    expect(chiefDm[chiefDm.findIndex((m) => m.messageId === re[0]!.messageId) + 1]?.msgType).toBe('file');
    expect(h.fake.filesIn(dm(chief)).map((f) => f.file.name)).toEqual([expect.any(String), '值班制度（修改稿）.docx']);
    expect([...lastFile(chief).bytes]).toEqual(revised);
    const viceDm = h.fake.messagesIn(dm(vice));
    expect(viceDm[viceDm.findIndex((m) => m.messageId === holderCard(vice).messageId) + 1]?.msgType).toBe('file');
    expect(lastFile(vice).name).toBe('值班制度（修改稿）.docx');
    expect([...lastFile(vice).bytes]).toEqual(revised);
  });

  it('a second click on the offer changes nothing: the draft is no longer 已退回', async () => {
    const again = await click(drafter, offerCard.messageId, offer, undefined, offerCard.value);
    // Either the repeated click is recognised as one already handled, or the draft is no longer 已退回: no success.
    expect(again.toast?.type).not.toBe('success');
    const d = await draft();
    expect([d.status, d.revision]).toEqual(['reviewing', 2]);
    const resubmits = await h.app.db.prisma.auditEntry.count({ where: { objectType: 'review_draft', action: 'resubmit' } });
    expect(resubmits).toBe(1);
  });

  it('the chain completes on the revised file; the audit trail records the file it was resubmitted with', async () => {
    await click(chief, cardWith(dm(chief), '请重新确认')[0]!.messageId, '确认（第2版）');
    expect(await click(vice, holderCard(vice).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    expect(await click(director, holderCard(director).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    const d = await draft();
    expect([d.status, d.fileName]).toEqual(['approved', '值班制度（修改稿）.docx']);
    const steps = await h.app.db.prisma.reviewStep.findMany({ orderBy: { position: 'asc' } });
    expect(steps.map((s) => [s.label, s.status, s.revision])).toEqual([
      ['科长', 'approved', 2],
      ['分管副主任', 'approved', 2],
      ['主任', 'approved', 2],
    ]);
    const resubmit = await h.app.db.prisma.auditEntry.findFirstOrThrow({ where: { objectType: 'review_draft', action: 'resubmit' } });
    expect(JSON.parse(resubmit.before)).toMatchObject({ revision: 1, fileName: '值班制度（初稿）.docx' });
    expect(JSON.parse(resubmit.after)).toMatchObject({ revision: 2, fileName: '值班制度（修改稿）.docx' });
  });
});
