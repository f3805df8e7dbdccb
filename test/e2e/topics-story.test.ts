import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/** The paragraphs' text of a .docx (word/document.xml read back). */
async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t[^>]*>(.*?)<\/w:t>/gs)].map((t) => t[1]).join('')).filter(Boolean);
}

/**
 * 会议议题 as one story (issue 14's first Done-when), through the real SDK and the fake Lark, with the real
 * commands and card clicks only: a 住建局 topic needing 合法性审查 is returned once by its 分管领导, resubmitted,
 * approved and passed with conditions; a second topic still in legal review is refused a place on the agenda;
 * the meeting is created and its agenda published (the group, the presenter, the 列席 liaisons); the
 * day-before reminder falls on 9月30日, the working day before a meeting after the National Day holiday;
 * outcomes and two decisions are recorded; the 纪要 .docx is generated, reviewed by the 办公室主任, 签发 by the
 * 县长 and 印发; both decisions are in the 督办 ledger with their source; closing both in supervision's own
 * flow shows 全部落实 on `会议 <编号>`.
 */
describe('会议议题 story: from 申报 to 全部落实', () => {
  // Thursday 2026-09-24, 10:00 Beijing; the meeting is on Thursday 10月8日, the first working day after 国庆.
  const clock = new FixedClock('2026-09-24T10:00:00+08:00');
  let h: Harness;
  let admin: FakeUser, secretary: FakeUser, director: FakeUser, county: FakeUser, leader: FakeUser, legal: FakeUser;
  let liaison: FakeUser, head: FakeUser, czLiaison: FakeUser, sfLiaison: FakeUser, supervisor: FakeUser;
  let reviewGroup: string, meetingGroup: string, svGroup: string;
  const topicNo = '议〔2026〕1号';
  const secondNo = '议〔2026〕2号';
  const meetingNo = '县政府第1次常务会议';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const cardsWith = (chatId: string, word: string) => h.fake.cardsIn(chatId).filter((c) => cardText(current(c.messageId)).includes(word));
  const lastText = (chatId: string) => h.fake.textsIn(chatId).at(-1) ?? '';
  let n = 0;
  const say = async (u: FakeUser, text: string, chatId = dm(u)) => {
    const p2p = chatId === dm(u);
    await h.fake.userSays({ chatId, from: u, text: p2p ? text : `@三办助手 ${text}`, p2p, messageId: `om_story_${++n}` });
    await h.settle();
    return lastText(chatId);
  };
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>) => {
    clock.set(new Date(clock.now().getTime() + 60_000));
    const r = await h.fake.click({ messageId, by: u, value: buttonValue(current(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  /** The button with this action for this topic on a card (the agenda card has one row per topic). */
  const clickFor = async (u: FakeUser, messageId: string, action: string, topicId: string) => {
    const value = [...JSON.stringify(current(messageId)).matchAll(/"value":(\{[^}]*\})/g)]
      .map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
      .find((v) => v.a === action && v.t === topicId);
    expect(value, `${action} for ${topicId}`).toBeDefined();
    const r = await h.fake.click({ messageId, by: u, value: value! });
    await h.settle();
    return r.body as { toast?: { type: string; content: string } };
  };
  const travel = async (iso: string) => {
    clock.set(iso);
    await h.app.scheduler.runDue(clock.now());
    await h.settle();
  };
  const topic = (number: string) => {
    const seq = Number(/〕(\d+)号/.exec(number)![1]);
    return h.app.db.prisma.topic.findFirstOrThrow({ where: { seq } });
  };
  const meeting = () => h.app.db.prisma.meeting.findFirstOrThrow({ where: { number: meetingNo } });

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    admin = h.fake.addUser('管理员');
    secretary = h.fake.addUser('赵秘书');
    director = h.fake.addUser('陈主任');
    county = h.fake.addUser('张县长');
    leader = h.fake.addUser('吴副县长');
    legal = h.fake.addUser('秦审查');
    liaison = h.fake.addUser('王联络');
    head = h.fake.addUser('赵局长');
    czLiaison = h.fake.addUser('周联络');
    sfLiaison = h.fake.addUser('孙联络');
    supervisor = h.fake.addUser('孙督查');
    const db = h.app.db.prisma;
    const unit = (code: string, name: string, kind = 'department') => db.unit.create({ data: { code, name, kind } });
    const office = await unit('BGS', '县政府办公室', 'office_section');
    const zj = await unit('ZJJ', '住建局');
    const cz = await unit('CZJ', '财政局');
    const sf = await unit('SFJ', '司法局');
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(admin, office.id, '科员', [['admin', '']]);
    await person(secretary, office.id, '秘书', [['secretary', '']]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    await person(county, office.id, '县长', [['leader', '']]);
    await person(leader, office.id, '副县长', [
      ['leader', `unit:${zj.id}`],
      ['leader', `unit:${cz.id}`],
    ]);
    await person(legal, sf.id, '法制股股长', [['legal_reviewer', '']]);
    await person(liaison, zj.id, '科员', [['liaison', 'supervision']]);
    await person(head, zj.id, '局长', []);
    await person(czLiaison, cz.id, '科员', [['liaison', 'supervision']]);
    await person(sfLiaison, sf.id, '科员', [['liaison', 'supervision']]);
    await person(supervisor, office.id, '督查员', [['supervisor', '']]);
    reviewGroup = h.fake.addChat('议题审核群', [leader, legal]);
    meetingGroup = h.fake.addChat('县政府常务会议群', [admin, county, leader, director, secretary]);
    svGroup = h.fake.addChat('督查工作群', [supervisor]);
    await say(admin, '绑定 议题', reviewGroup);
    await say(admin, '绑定 督查', svGroup);
    // The meeting type as configuration, set by the admin in the meeting group.
    expect(await say(admin, '会议 类型 常务会 主持:张县长 出席:张县长、吴副县长 列席:司法局 群:本群', meetingGroup)).not.toMatch(/无法|未找到/);
  });
  afterAll(() => h?.stop());

  it('a topic needing 合法性审查: returned once by the 分管领导, resubmitted, approved, passed with conditions', async () => {
    const doc = h.fake.addDocument({ title: '县城区停车管理办法（送审稿）', text: '第一条 为规范城区停车秩序……', owner: liaison });
    const reply = await say(
      liaison,
      `议题 申报 关于《县城区停车管理办法》的议题 类型:常务会 材料:${doc.url} 列席:财政局 征求意见:财政局 审查:规范性文件 时长:20`,
    );
    expect(reply).toContain(`已申报：${topicNo}`);
    expect(reply).toContain('已送分管领导 吴副县长 审核');
    const first = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    expect((await click(leader, first.messageId, '退回修改', { opinion: '请补充收费标准的测算依据' })).toast?.type).toBe('success');
    expect(lastText(dm(liaison))).toContain('修改意见：请补充收费标准的测算依据');
    const mine = cardsWith(dm(liaison), `会议议题 · ${topicNo}`).at(-1)!;
    expect((await click(liaison, mine.messageId, '重新提交')).toast?.type).toBe('success');
    const second = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    expect(second.messageId).not.toBe(first.messageId);
    expect((await click(leader, second.messageId, '同意上会', { opinion: '同意提交常务会议研究' })).toast?.type).toBe('success');
    const legalCard = cardsWith(dm(legal), '请进行合法性审查').at(-1)!;
    const r = await click(legal, legalCard.messageId, '修改后通过', { opinion: '经审查，制定程序合法', conditions: '删除第五条中“一律拖移”的表述' });
    expect(r.toast?.type).toBe('success');
    expect(await topic(topicNo)).toMatchObject({ status: 'ready', legalOutcome: 'conditional', revision: 2 });
    expect(cardText(current(mine.messageId))).toContain('**修改条件**：删除第五条中“一律拖移”的表述');
    expect(cardText(current(cardsWith(reviewGroup, topicNo)[0]!.messageId))).not.toContain('修改条件');
  });

  it('a second topic still without its legal review is refused a place on the agenda, and told why', async () => {
    const doc = h.fake.addDocument({ title: '城区供水特许经营合同（草案）', text: '甲方……乙方……', owner: czLiaison });
    expect(await say(czLiaison, `议题 申报 关于城区供水特许经营合同的议题 类型:常务会 材料:${doc.url} 审查:合同`)).toContain(`已申报：${secondNo}`);
    const card = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    expect(cardText(card.card)).toContain('城区供水特许经营合同');
    await click(leader, card.messageId, '同意上会', { opinion: '同意' });
    expect((await topic(secondNo)).status).toBe('legal_review');

    // 会议 新建: what was understood, created on 确认.
    await say(secretary, '会议 新建 常务会 10月8日上午9:00 三楼会议室');
    const confirm = h.fake.cardsIn(dm(secretary)).at(-1)!;
    expect(cardText(confirm.card)).toContain('10月8日（周四）上午9:00');
    expect((await click(secretary, confirm.messageId, '确认')).toast?.content).toBe(`已新建${meetingNo}。`);
    // The office's agenda card sets the second topic apart with the reason; the command refuses it with the reason.
    const arrange = cardText(current(confirm.messageId));
    expect(arrange).toContain('尚不能列入的议题');
    expect(arrange).toContain('该议题须经合法性审查，审查通过（或修改后通过）前不得列入议程。');
    expect(await say(secretary, `会议 加入 ${meetingNo} ${secondNo}`)).toContain('须经合法性审查');
    expect((await topic(secondNo)).meetingId).toBeNull();
    // The first topic goes on from the pool on the card.
    expect((await clickFor(secretary, confirm.messageId, 'meetings.add', (await topic(topicNo)).id)).toast?.type).not.toBe('error');
    expect(await topic(topicNo)).toMatchObject({ status: 'scheduled', agendaPosition: 1 });
  });

  it('发布议程: the agenda to the meeting group, a DM to the presenter and each 列席 unit’s liaison', async () => {
    await say(secretary, `会议 议程 ${meetingNo}`);
    const c = h.fake.cardsIn(dm(secretary)).at(-1)!;
    await click(secretary, c.messageId, '发布议程');
    expect(await meeting()).toMatchObject({ status: 'published', reminderDate: '2026-09-30' });
    const agenda = cardText(h.fake.cardsIn(meetingGroup).at(-1)!.card);
    for (const part of [`${meetingNo}议程`, '1. 关于《县城区停车管理办法》的议题', '9:00-9:20', '汇报：赵局长（住建局）', '司法局', '财政局'])
      expect(agenda).toContain(part);
    expect(cardText(h.fake.cardsIn(dm(head)).at(-1)!.card)).toContain('您为第1项议题的汇报人');
    expect(cardText(h.fake.cardsIn(dm(sfLiaison)).at(-1)!.card)).toContain('司法局列席本次会议');
    expect(cardText(h.fake.cardsIn(dm(czLiaison)).at(-1)!.card)).toContain('财政局列席本次会议');
  });

  it('the day-before reminder falls on 9月30日, the working day before the meeting across the National Day holiday', async () => {
    await travel('2026-09-29T09:30:00+08:00');
    expect(cardsWith(dm(head), '会前提醒')).toHaveLength(0);
    await travel('2026-09-30T09:00:00+08:00');
    expect(cardsWith(meetingGroup, `会前提醒：${meetingNo}`)).toHaveLength(1);
    expect(cardsWith(dm(head), '会前提醒')).toHaveLength(1);
    expect((await meeting()).reminderSentAt).toEqual(new Date('2026-09-30T09:00:00+08:00'));
    await travel('2026-10-07T09:30:00+08:00');
    expect(cardsWith(dm(head), '会前提醒')).toHaveLength(1);
  });

  it('held; the outcome and two decisions recorded', async () => {
    // Before the meeting has begun it cannot be recorded as held.
    clock.set('2026-10-08T08:30:00+08:00');
    expect(await say(secretary, `会议 召开 ${meetingNo}`)).toContain('尚未开始，会议开始后方可记录召开');
    expect((await meeting()).status).toBe('published');
    clock.set('2026-10-08T15:00:00+08:00');
    expect(await say(secretary, `会议 召开 ${meetingNo}`)).toContain(`已记录${meetingNo}召开`);
    expect(await say(secretary, `会议 结果 ${meetingNo} 1 修改后通过 按合法性审查意见修改后印发`)).toContain('「修改后通过」');
    expect(await say(secretary, `会议 议定 ${meetingNo} 1 修改完善停车管理办法并按程序印发 承办:住建局 领导:吴副县长 时限:10月30日`)).toContain(
      '承办单位 住建局',
    );
    expect(await say(secretary, `会议 议定 ${meetingNo} 1 做好停车收费资金管理 承办:财政局 时限:11月13日`)).toContain('完成时限 11月13日');
    expect(await h.app.db.prisma.meetingDecision.count()).toBe(2);
    expect(await topic(topicNo)).toMatchObject({ status: 'discussed', outcome: 'passed_amended' });
  });

  it('the 纪要 .docx is generated, reviewed by the 办公室主任, 签发 by the 县长 and 印发', async () => {
    clock.set('2026-10-09T10:00:00+08:00');
    expect(await say(secretary, `会议 纪要 ${meetingNo}`)).toContain('陈主任审核');
    const draft = await docxParagraphs(h.fake.filesIn(dm(director)).at(-1)!.file.bytes);
    expect(draft).toContain('县政府常务会议纪要');
    const review = cardsWith(dm(director), '请审核').at(-1)!;
    expect((await click(director, review.messageId, '通过')).toast?.type).toBe('success');
    const sign = cardsWith(dm(county), '请审核').at(-1)!;
    expect(cardText(sign.card)).toContain('主持领导签发');
    expect(['success', 'info']).toContain((await click(county, sign.messageId, '通过')).toast?.type);
  }, 60_000);

  it('印发: the numbered 纪要 to the meeting group and the units; one section for the topic with its decisions', async () => {
    expect(await meeting()).toMatchObject({ status: 'issued', minutesStatus: 'issued', minutesNumber: '〔2026〕1号' });
    const file = h.fake.filesIn(meetingGroup).at(-1)!;
    expect(file.file.name).toBe(`${meetingNo}纪要（〔2026〕1号）.docx`);
    const paragraphs = await docxParagraphs(file.file.bytes);
    expect(paragraphs).toContain('〔2026〕1号');
    expect(paragraphs.find((p) => p.startsWith('10月8日'))).toContain(`县长张县长主持召开${meetingNo}`);
    expect(paragraphs.filter((p) => /^[一二三四五六七八九十]+、关于/.test(p))).toEqual(['一、关于《县城区停车管理办法》的议题']);
    const body = paragraphs.find((p) => p.startsWith('会议听取了'))!;
    expect(body).toContain('修改完善停车管理办法并按程序印发（由住建局负责落实，吴副县长同志牵头，10月30日前完成）');
    expect(body).toContain('做好停车收费资金管理');
    expect(paragraphs).toContain('出席：张县长、吴副县长');
    expect(paragraphs.find((p) => p.startsWith('列席：'))).toContain('司法局');
    expect(h.fake.filesIn(dm(liaison))).toHaveLength(1);
    expect(h.fake.filesIn(dm(czLiaison))).toHaveLength(1);
  });

  it('both decisions are in the 督办 ledger with their source; the item cards say where they came from', async () => {
    await say(supervisor, '督办 列表 全部');
    const ledger = cardText(h.fake.cardsIn(dm(supervisor)).at(-1)!.card);
    expect(ledger).toContain('修改完善停车管理办法并按程序印发');
    expect(ledger).toContain('做好停车收费资金管理');
    const items = await h.app.db.prisma.supervisionItem.findMany({ orderBy: { seq: 'asc' } });
    expect(items.map((i) => [i.number, i.sourceType, i.sourceRef, i.deadline])).toEqual([
      ['督〔2026〕1号', 'meeting', `${meetingNo} 议题1`, '2026-10-30'],
      ['督〔2026〕2号', 'meeting', `${meetingNo} 议题1`, '2026-11-13'],
    ]);
    expect(cardText(cardsWith(dm(liaison), '督〔2026〕1号')[0]!.card)).toContain(`会议议定事项（${meetingNo} 议题1）`);
    expect(cardText(cardsWith(dm(czLiaison), '督〔2026〕2号')[0]!.card)).toContain(`会议议定事项（${meetingNo} 议题1）`);
    // Before they are closed, `会议 <编号>` shows each item's state from the ledger.
    await say(secretary, `会议 ${meetingNo}`);
    const detail = cardText(h.fake.cardsIn(dm(secretary)).at(-1)!.card);
    expect(detail).toContain('**落实情况**（0/2项已销号）');
    expect(detail).toContain('督〔2026〕1号　【待签收】');
    expect(detail).not.toContain('待纳入督办');
  });

  it('closing both in supervision’s own flow (签收, 申请办结, 销号) shows 全部落实 on `会议 <编号>`', async () => {
    const close = async (u: FakeUser, itemNumber: string) => {
      const item = cardsWith(dm(u), itemNumber)[0]!;
      await click(u, item.messageId, '签收');
      await click(u, item.messageId, '申请办结');
      await click(u, item.messageId, '提交办结申请', { result: '已按会议议定完成' });
      const pending = cardsWith(svGroup, `督办事项 ${itemNumber}`).at(-1)!;
      expect(buttonLabels(current(pending.messageId))).toContain('销号');
      expect((await click(supervisor, pending.messageId, '销号')).toast?.type).toBe('success');
    };
    await close(liaison, '督〔2026〕1号');
    await say(secretary, `会议 ${meetingNo}`);
    let detail = cardText(h.fake.cardsIn(dm(secretary)).at(-1)!.card);
    expect(detail).toContain('**落实情况**（1/2项已销号）');
    expect(detail).not.toContain('全部落实');
    await close(czLiaison, '督〔2026〕2号');
    await say(secretary, `会议 ${meetingNo}`);
    detail = cardText(h.fake.cardsIn(dm(secretary)).at(-1)!.card);
    expect(detail).toContain('**状态**：全部落实');
    expect(detail).toContain('**落实情况**（2/2项已销号）：**议定事项已全部落实**');
    expect((await meeting()).status).toBe('implemented');
  });
});
