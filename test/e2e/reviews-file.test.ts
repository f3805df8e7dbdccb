import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * A draft that is an uploaded file (no Feishu document): sent to the bot in a DM, submitted on the form,
 * returned, resubmitted as 修改稿 (revision 1 → 2, voiding the 科长's sign-off), re-confirmed, done.
 * Also 转交 and 加签 on the holder's card, and 审核 <编号> answered privately when the group may not see it.
 */
describe('文稿审核 with an uploaded file', () => {
  const clock = new FixedClock('2026-12-03T09:00:00+08:00');
  let h: Harness;
  let drafter: FakeUser, chief: FakeUser, chief2: FakeUser, vice: FakeUser, director: FakeUser, legal: FakeUser, stranger: FakeUser;
  let zhId: string;
  let group: string;
  const number = '审〔2026〕1号';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const cardWith = (chatId: string, word: string) => h.fake.cardsIn(chatId).filter((c) => cardText(c.card).includes(word));
  const holderCard = (u: FakeUser) => cardWith(dm(u), '请审核').at(-1)!;
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>) => {
    clock.set(new Date(clock.now().getTime() + 60_000));
    const r = await h.fake.click({ messageId, by: u, value: buttonValue(current(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    drafter = h.fake.addUser('李文');
    chief = h.fake.addUser('周科长');
    chief2 = h.fake.addUser('吴科长');
    vice = h.fake.addUser('卫副主任');
    director = h.fake.addUser('陈主任');
    legal = h.fake.addUser('秦审查');
    stranger = h.fake.addUser('外单位');
    group = h.fake.addChat('文稿审核群', [chief, vice, director, stranger]);
    const db = h.app.db.prisma;
    const zh = await db.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
    zhId = zh.id;
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const other = await db.unit.create({ data: { code: 'CZJ', name: '县财政局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(drafter, zh.id, '科员', []);
    await person(chief, zh.id, '科长', [['section_chief', '']]);
    // A second 科长 of 综合科 would make the level ambiguous; as 副科长 she is only offered for 转交.
    await person(chief2, zh.id, '副科长', [['section_chief', '']]);
    await person(vice, office.id, '副主任', [['director', `unit:${zh.id}`]]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    await person(legal, office.id, '法制股股长', [['legal_reviewer', '']]);
    await person(stranger, other.id, '科员', []);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'reviews' } });
  });
  afterAll(() => h?.stop());

  it('a file sent in a DM opens the submit form bound to it; submitting numbers the draft', async () => {
    await h.fake.userSendsFile({ chatId: dm(drafter), from: drafter, name: '关于印发值班制度的通知.docx', bytes: new Uint8Array([1, 2, 3]) });
    await h.settle();
    const form = cardWith(dm(drafter), '提交文稿审核').at(-1)!;
    expect(cardText(form.card)).toContain('关于印发值班制度的通知.docx');
    const r = await click(drafter, form.messageId, '提交送审', { title: '关于印发值班制度的通知', kind: 'general', urgency: 'extra_urgent', unit: zhId });
    expect(r.toast).toMatchObject({ type: 'success', content: `已提交：${number}` });
    expect(buttonLabels(holderCard(chief).card)).toEqual(['通过', '退回修改', '转交', '加签']);
    expect(cardText(holderCard(chief).card)).toContain('特急');
    expect(cardWith(group, number)).toHaveLength(1);
    // The 科长 gets the file itself, re-uploaded by the bot, right after the card that names it.
    const inDm = h.fake.messagesIn(dm(chief));
    const at = inDm.findIndex((m) => m.messageId === holderCard(chief).messageId);
    expect(inDm[at + 1]?.msgType).toBe('file');
    const sent = h.fake.filesIn(dm(chief));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.file).toMatchObject({ name: '关于印发值班制度的通知.docx', fileType: 'doc' });
    expect([...sent[0]!.file.bytes]).toEqual([1, 2, 3]);
    expect(h.fake.filesIn(group)).toEqual([]);
  });

  it('转交 to the other 科长 of the unit, with a reason; the first card says so and acts no more', async () => {
    const first = holderCard(chief).messageId;
    await click(chief, first, '转交');
    const form = current(first);
    expect(cardText(form)).toContain('吴科长');
    expect((await click(chief, first, '确认转交', { to: '', reason: '出差' })).toast?.content).toBe('请选择转交给谁。');
    const chief2Id = (await h.app.db.prisma.person.findFirstOrThrow({ where: { openId: chief2.openId } })).id;
    expect((await click(chief, first, '确认转交', { to: chief2Id, reason: '出差，由吴科长代审' })).toast?.type).toBe('success');
    expect(cardText(current(first))).toContain('已转交吴科长办理');
    expect(buttonLabels(current(first))).toEqual([]);
    expect(cardText(holderCard(chief2).card)).toContain('由周科长转交');
  });

  it('加签 a reviewer right after me; the chain takes them next', async () => {
    const card = holderCard(chief2).messageId;
    await click(chief2, card, '加签');
    expect((await click(chief2, card, '确认加签', { person: '查无此人', label: '' })).toast?.type).toBe('error');
    expect((await click(chief2, card, '确认加签', { person: '秦审查', label: '合法性把关' })).toast?.type).toBe('success');
    expect(await click(chief2, card, '通过', { comment: '同意，请秦审查把关' })).toMatchObject({ toast: { type: 'success' } });
    expect(cardText(holderCard(legal).card)).toContain('合法性把关');
    // What the earlier level said is on the next holder's card.
    expect(cardText(holderCard(legal).card)).toContain('同意，请秦审查把关');
    expect(await click(legal, holderCard(legal).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
  });

  it('退回 and 重新提交（修改稿）: the revision goes 1 → 2 and earlier sign-offs re-confirm', async () => {
    const viceCard = holderCard(vice).messageId;
    await click(vice, viceCard, '退回修改');
    await click(vice, viceCard, '确认退回', { comment: '请补充值班联系方式' });
    const drafterCard = cardWith(dm(drafter), `文稿审核 · ${number}`)[0]!.messageId;
    expect(await click(drafter, drafterCard, '重新提交（修改稿）')).toMatchObject({ toast: { type: 'success' } });
    const steps = await h.app.db.prisma.reviewStep.findMany({ orderBy: { position: 'asc' } });
    expect(steps.map((s) => [s.label, s.status])).toEqual([
      ['科长', 'voided'],
      ['合法性把关', 'voided'],
      ['分管副主任', 'current'],
      ['主任', 'waiting'],
    ]);
    expect(cardWith(dm(chief2), '请重新确认')).toHaveLength(1);
    expect(cardText(cardWith(dm(chief2), '请重新确认')[0]!.card)).toContain('第1版 → 第2版');
    await click(vice, holderCard(vice).messageId, '通过');
    expect((await click(director, holderCard(director).messageId, '通过')).toast?.content).toContain('尚未在该版本上确认');
    await click(chief2, cardWith(dm(chief2), '请重新确认')[0]!.messageId, '确认（第2版）');
    await click(legal, cardWith(dm(legal), '请重新确认')[0]!.messageId, '确认（第2版）');
    expect(await click(director, holderCard(director).messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    expect(cardText(current(cardWith(group, number)[0]!.messageId))).toContain('审核完成');
  });

  it('审核 <编号>: in the group only when every member may see it, else privately', async () => {
    await h.fake.userSays({ chatId: group, from: director, text: `@三办助手 审核 ${number}` });
    await h.settle();
    expect(h.fake.textsIn(group).at(-1)).toContain('已私信发送给您');
    const detail = cardWith(dm(director), '办理记录').at(-1)!;
    expect(cardText(detail.card)).toContain('退回修改');
    expect(cardText(detail.card)).toContain('（第2版）');
    await h.fake.userSays({ chatId: dm(stranger), from: stranger, text: `审核 ${number}`, p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(stranger)).at(-1)).toContain('查看该审核文稿');
  });
});
