import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

const PRIVATE = '该内容涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。';
const UNKNOWN = '暂时无法核实本群成员范围，为确保信息安全，该内容已私信发送给您，请查收。';

/**
 * 督办 <编号> and 督办 列表 asked in a group: answered in the group only when every member may see what the
 * answer shows, otherwise privately to the asker with a note in the group. Through the real SDK and the fake Lark.
 */
describe('督办 answers and who is in the chat', () => {
  const clock = new FixedClock('2026-11-20T10:00:00+08:00');
  let h: Harness;
  let supervisor: FakeUser, director: FakeUser, housingLiaison: FakeUser, waterLiaison: FakeUser, stranger: FakeUser;
  /** Office-wide people only. */
  let officeGroup: string;
  /** The supervisor and the housing bureau's liaison. */
  let housingGroup: string;
  /** The supervisor and both bureaus' liaisons. */
  let mixedGroup: string;
  let seq = 0;
  const housingItem = '督〔2026〕1号';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const memberCalls = (chatId: string) => h.fake.calls.filter((c) => c.path === `/open-apis/im/v1/chats/${chatId}/members`).length;

  /** Sends a command; returns what was replied to it in that chat, and what reached the asker's DM since. */
  const ask = async (u: FakeUser, text: string, chatId: string) => {
    const messageId = `om_audience_${++seq}`;
    const before = new Set(h.fake.messagesIn(dm(u)).map((m) => m.messageId));
    const p2p = chatId === dm(u);
    const r = await h.fake.userSays({ chatId, from: u, text: p2p ? text : `@三办助手 ${text}`, p2p, messageId });
    expect(r.status).toBe(200);
    await h.settle();
    const replies = h.fake.messagesIn(chatId).filter((m) => m.rootId === messageId);
    const direct = p2p ? [] : h.fake.messagesIn(dm(u)).filter((m) => !before.has(m.messageId));
    const texts = replies.filter((m) => m.msgType === 'text').map((m) => (JSON.parse(m.content) as { text: string }).text);
    return { replies, texts, cards: replies.filter((m) => m.msgType === 'interactive'), direct };
  };

  beforeAll(async () => {
    h = await startHarness({ clock, fake: { perChatRate: 0 } });
    supervisor = h.fake.addUser('王督查');
    director = h.fake.addUser('孙主任');
    housingLiaison = h.fake.addUser('刘联络');
    waterLiaison = h.fake.addUser('陈联络');
    stranger = h.fake.addUser('路人甲');
    officeGroup = h.fake.addChat('督查科工作群', [supervisor, director]);
    housingGroup = h.fake.addChat('住建督办对接群', [supervisor, housingLiaison]);
    mixedGroup = h.fake.addChat('督办联络员群', [supervisor, housingLiaison, waterLiaison]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    const housing = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const water = await db.unit.create({ data: { code: 'SLJ', name: '县水利局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(supervisor, office.id, [['supervisor', '']]);
    await person(director, office.id, [['director', '']]);
    await person(housingLiaison, housing.id, [['liaison', 'supervision']]);
    await person(waterLiaison, water.id, [['liaison', 'supervision']]);
    for (const text of [
      '督办 新建 推进城南片区老旧小区雨污分流改造 单位:县住建局 期限:2026-12-15',
      '督办 新建 汛后水毁工程修复 单位:县水利局 期限:2026-12-30',
    ]) {
      // One at a time: numbers follow the order of creation (the housing item is 1号), on either database.
      expect((await h.fake.userSays({ chatId: dm(supervisor), from: supervisor, text, p2p: true })).status).toBe(200);
      await h.settle();
    }
    expect(await db.supervisionItem.count()).toBe(2);
  });
  afterAll(() => h?.stop());

  it("督办 <编号> in a group with another unit's liaison: the group gets a note, the asker the card; later changes update the DM card only", async () => {
    const { texts, cards, direct } = await ask(supervisor, `督办 ${housingItem}`, mixedGroup);
    expect(texts).toEqual([PRIVATE]);
    expect(cards).toEqual([]);
    const detail = direct.filter((m) => m.msgType === 'interactive');
    expect(detail).toHaveLength(1);
    expect(cardText(JSON.parse(detail[0]!.content))).toContain('推进城南片区老旧小区雨污分流改造');

    const groupBefore = h.fake.messagesIn(mixedGroup).map((m) => [m.messageId, m.patches]);
    await ask(supervisor, `督办 撤销 ${housingItem} 已并入全县市容整治专项`, dm(supervisor));
    expect(h.fake.messages.get(detail[0]!.messageId)!.patches).toBeGreaterThan(0);
    expect(h.fake.messages.get(detail[0]!.messageId)!.content).toContain('已撤销');
    expect(h.fake.messagesIn(mixedGroup).map((m) => [m.messageId, m.patches])).toEqual(groupBefore);
  });

  it('督办 <编号> in a group whose members may all see the item is answered in the group', async () => {
    const { texts, cards, direct } = await ask(supervisor, `督办 ${housingItem}`, housingGroup);
    expect(texts).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cardText(JSON.parse(cards[0]!.content))).toContain(housingItem);
    expect(direct).toEqual([]);
  });

  it('督办 列表: every item matched counts, not only the rows shown; office-wide groups get the list in place', async () => {
    const housing = await ask(supervisor, '督办 列表 全部', housingGroup);
    expect(housing.texts).toEqual([PRIVATE]);
    expect(housing.direct.filter((m) => m.msgType === 'interactive').map((m) => cardText(JSON.parse(m.content)))).toEqual([
      expect.stringContaining('汛后水毁工程修复'),
    ]);

    const office = await ask(supervisor, '督办 列表 全部', officeGroup);
    expect(office.texts).toEqual([]);
    expect(office.cards).toHaveLength(1);
    expect(cardText(JSON.parse(office.cards[0]!.content))).toContain('汛后水毁工程修复');
    expect(office.direct).toEqual([]);

    // A liaison's own unit's list, in a group of people who may all see it.
    const own = await ask(housingLiaison, '督办 列表 全部', housingGroup);
    expect(own.cards).toHaveLength(1);
    expect(own.texts).toEqual([]);
  });

  it('a group with someone not in the directory gets the note; a p2p chat is always answered in place', async () => {
    const open = h.fake.addChat('临时工作群', [supervisor, director, stranger]);
    const list = await ask(director, '督办 列表 全部', open);
    expect(list.texts).toEqual([PRIVATE]);
    expect(list.direct.filter((m) => m.msgType === 'interactive')).toHaveLength(1);
    const p2p = await ask(waterLiaison, '督办 列表 全部', dm(waterLiaison));
    expect(p2p.cards).toHaveLength(1);
    expect(h.fake.calls.some((c) => c.path.endsWith(`/chats/${dm(waterLiaison)}/members`))).toBe(false);
  });

  it('an unreadable member list answers privately (fail closed); a readable one is remembered for a minute', async () => {
    const fresh = h.fake.addChat('新建工作群', [supervisor, director]);
    h.fake.failNext(1, { status: 400, code: 232011, msg: 'The operator is not in the chat.', path: /\/members$/ });
    const failed = await ask(supervisor, '督办 列表 全部', fresh);
    expect(failed.texts).toEqual([UNKNOWN]);
    expect(failed.direct.filter((m) => m.msgType === 'interactive')).toHaveLength(1);

    // The failure was not remembered: the next command reads the members again, and then uses them.
    const calls = memberCalls(fresh);
    const ok = await ask(supervisor, '督办 列表 全部', fresh);
    expect(ok.cards).toHaveLength(1);
    expect(memberCalls(fresh)).toBe(calls + 1);
    await ask(director, '督办 列表 在办', fresh);
    expect(memberCalls(fresh)).toBe(calls + 1);
  });

  it('督办 新建 in a group with a member who may not see the item: the group is told, the card goes to the asker and is tracked there', async () => {
    const { texts, cards, direct } = await ask(supervisor, '督办 新建 核查城区燃气管道隐患 单位:县住建局 期限:2026-12-18', mixedGroup);
    expect(texts).toEqual(['已立项。事项卡片涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。']);
    expect(cards).toEqual([]);
    const created = direct.filter((m) => m.msgType === 'interactive');
    expect(created).toHaveLength(1);
    expect(cardText(JSON.parse(created[0]!.content))).toContain('核查城区燃气管道隐患');
    const item = await h.app.db.prisma.supervisionItem.findFirstOrThrow({ where: { content: '核查城区燃气管道隐患' } });

    // Tracked in the DM: a later change re-renders it there, and nothing of it reaches the group.
    const groupBefore = h.fake.messagesIn(mixedGroup).map((m) => [m.messageId, m.patches]);
    await ask(supervisor, `督办 撤销 ${item.number} 已由专项整治统一推进`, dm(supervisor));
    expect(h.fake.messages.get(created[0]!.messageId)!.content).toContain('已撤销');
    expect(h.fake.messagesIn(mixedGroup).map((m) => [m.messageId, m.patches])).toEqual(groupBefore);
  });

  it('督办 新建 in a group whose members may all see the item is answered in the group', async () => {
    const { texts, cards, direct } = await ask(supervisor, '督办 新建 整治背街小巷路面破损 单位:县住建局 期限:2026-12-21', housingGroup);
    expect(texts).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cardText(JSON.parse(cards[0]!.content))).toContain('整治背街小巷路面破损');
    expect(direct).toEqual([]);
  });

  it('督办 通报 in a group with members who may not read 通报 goes privately; among readers it is answered in place', async () => {
    const mixed = await ask(supervisor, '督办 通报', mixedGroup);
    expect(mixed.texts).toEqual(['督查通报涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。']);
    expect(mixed.cards).toEqual([]);
    const report = mixed.direct.filter((m) => m.msgType === 'interactive');
    expect(report).toHaveLength(1);
    expect(cardText(JSON.parse(report[0]!.content))).toContain('各单位办理情况');

    const withStranger = h.fake.addChat('通报临时群', [supervisor, director, stranger]);
    expect((await ask(director, '督办 通报', withStranger)).texts).toEqual(['督查通报涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。']);

    const office = await ask(supervisor, '督办 通报', officeGroup);
    expect(office.texts).toEqual([]);
    expect(office.cards).toHaveLength(1);
    expect(cardText(JSON.parse(office.cards[0]!.content))).toContain('各单位办理情况');
    expect(office.direct).toEqual([]);
  });

  it('督办 通报 and 督办 新建 in the chat bound to 督查 are answered in place, whoever its members are (通报 and new items are published there)', async () => {
    const bound = h.fake.addChat('全县督查工作群', [supervisor, housingLiaison, waterLiaison, stranger]);
    await h.app.db.prisma.chatBinding.create({ data: { chatId: bound, purpose: 'supervision', createdBy: supervisor.openId } });
    const calls = memberCalls(bound);
    const { texts, cards, direct } = await ask(supervisor, '督办 通报', bound);
    expect(texts).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cardText(JSON.parse(cards[0]!.content))).toContain('各单位办理情况');
    expect(direct).toEqual([]);
    expect(memberCalls(bound)).toBe(calls);

    const created = await ask(supervisor, '督办 新建 排查城区易涝点 单位:县水利局 期限:2026-12-22', bound);
    expect(created.texts).toEqual([]);
    expect(created.cards.map((m) => cardText(JSON.parse(m.content)))).toEqual([expect.stringContaining('排查城区易涝点')]);
    expect(created.direct).toEqual([]);
    // Posted once: the reply is the 督查 group's card.
    expect(h.fake.messagesIn(bound).filter((m) => m.msgType === 'interactive' && m.content.includes('排查城区易涝点'))).toHaveLength(1);
  });
});
