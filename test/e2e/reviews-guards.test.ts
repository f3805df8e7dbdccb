import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The holder's card guards itself: a card forwarded into another chat (or clicked by anyone but the
 * holder) acts for nobody; a click on a level that has moved on answers with the current state; a
 * double click acts once. Bad input is refused with a clear Chinese message and nothing half-done.
 */
describe('文稿审核 guards', () => {
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  let h: Harness;
  let drafter: FakeUser, chief: FakeUser, vice: FakeUser, director: FakeUser, outsider: FakeUser, lonely: FakeUser;
  let doc: { token: string; url: string };
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const holderCard = (u: FakeUser) =>
    h.fake
      .cardsIn(dm(u))
      .filter((c) => cardText(c.card).includes('请审核'))
      .at(-1)!;
  const counts = async () => {
    const p = h.app.db.prisma;
    return { drafts: await p.reviewDraft.count(), steps: await p.reviewStep.count(), events: await p.reviewEvent.count(), audit: await p.auditEntry.count() };
  };
  const say = async (u: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(u)).at(-1) ?? '';
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    drafter = h.fake.addUser('李文');
    chief = h.fake.addUser('周科长');
    vice = h.fake.addUser('卫副主任');
    director = h.fake.addUser('陈主任');
    outsider = h.fake.addUser('路人甲');
    lonely = h.fake.addUser('孤科员');
    const db = h.app.db.prisma;
    const zh = await db.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
    const ms = await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } });
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(drafter, zh.id, '科员', []);
    await person(chief, zh.id, '科长', [['section_chief', '']]);
    await person(vice, office.id, '副主任', [['director', `unit:${zh.id}`]]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    await person(outsider, zh.id, '科员', []);
    await person(lonely, ms.id, '科员', []);
    doc = h.fake.addDocument({ title: '关于做好冬季安全生产工作的通知', text: '一、提高认识\n二、压实责任', owner: drafter });
  });
  afterAll(() => h?.stop());

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await counts();
    expect(await say(drafter, `审核 提交 冬季安全 ${doc.url} 类型:公告`)).toContain(
      '无法识别文稿类型「公告」。可选：普通文稿、请示报告、讲话稿、会议纪要、政务信息、规范性文件。',
    );
    const hidden = h.fake.addDocument({ title: '未授权文档', text: 'x', owner: drafter, botCanRead: false });
    expect(await say(drafter, `审核 提交 冬季安全 ${hidden.url}`)).toContain('助手无法读取该文档');
    expect(await say(drafter, '审核 提交 冬季安全 https://example.feishu.cn/docx/NoSuchDocument0000000000001')).toContain('「添加文档应用」');
    expect(await say(lonely, `审核 提交 冬季安全 ${doc.url}`)).toContain('第 1 级「科长」无人可审：秘书科没有登记科长');
    expect(await counts()).toEqual(before);
  });

  let chiefCard: { messageId: string; card: Record<string, unknown> };

  it('a forwarded holder card clicked by someone else acts for nobody', async () => {
    expect(await say(drafter, `审核 提交 关于做好冬季安全生产工作的通知 ${doc.url}`)).toContain('已送科长 周科长审核');
    const card = holderCard(chief);
    chiefCard = card;
    const before = await counts();
    const r = await h.fake.click({ messageId: card.messageId, by: outsider, value: buttonValue(card.card, '通过') });
    await h.settle();
    expect(r.body).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('仅限周科长（科长）本人操作') } });
    expect((r.body as { card?: unknown }).card).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(buttonLabels(current(card.messageId))).toContain('通过');
  });

  it('a double click acts once', async () => {
    const card = holderCard(chief);
    const value = buttonValue(card.card, '通过');
    // Two different deliveries of the same click (the router's own duplicate check sees two clicks): the
    // compare-and-set on the step lets one win.
    const [a, b] = await Promise.all([
      h.fake.click({ messageId: card.messageId, by: chief, value: { ...value, x: 1 } }),
      h.fake.click({ messageId: card.messageId, by: chief, value: { ...value, x: 2 } }),
    ]);
    await h.settle();
    const toasts = [a.body, b.body].map((x) => (x as { toast: { type: string } }).toast.type);
    expect(toasts.filter((t) => t === 'success')).toHaveLength(1);
    expect(await h.app.db.prisma.reviewEvent.count({ where: { kind: 'approve' } })).toBe(1);
    expect(h.fake.cardsIn(dm(vice)).filter((c) => cardText(c.card).includes('请审核'))).toHaveLength(1);
  });

  it('a click on a level that has moved on answers with the current state', async () => {
    const card = chiefCard;
    clock.set('2026-12-02T09:45:00+08:00');
    // The card as first drawn (its 通过 button's value): the level has since been signed.
    const r = await h.fake.click({ messageId: card.messageId, by: chief, value: { ...buttonValue(card.card, '通过'), x: 'again' } });
    await h.settle();
    const body = r.body as { toast: { type: string; content: string }; card?: unknown };
    expect(body.toast.type).toBe('warning');
    expect(body.toast.content).toContain('已处理');
    expect(cardText(body.card)).toContain('已通过');
    expect(buttonLabels(body.card)).toEqual([]);
  });

  it('a comment-less 退回 is refused on the form, nothing written', async () => {
    const card = holderCard(vice);
    await h.fake.click({ messageId: card.messageId, by: vice, value: buttonValue(card.card, '退回修改') });
    const before = await counts();
    const form = current(card.messageId);
    const r = await h.fake.click({ messageId: card.messageId, by: vice, value: buttonValue(form, '确认退回'), formValue: { comment: '   ' }, name: 'submit' });
    await h.settle();
    expect(r.body).toMatchObject({ toast: { type: 'error', content: '退回修改须填写修改意见，请写明需要修改的内容。' } });
    expect(await counts()).toEqual(before);
    expect((await h.app.db.prisma.reviewDraft.findFirstOrThrow()).status).toBe('reviewing');
  });

  it('tampered values are a stale card, never an internal error, and change nothing', async () => {
    const card = chiefCard;
    const before = await counts();
    const tampered = [
      { a: 'rv.approve', d: 'x' },
      { a: 'rv.approve', d: 'x'.repeat(500), s: 'y', v: 0 },
      { a: 'rv.reconfirm', d: 'nope', s: 'nope', v: 0 },
      { a: 'rv.resubmit', d: 'nope', v: -1 },
      { a: 'rv.transfer.submit', d: 'nope', s: 'nope', v: 0 },
    ];
    for (const value of tampered) {
      const r = await h.fake.click({ messageId: card.messageId, by: chief, value });
      const toast = (r.body as { toast?: { content: string } }).toast?.content ?? '';
      expect(toast).toMatch(/卡片内容已失效|未找到该文稿/);
    }
    const garbage = await h.fake.click({ messageId: card.messageId, by: chief, value: { a: 'rv.submit' }, formValue: { title: 123 }, name: 'submit' });
    expect((garbage.body as { toast?: { content: string } }).toast?.content).toContain('卡片内容已失效');
    await h.settle();
    expect(await counts()).toEqual(before);
  });
});
