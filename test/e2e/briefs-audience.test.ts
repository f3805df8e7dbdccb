import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

/**
 * 政务信息 answers and who is in the chat: the 信息报送群 holds every unit's liaison, so an answer showing
 * notes, urgent matters or every unit's figures goes in place only when every member may see it, otherwise
 * privately to the asker with a short note in the group. Through the real SDK and the fake Lark.
 */
describe('政务信息 answers and who is in the chat', () => {
  const clock = new FixedClock('2026-12-01T09:00:00+08:00'); // Tuesday, a working day
  let h: Harness;
  let town: FakeUser, edu: FakeUser, editor: FakeUser, director: FakeUser;
  let infoGroup: string, officeGroup: string;
  let seq = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);

  /** Sends a command; returns the replies to it in that chat (texts, cards) and what reached the asker's DM since. */
  const ask = async (u: FakeUser, text: string, chatId = dm(u)) => {
    const messageId = `om_brief_audience_${++seq}`;
    const before = new Set(h.fake.messagesIn(dm(u)).map((m) => m.messageId));
    const p2p = chatId === dm(u);
    expect((await h.fake.userSays({ chatId, from: u, text: p2p ? text : `@三办助手 ${text}`, p2p, messageId })).status).toBe(200);
    await h.settle();
    const replies = h.fake.messagesIn(chatId).filter((m) => m.rootId === messageId);
    const textOf = (m: { msgType: string; content: string }) =>
      m.msgType === 'text' ? (JSON.parse(m.content) as { text: string }).text : cardText(JSON.parse(m.content));
    const direct = p2p ? [] : h.fake.messagesIn(dm(u)).filter((m) => !before.has(m.messageId));
    return { replies: replies.map(textOf), direct: direct.map(textOf) };
  };

  beforeAll(async () => {
    h = await startHarness({ clock, fake: { perChatRate: 0 } });
    await caughtUp(h);
    const p = h.app.db.prisma;
    town = h.fake.addUser('城关镇联络员');
    edu = h.fake.addUser('教育局联络员');
    editor = h.fake.addUser('信息科编辑');
    director = h.fake.addUser('办公室主任');
    const person = async (u: FakeUser, unit: { code: string; name: string; kind: string }, role: [string, string]) => {
      const row = await p.unit.upsert({ where: { name: unit.name }, create: unit, update: {} });
      const x = await p.person.create({ data: { name: u.name, openId: u.openId, unitId: row.id } });
      await p.roleGrant.create({ data: { personId: x.id, role: role[0], scope: role[1] } });
    };
    await person(town, { code: 'CGZ', name: '城关镇', kind: 'town' }, ['liaison', 'info']);
    await person(edu, { code: 'JYJ', name: '县教育局', kind: 'department' }, ['liaison', 'info']);
    await person(editor, { code: 'XXK', name: '信息科', kind: 'office_section' }, ['editor', '']);
    await person(director, { code: 'BGS', name: '县政府办公室', kind: 'office_section' }, ['director', '']);
    infoGroup = h.fake.addChat('信息报送群', [town, edu, editor]);
    officeGroup = h.fake.addChat('信息科工作群', [editor, director]);
    await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  });
  afterAll(() => h?.stop());

  it('信息 我的 in the 信息报送群: the list (涉密 body included) goes to the reporter privately, the group gets a note', async () => {
    await ask(town, '信息 报送 涉密 城关镇某重点项目征地补偿标准调整方案已报县政府研究。');
    await ask(town, '信息 报送 城关镇召开冬季安全生产部署会，排查隐患12处。');
    const inGroup = await ask(town, '信息 我的', infoGroup);
    expect(inGroup.replies).toEqual(['您报送的信息不宜在本群公开，已私信发送给您，请查收。']);
    expect(inGroup.replies.join()).not.toContain('征地补偿');
    expect(inGroup.direct).toHaveLength(1);
    expect(inGroup.direct[0]).toContain('我报送的信息（最近2条）');
    expect(inGroup.direct[0]).toContain('征地补偿');
    // In the reporter's own DM: in place.
    const inDm = await ask(town, '信息 我的');
    expect(inDm.replies[0]).toContain('征地补偿');
    // Nothing to show: answered in place, even in a group.
    expect((await ask(editor, '信息 我的', officeGroup)).replies).toEqual(['您还没有报送过信息。发送「信息 报送 <正文>」报送。']);
  });

  it('信息 急报 (the running list) in the 信息报送群 goes to the editor privately; in the office group of board readers, in place', async () => {
    clock.set('2026-12-01T10:00:00+08:00');
    await ask(edu, '信息 急报 今天9时40分，县第三中学发生学生食物中毒疑似事件，已送医观察。');
    const inGroup = await ask(editor, '信息 急报', infoGroup);
    expect(inGroup.replies).toEqual(['急情要事清单不宜在本群公开，已私信发送给您，请查收。']);
    expect(inGroup.direct.filter((t) => t.includes('尚未报送领导的急情要事1件'))).toHaveLength(1);
    expect(inGroup.direct.join()).toContain('县教育局');
    const inOffice = await ask(editor, '信息 急报', officeGroup);
    expect(inOffice.replies).toHaveLength(1);
    expect(inOffice.replies[0]).toContain('尚未报送领导的急情要事1件');
    expect(inOffice.direct.filter((t) => t.includes('急情要事'))).toEqual([]);
  });

  it('the board readers’ answers: 今日 in place in the 信息报送群 (units and standing only, as the 通报 posted there), 月报, 积分 and 积分 导出 privately', async () => {
    const today = await ask(editor, '信息 今日', infoGroup);
    expect(today.replies).toHaveLength(1);
    expect(today.replies[0]).toContain('信息报送情况');
    expect(today.replies[0]).toContain('县教育局');
    // The same board in a group that is not the 信息报送群, with a liaison in it: privately.
    const mixed = h.fake.addChat('城关镇对接群', [town, editor]);
    expect((await ask(editor, '信息 今日', mixed)).replies).toEqual(['各单位报送情况不宜在本群公开，已私信发送给您，请查收。']);
    const month = await ask(editor, '信息 月报', infoGroup);
    expect(month.replies).toEqual(['各单位月度报送情况不宜在本群公开，已私信发送给您，请查收。']);
    expect(month.direct.join()).toContain('信息报送月度情况');
    const scores = await ask(editor, '信息 积分', infoGroup);
    expect(scores.replies).toEqual(['各单位积分情况不宜在本群公开，已私信发送给您，请查收。']);
    expect(scores.direct).toHaveLength(1);
    const exported = await ask(editor, '信息 积分 导出', infoGroup);
    expect(exported.replies).toEqual(['积分表不宜在本群公开，已私信发送给您，请查收。']);
    expect(h.fake.messagesIn(infoGroup).filter((m) => m.msgType === 'file')).toEqual([]);
    expect(h.fake.messagesIn(dm(editor)).filter((m) => m.msgType === 'file')).toHaveLength(1);
    // Among board readers only: in place.
    expect((await ask(editor, '信息 月报', officeGroup)).replies[0]).toContain('信息报送月度情况');
    const officeExport = await ask(editor, '信息 积分 导出', officeGroup);
    expect(officeExport.replies.some((t) => t.includes('政务信息积分表已导出'))).toBe(true);
    expect(h.fake.messagesIn(officeGroup).filter((m) => m.msgType === 'file')).toHaveLength(1);
  });

  it('a 涉密 note sent in the 信息报送群 is refused and not stored; a sensitive-word match is receipted there without naming the words', async () => {
    const p = h.app.db.prisma;
    const count = await p.infoNote.count();
    const marked = await ask(town, '信息 报送 涉密 城关镇某重点工程招标底价已确定。', infoGroup);
    expect(marked.replies).toHaveLength(1);
    expect(marked.replies[0]).toContain('标注「涉密」的信息不在群内登记，本条未报送');
    expect(marked.replies[0]).not.toContain('招标底价');
    expect(await p.infoNote.count()).toBe(count);
    const matched = await ask(town, '信息 报送 城关镇一份不宜公开的会议纪要已按程序归档。', infoGroup);
    expect(matched.replies).toHaveLength(1);
    expect(matched.replies[0]).toContain('含敏感词，已标记为敏感信息（所含敏感词已私信告知报送人）');
    expect(matched.replies[0]).not.toContain('不宜公开');
    expect(matched.direct.filter((t) => t.includes('含敏感词「不宜公开」'))).toHaveLength(1);
    expect(await p.infoNote.count()).toBe(count + 1);
  });
});
