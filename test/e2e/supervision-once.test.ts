import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonValue } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Work acked and then retried after a database failure may run again after its first commit landed (the
 * answer was lost, not the write): the router then releases the receipt and Lark's redelivery is handled
 * afresh. 立项 writes what made it (the command's message) in the item's own transaction, so the same
 * command never creates two items.
 */
describe('督办 立项 once per command', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  let h: Harness;
  let supervisor: FakeUser;
  let group: string;

  beforeAll(async () => {
    h = await startHarness({ clock });
    supervisor = h.fake.addUser('王督查');
    group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } });
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  it('a command handled again after its receipt was released creates no second item', async () => {
    const text = '@三办助手 督办 新建 整治背街小巷环境 单位:县住建局 期限:2026-12-18';
    await h.fake.userSays({ chatId: group, from: supervisor, text, messageId: 'om_once_1' });
    await h.settle();
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
    // What the router does when it gives up on work whose commit in fact landed: the receipt goes.
    await h.app.db.prisma.inboundReceipt.delete({ where: { key: 'msg:om_once_1' } });
    const cardsBefore = h.fake.cardsIn(group).length;
    await h.fake.userSays({ chatId: group, from: supervisor, text, messageId: 'om_once_1' });
    await h.settle();
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
    // No second item card: the refusal is this handling's first reply, whose key the first handling
    // already used, so it is not posted again either.
    expect(h.fake.cardsIn(group).length).toBe(cardsBefore);
    expect(h.fake.textsIn(group).filter((t) => t.includes('同一指令不会重复立项'))).toHaveLength(0);
    // A new command with the same words is a new item only once the office confirms it means one.
    await h.fake.userSays({ chatId: group, from: supervisor, text, messageId: 'om_once_2' });
    await h.settle();
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
    const warning = h.fake.cardsIn(group).at(-1)!;
    await h.fake.click({ messageId: warning.messageId, by: supervisor, value: buttonValue(warning.card, '确认重复立项') });
    await h.settle();
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(2);
    // The confirmed command handled again after its receipt went: still its one item.
    await h.app.db.prisma.inboundReceipt.delete({ where: { key: 'msg:om_once_2' } });
    await h.fake.userSays({ chatId: group, from: supervisor, text, messageId: 'om_once_2' });
    await h.settle();
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(2);
  });
});
