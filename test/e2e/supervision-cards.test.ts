import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';

/**
 * The item's cards as an office sees them over weeks: one group card per item, updated in place by every
 * request and decision; 退回's reason form only for the supervisor who clicked; posted cards turning 超期
 * with the daily chase; and cards past Lark's 14-day update limit re-posted in their thread.
 */
describe('督查督办: tracked cards', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00'); // Tuesday
  let h: Harness;
  let supervisor: FakeUser, colleague: FakeUser, liaison: FakeUser, leader: FakeUser;
  let group: string, admins: string;
  let itemId = '';
  let groupCardId = '';
  const number = '督〔2026〕1号';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const currentCard = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const title = (c: Record<string, unknown>) => (c.header as { title?: { content?: string } } | undefined)?.title?.content ?? '';
  /** The cards in the group that show the item (not the chase's digests). */
  const itemCards = () => h.fake.cardsIn(group).filter((c) => title(c.card) === `督办事项 ${number}`);
  /** The liaison's direct card of the item (its message: a form opened from it shows in its place). */
  let directId = '';
  const direct = () => ({ messageId: directId, card: currentCard(directId) });
  const click = (messageId: string, by: FakeUser, label: string, formValue?: Record<string, unknown>) =>
    h.fake.click({ messageId, by, value: buttonValue(currentCard(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
  /** Open ids vary per run: the snapshot names people instead. */
  const named = (c: unknown) => {
    let text = JSON.stringify(c, null, 2);
    for (const u of [supervisor, colleague, liaison, leader]) text = text.replaceAll(u.openId, `ou_${u.name}`);
    return text.replaceAll(itemId, '<item>');
  };

  beforeAll(async () => {
    // The fake's messages age on the office clock, as in local mode: moving it ages every card.
    h = await startHarness({ clock, fake: { displayNow: () => clock.now().getTime() } });
    supervisor = h.fake.addUser('王督查');
    colleague = h.fake.addUser('陈科员');
    liaison = h.fake.addUser('刘联络');
    leader = h.fake.addUser('李副县长');
    group = h.fake.addChat('督查工作群', [supervisor, colleague]);
    admins = h.fake.addChat('管理群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    const housing = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } });
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({ data: { name: colleague.name, openId: colleague.openId, unitId: office.id } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: housing.id, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    await db.person.create({ data: { name: leader.name, openId: leader.openId, unitId: office.id, roles: { create: [{ role: 'leader' }] } } });
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
    await db.chatBinding.create({ data: { chatId: admins, purpose: 'admin' } });
  });
  afterAll(() => h?.stop());

  it('an item posted, then an extension and a closure requested: still one group card, updated in place', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 完善城区停车设施 单位:县住建局 领导:李副县长 期限:2026-12-01' });
    await h.settle();
    expect(itemCards()).toHaveLength(1);
    groupCardId = itemCards()[0]!.messageId;
    directId = h.fake.cardsIn(dm(liaison)).find((c) => title(c.card) === `督办事项 ${number}`)!.messageId;
    itemId = String(buttonValue(direct().card, '签收').id);

    await click(direct().messageId, liaison, '签收');
    await click(direct().messageId, liaison, '申请延期');
    await click(direct().messageId, liaison, '提交申请', { reason: '设备到货延迟', date: '2026-12-04 +0800' });
    await h.settle();
    expect(itemCards().map((c) => c.messageId)).toEqual([groupCardId]);
    expect(buttonLabels(currentCard(groupCardId))).toEqual(['同意延期', '不同意延期']);
    expect(cardText(currentCard(groupCardId))).toContain('申请延至12月4日（周五），待督查科审批');

    await click(groupCardId, supervisor, '同意延期');
    await h.settle();
    expect(buttonLabels(currentCard(groupCardId))).toEqual([]);

    await click(direct().messageId, liaison, '申请办结');
    await click(direct().messageId, liaison, '提交办结申请', { result: '新增停车位320个' });
    await h.settle();
    expect(itemCards().map((c) => c.messageId)).toEqual([groupCardId]);
    expect(buttonLabels(currentCard(groupCardId))).toEqual(['销号', '退回']);
    expect(cardText(currentCard(groupCardId))).toContain('新增停车位320个');
    // Every card of the item in the group is one message: the tracked refs say so too.
    expect(await h.app.db.prisma.cardRef.count({ where: { objectId: itemId, view: 'group', chatId: group } })).toBe(1);
  });

  it('退回 opens its reason form for the supervisor who clicked only; the form is authorized again on submit', async () => {
    const groupMessages = h.fake.messagesIn(group).length;
    const opened = await click(groupCardId, supervisor, '退回');
    expect(opened.body).toMatchObject({ toast: { type: 'info' } });
    await h.settle();
    // Nothing in the group: no form in place of the card, no new message.
    expect(h.fake.messagesIn(group)).toHaveLength(groupMessages);
    expect(buttonLabels(currentCard(groupCardId))).toEqual(['销号', '退回']);
    expect(h.fake.cardsIn(dm(colleague))).toHaveLength(0);
    const form = h.fake.cardsIn(dm(supervisor)).at(-1)!;
    expect(cardText(form.card)).toContain('退回办结申请');
    expect(buttonLabels(form.card)).toContain('确认退回');

    // The form's values carry no identity: someone else submitting it is refused.
    const forged = await h.fake.click({
      messageId: form.messageId,
      by: liaison,
      value: buttonValue(form.card, '确认退回'),
      formValue: { reason: '自行退回' },
      name: 'submit',
    });
    expect(forged.body).toMatchObject({ toast: { type: 'error' } });
    expect((await h.app.db.prisma.supervisionItem.findUniqueOrThrow({ where: { id: itemId } })).status).toBe('pending_close');

    await click(form.messageId, supervisor, '确认退回', { reason: '缺少现场照片' });
    await h.settle();
    expect(cardText(currentCard(groupCardId))).toContain('已退回');
    expect(cardText(currentCard(groupCardId))).toContain('缺少现场照片');
    expect(itemCards()).toHaveLength(1);
  });

  it('the daily chase refreshes posted cards: past the deadline the group card shows 超期', async () => {
    expect(cardText(currentCard(groupCardId))).not.toContain('超期');
    clock.set('2026-12-07T09:30:00+08:00'); // Monday; the deadline was Friday 12-04
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    expect(cardText(currentCard(groupCardId))).toContain('已超期1个工作日');
    expect(cardText(currentCard(direct().messageId))).toContain('已超期1个工作日');
    expect(named(currentCard(groupCardId))).toMatchSnapshot();
  });

  it('a card 15 days old: a change re-posts it in its thread, the ref moves, and the 管理 group is told nothing', async () => {
    clock.set('2026-12-10T10:00:00+08:00'); // 16 days after the cards were posted
    const oldDirect = direct().messageId;
    await click(oldDirect, liaison, '反馈进展');
    await click(oldDirect, liaison, '提交进展', { done: '补拍现场照片', percent: '90' });
    await h.settle();
    // Lark refuses to update the old group card: the card is posted again, as a reply to it.
    const [ref, ...more] = await h.app.db.prisma.cardRef.findMany({ where: { objectId: itemId, view: 'group', chatId: group } });
    expect(more).toHaveLength(0);
    expect(ref!.messageId).not.toBe(groupCardId);
    const reposted = h.fake.messages.get(ref!.messageId)!;
    expect(reposted).toMatchObject({ chatId: group, rootId: groupCardId, msgType: 'interactive' });
    expect(reposted.content).toContain('已超期');
    // The expected refusal is no delivery failure.
    expect(h.fake.textsIn(admins).join('\n')).not.toContain('消息发送失败');
    expect(await h.app.db.prisma.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
    // The fake answers a direct PATCH of the old message with 230031.
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: h.fake.appId, appSecret: h.fake.appSecret, domain: h.fake.url, log });
    const patch = await new LarkMessenger(client, tokenCache, log).updateCard(groupCardId, currentCard(ref!.messageId) as never);
    expect(patch).toMatchObject({ ok: false, error: { code: 230031 } });
  });

  it('the chase re-posts a card a day before the 14-day limit, though nothing about the item changed', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 规范占道经营 单位:县住建局 期限:2026-12-31' });
    await h.settle();
    const second = await h.app.db.prisma.supervisionItem.findUniqueOrThrow({ where: { number: '督〔2026〕2号' } });
    const before = await h.app.db.prisma.cardRef.findMany({ where: { objectId: second.id }, orderBy: { messageId: 'asc' } });
    expect(before.length).toBeGreaterThanOrEqual(2); // the group's card and the liaison's
    // Posted 13 days ago by Lark's (physical) clock: the next chase re-posts them before updates stop.
    await h.app.db.prisma.cardRef.updateMany({ where: { objectId: second.id }, data: { createdAt: new Date(Date.now() - 13 * 86_400_000 - 60_000) } });
    clock.set('2026-12-11T09:30:00+08:00');
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    const after = await h.app.db.prisma.cardRef.findMany({ where: { objectId: second.id } });
    expect(after).toHaveLength(before.length);
    for (const ref of after) {
      expect(before.map((b) => b.messageId)).not.toContain(ref.messageId);
      const old = h.fake.messages.get(ref.messageId)!.rootId;
      expect(before.map((b) => b.messageId)).toContain(old);
      expect(Date.now() - ref.createdAt.getTime()).toBeLessThan(60_000);
    }
    expect(await h.app.db.prisma.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
  });
});
