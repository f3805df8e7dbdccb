import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * 回访 (issue 10, finding 18): switched on from the 立项 form or the one-line command, sent once when
 * due, and answerable only then — a forged answer on an open item, or before the follow-up went out,
 * changes nothing and posts nothing.
 */
describe('督办 回访', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00'); // Tuesday
  let h: Harness;
  let supervisor: FakeUser, liaison: FakeUser, other: FakeUser;
  let group: string;
  let unitId: string;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const item = (n: number) => h.app.db.prisma.supervisionItem.findUniqueOrThrow({ where: { number: `督〔2026〕${n}号` } });
  const currentCard = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;
  const followUpEvents = async (id: string) =>
    (await h.app.db.prisma.supervisionEvent.findMany({ where: { itemId: id, kind: 'follow_up' } })).map((e) => e.text);
  /** Cards about the item queued to the 督查 group. */
  const groupPosts = (number: string) => h.app.db.prisma.outboxMessage.count({ where: { targetType: 'chat_id', origin: `supervision:${number}` } });
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: `@三办助手 ${text}` });
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    supervisor = h.fake.addUser('王督查');
    liaison = h.fake.addUser('刘联络');
    other = h.fake.addUser('陈联络');
    group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科' } });
    unitId = (await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } })).id;
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    for (const l of [liaison, other])
      await db.person.create({ data: { name: l.name, openId: l.openId, unitId, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } } });
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  it('the one-line command sets 回访 after N working days, and refuses what it cannot read', async () => {
    await say('督办 新建 整治老旧小区屋面渗漏 单位:县住建局 期限:2026-12-18 回访:3个工作日');
    expect((await item(1)).followUpDays).toBe(3);
    await say('督办 新建 测试事项 单位:县住建局 期限:2026-12-18 回访:过一阵子');
    expect(h.fake.textsIn(group).at(-1)).toContain('无法识别回访时间');
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
  });

  it('the 立项 form has a 回访 field; empty means none', async () => {
    await say('督办 新建');
    const form = h.fake.cardsIn(group).at(-1)!;
    expect(cardText(form.card)).toContain('办结后回访');
    const values = {
      content: '完善城区停车设施',
      unit: unitId,
      deadline: '2026-12-18 +0800',
      source: 'meeting',
      urgency: 'normal',
      cycle: 'none',
      promised: 'no',
    };
    const r = await h.fake.click({
      messageId: form.messageId,
      by: supervisor,
      value: buttonValue(form.card, '立项'),
      formValue: { ...values, followup: '10' },
      name: 'submit',
    });
    expect(r.body).toMatchObject({ toast: { type: 'success' } });
    expect((await item(2)).followUpDays).toBe(10);
    await say('督办 新建');
    const again = h.fake.cardsIn(group).at(-1)!;
    // Another item (the same content, unit and deadline again would first be asked about as a duplicate).
    await h.fake.click({
      messageId: again.messageId,
      by: supervisor,
      value: buttonValue(again.card, '立项'),
      formValue: { ...values, content: '完善城区停车设施（二期）' },
      name: 'submit',
    });
    expect((await item(3)).followUpDays).toBeNull();
  });

  it('a forged 回访 answer on an open item changes nothing and posts nothing', async () => {
    const open = await item(1);
    const host = h.fake.cardsIn(dm(liaison)).at(-1)!;
    const posts = await groupPosts(open.number);
    const r = await h.fake.click({ messageId: host.messageId, by: liaison, value: { a: 'sv.followup', id: open.id, holds: false } });
    expect(r.body).toMatchObject({ toast: { type: 'warning', content: '该事项没有待答复的回访。' } });
    await h.settle();
    const after = await item(1);
    expect({ done: after.followUpDone, version: after.version, events: await followUpEvents(open.id) }).toEqual({
      done: false,
      version: open.version,
      events: [],
    });
    expect(await groupPosts(open.number)).toBe(posts);
  });

  it('closed with 回访: not answerable before it is sent; sent once when due; answered once', async () => {
    const first = h.fake.cardsIn(dm(liaison)).find((c) => cardText(c.card).includes('督〔2026〕1号'))!;
    const click = (by: FakeUser, label: string, formValue?: Record<string, unknown>) =>
      h.fake.click({
        messageId: first.messageId,
        by,
        value: buttonValue(currentCard(first.messageId), label),
        ...(formValue ? { formValue, name: 'submit' } : {}),
      });
    await click(liaison, '签收');
    await click(liaison, '申请办结');
    await click(liaison, '提交办结申请', { result: '屋面防水完工' });
    await h.settle();
    // The closure request shows on the item's one group card, updated in place.
    const decision = h.fake.cardsIn(group).find((c) => cardText(c.card).includes('"content":"督办事项 督〔2026〕1号"'))!;
    expect((await h.fake.click({ messageId: decision.messageId, by: supervisor, value: buttonValue(decision.card, '销号') })).body).toMatchObject({
      toast: { type: 'success' },
    });
    await h.settle();
    const closed = await item(1);
    expect({ status: closed.status, followUpDate: closed.followUpDate, sent: closed.followUpSentAt }).toEqual({
      status: 'closed',
      followUpDate: '2026-11-27',
      sent: null,
    });

    // Closed, but the follow-up has not gone out: a forged answer is refused.
    const early = await h.fake.click({ messageId: first.messageId, by: liaison, value: { a: 'sv.followup', id: closed.id, holds: true } });
    expect(early.body).toMatchObject({ toast: { type: 'warning' } });
    expect((await item(1)).followUpDone).toBe(false);

    clock.set('2026-11-26T09:10:00+08:00'); // not yet due
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    expect(h.fake.cardsIn(dm(liaison)).filter((c) => cardText(c.card).includes('督办回访'))).toHaveLength(0);

    clock.set('2026-11-27T09:10:00+08:00');
    expect((await h.app.scheduler.runDue(clock.now()))['supervision.follow-up']).toBe('ran');
    await h.settle();
    clock.set('2026-11-30T09:10:00+08:00'); // the next working day: not sent again
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
    const cards = h.fake.cardsIn(dm(liaison)).filter((c) => cardText(c.card).includes('督办回访'));
    expect(cards).toHaveLength(1);
    expect(await followUpEvents(closed.id)).toEqual(['发起回访']);
    expect((await item(1)).followUpSentAt).not.toBeNull();

    // Both liaisons answer at once: one answer stands, the other is told it was answered.
    const mine = cards[0]!;
    const theirs = h.fake.cardsIn(dm(other)).find((c) => cardText(c.card).includes('督办回访'))!;
    const posts = await groupPosts(closed.number);
    const [a, b] = await Promise.all([
      h.fake.click({ messageId: mine.messageId, by: liaison, value: buttonValue(mine.card, '出现反复') }),
      h.fake.click({ messageId: theirs.messageId, by: other, value: buttonValue(theirs.card, '成效巩固') }),
    ]);
    expect([a, b].map((r) => (r.body as { toast: { type: string } }).toast.type).sort()).toEqual(['success', 'warning']);
    await h.settle();
    const relapsed = (a.body as { toast: { type: string } }).toast.type === 'success'; // a answered 出现反复
    const events = await followUpEvents(closed.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toBe(relapsed ? '回访：问题出现反复' : '回访：办理成效巩固');
    expect(await groupPosts(closed.number)).toBe(posts + (relapsed ? 1 : 0));
    const late = await h.fake.click({ messageId: mine.messageId, by: liaison, value: buttonValue(mine.card, '成效巩固') });
    expect(late.body).toMatchObject({ toast: { type: 'warning', content: '该回访已经答复过了。' } });
  });
});
