import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { meetingWithAgenda } from '../support/minutes-fixtures.js';

/** The paragraphs' text of a .docx (word/document.xml read back), and the XML itself. */
async function docxText(bytes: Uint8Array): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)]
    .map((p) => [...p[0].matchAll(/<w:t[^>]*>(.*?)<\/w:t>/gs)].map((t) => t[1]).join(''))
    .filter(Boolean);
  return { xml, paragraphs };
}

/**
 * 议定事项与纪要 (issue 14, items 5–6) through the real SDK: outcomes and two decisions recorded (one refused
 * for want of a unit), the 纪要 chased on the ladder, generated as a GB/T 9704 .docx, reviewed in 文稿审核
 * (办公室主任 → 县长 签发), 印发 to the meeting group and the units, two 督办 items with their source, and
 * closing both → 全部落实.
 */
describe('会议纪要 and 议定事项', () => {
  // Wed 2026-09-30: the 纪要 is due on Sat 2026-10-10, the make-up working day after 国庆.
  const clock = new FixedClock('2026-09-30T15:00:00+08:00');
  let h: Harness;
  let secretary: FakeUser,
    director: FakeUser,
    county: FakeUser,
    vice: FakeUser,
    absentee: FakeUser,
    supervisor: FakeUser,
    zjLiaison: FakeUser,
    czLiaison: FakeUser;
  let meetingGroup: string, svGroup: string;
  const number = '县政府第1次常务会议';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: dm(secretary), from: secretary, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(secretary)).at(-1) ?? '';
  };
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by: u, value: buttonValue(current(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string } };
  };
  const meeting = () => h.app.db.prisma.meeting.findFirstOrThrow({ where: { number } });

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    secretary = h.fake.addUser('赵秘书');
    director = h.fake.addUser('陈主任');
    county = h.fake.addUser('张县长');
    vice = h.fake.addUser('李副县长');
    absentee = h.fake.addUser('王副县长');
    supervisor = h.fake.addUser('孙督查');
    zjLiaison = h.fake.addUser('刘联络');
    czLiaison = h.fake.addUser('周联络');
    meetingGroup = h.fake.addChat('县政府常务会议群', [county, vice, absentee, director, secretary]);
    svGroup = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const cz = await db.unit.create({ data: { code: 'CZJ', name: '县财政局', kind: 'department' } });
    await db.unit.create({ data: { code: 'SFJ', name: '司法局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    const sec = await person(secretary, office.id, '秘书', [['secretary', '']]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    const zhang = await person(county, office.id, '县长', [['leader', '']]);
    const li = await person(vice, office.id, '副县长', [
      ['leader', `unit:${zj.id}`],
      ['leader', `unit:${cz.id}`],
    ]);
    const wang = await person(absentee, office.id, '副县长', [['leader', '']]);
    await person(supervisor, office.id, '督查员', [['supervisor', '']]);
    const zjl = await person(zjLiaison, zj.id, '科员', [['liaison', 'supervision']]);
    await person(czLiaison, cz.id, '科员', [['liaison', 'supervision']]);
    await db.chatBinding.create({ data: { chatId: svGroup, purpose: 'supervision' } });
    await meetingWithAgenda(db, {
      startsAt: new Date('2026-09-30T09:00:00+08:00'),
      presidingId: zhang.id,
      attendeeIds: [zhang.id, li.id, wang.id],
      chatId: meetingGroup,
      creator: { id: sec.id, openId: secretary.openId },
      topics: [
        { title: '关于老旧小区改造实施方案的议题', unitId: zj.id, submitter: { id: zjl.id, openId: zjLiaison.openId }, leaderId: li.id },
        { title: '县级财政预算调整方案', unitId: cz.id, submitter: { id: zjl.id, openId: zjLiaison.openId }, leaderId: li.id, attendUnitIds: [zj.id] },
      ],
    });
  });
  afterAll(() => h?.stop());

  it('会议 召开 records the meeting held; the 纪要 is due 3 working days later, on the make-up Saturday', async () => {
    expect(await say(`会议 召开 ${number} 请假:王副县长`)).toContain('10月10日');
    const m = await meeting();
    expect({ status: m.status, due: m.minutesDueDate, minutesStatus: m.minutesStatus }).toEqual({
      status: 'held',
      due: '2026-10-10',
      minutesStatus: 'drafting',
    });
  });

  it('outcomes per topic; a decision without a 承办单位 is refused whole; two decisions recorded', async () => {
    expect(await say(`会议 结果 ${number} 1 通过`)).toContain('「通过」');
    expect(await say(`会议 结果 ${number} 议题2 原则通过 请进一步细化资金测算`)).toContain('「原则通过」');
    expect(await say(`会议 结果 ${number} 3 通过`)).toContain('议程中没有');
    expect(await say(`会议 议定 ${number} 1 抓紧推进老旧小区改造 领导:李副县长 时限:10月30日`)).toContain('议定事项须明确承办单位');
    expect(await h.app.db.prisma.meetingDecision.count()).toBe(0);
    expect(await say(`会议 议定 ${number} 1 抓紧推进老旧小区改造 承办:县住建局 领导:李副县长 时限:10月30日`)).toContain('承办单位 县住建局');
    expect(await say(`会议 议定 ${number} 2 做好调整资金保障 承办:县财政局 时限:11月13日`)).toContain('完成时限 11月13日');
    const topics = await h.app.db.prisma.topic.findMany({ orderBy: { agendaPosition: 'asc' } });
    expect(topics.map((t) => [t.status, t.outcome])).toEqual([
      ['discussed', 'passed'],
      ['discussed', 'passed_in_principle'],
    ]);
    expect((await h.app.db.prisma.meetingDecision.findMany({ orderBy: { createdAt: 'asc' } })).map((d) => d.deadline)).toEqual(['2026-10-30', '2026-11-13']);
  });

  it('the chase: day 2 the drafter, day 3 the office director; a rung is sent once', async () => {
    clock.set('2026-10-09T09:40:00+08:00');
    await h.app.router.runJob('minutes.chase', clock.now());
    await h.settle();
    expect(h.fake.textsIn(dm(secretary)).at(-1)).toContain('【纪要催办】');
    expect(h.fake.textsIn(dm(secretary)).at(-1)).toContain('纪要还有1个工作日到期');
    expect(h.fake.textsIn(dm(director)).filter((t) => t.includes('纪要催办'))).toEqual([]);
    await h.app.router.runJob('minutes.chase', clock.now());
    await h.settle();
    expect(h.fake.textsIn(dm(secretary)).filter((t) => t.includes('纪要催办'))).toHaveLength(1);
    clock.set('2026-10-10T09:40:00+08:00');
    await h.app.router.runJob('minutes.chase', clock.now());
    await h.settle();
    expect(h.fake.textsIn(dm(director)).filter((t) => t.includes('纪要今日到期'))).toHaveLength(1);
    expect(h.fake.textsIn(dm(county)).filter((t) => t.includes('纪要催办'))).toEqual([]);
  });

  it('会议 纪要 generates the .docx and sends it into 文稿审核: 办公室主任, then the 县长 签发', async () => {
    clock.set('2026-10-10T10:00:00+08:00');
    const reply = await say(`会议 纪要 ${number}`);
    expect(reply).toContain('审〔2026〕1号');
    expect(reply).toContain('陈主任审核');
    const m = await meeting();
    expect({ status: m.status, minutesStatus: m.minutesStatus }).toEqual({ status: 'minutes', minutesStatus: 'reviewing' });
    const files = h.fake.filesIn(dm(director));
    expect(files).toHaveLength(1);
    const draft = await docxText(files[0]!.file.bytes);
    expect(draft.paragraphs).toContain('县政府常务会议纪要');
    expect(draft.xml).not.toMatch(/〔2026〕\d+号/);
    // Outcomes are fixed once the 纪要 is under review.
    expect(await say(`会议 结果 ${number} 1 暂缓`)).toContain('纪要已送审');
    // 卡在谁那: the draft is with the director.
    const holder = h.fake
      .cardsIn(dm(director))
      .filter((c) => cardText(c.card).includes('请审核'))
      .at(-1)!;
    expect(await click(director, holder.messageId, '通过')).toMatchObject({ toast: { type: 'success' } });
    expect((await meeting()).minutesStatus).toBe('reviewing');
    // 卡在谁那 shows the 纪要 on the 县长's desk, like any draft.
    await h.fake.userSays({ chatId: dm(director), from: director, text: '审核 卡在谁那', p2p: true });
    await h.settle();
    const desk = cardText(h.fake.cardsIn(dm(director)).at(-1)!.card);
    expect(desk).toContain('张县长');
    expect(desk).toContain('审〔2026〕1号');
    const sign = h.fake
      .cardsIn(dm(county))
      .filter((c) => cardText(c.card).includes('请审核'))
      .at(-1)!;
    expect(cardText(sign.card)).toContain('主持领导签发');
    // 签发 builds, uploads and sends the numbered file and creates the items: past the click's 3 s the router
    // answers 已收到 and finishes in the background (the next test reads what it did).
    expect(['success', 'info']).toContain((await click(county, sign.messageId, '通过')).toast?.type);
  }, 60_000);

  it('签发 numbers it 〔2026〕1号 and 印发s it: the file to the meeting group and the units, in the GB/T 9704 layout', async () => {
    const m = await meeting();
    expect({ status: m.status, minutesStatus: m.minutesStatus, number: m.minutesNumber }).toEqual({
      status: 'issued',
      minutesStatus: 'issued',
      number: '〔2026〕1号',
    });
    const inGroup = h.fake.filesIn(meetingGroup);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.file.name).toBe('县政府第1次常务会议纪要（〔2026〕1号）.docx');
    expect(h.fake.textsIn(meetingGroup).at(-1)).toContain('【纪要印发】县政府常务会议纪要〔2026〕1号');
    expect(h.fake.filesIn(dm(zjLiaison))).toHaveLength(1);
    expect(h.fake.filesIn(dm(czLiaison))).toHaveLength(1);
    const { xml, paragraphs } = await docxText(inGroup[0]!.file.bytes);
    expect(paragraphs).toContain('县政府常务会议纪要');
    expect(paragraphs).toContain('〔2026〕1号');
    expect(paragraphs.find((p) => p.startsWith('9月30日'))).toBe(
      '9月30日，县长张县长主持召开县政府第1次常务会议，研究了关于老旧小区改造实施方案、关于县级财政预算调整方案等2项议题。现纪要如下：',
    );
    const sections = paragraphs.filter((p) => /^[一二三四五六七八九十]+、关于/.test(p));
    expect(sections).toEqual(['一、关于老旧小区改造实施方案的议题', '二、关于县级财政预算调整方案']);
    const bodies = paragraphs.filter((p) => p.startsWith('会议听取了'));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('会议议定：会议审议通过该事项。抓紧推进老旧小区改造（由县住建局负责落实，李副县长同志牵头，10月30日前完成）。');
    expect(bodies[1]).toContain('会议议定：会议原则通过该事项。请进一步细化资金测算。');
    expect(paragraphs).toContain('出席：张县长、李副县长');
    expect(paragraphs).toContain('请假：王副县长');
    // The type's fixed 列席 units (司法局, and 财政局 as 县财政局 in this directory), then the topics' own.
    expect(paragraphs).toContain('列席：司法局、县财政局、县住建局');
    // The docx service's page and fonts: A4, 仿宋 body at 三号.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('each decision with a unit and a deadline is a 督办 item whose card says where it came from', async () => {
    const items = await h.app.db.prisma.supervisionItem.findMany({ orderBy: { seq: 'asc' } });
    expect(items.map((i) => [i.content, i.sourceType, i.sourceRef, i.deadline])).toEqual([
      ['抓紧推进老旧小区改造', 'meeting', '县政府第1次常务会议 议题1', '2026-10-30'],
      ['做好调整资金保障', 'meeting', '县政府第1次常务会议 议题2', '2026-11-13'],
    ]);
    const decisions = await h.app.db.prisma.meetingDecision.findMany({ orderBy: { createdAt: 'asc' } });
    expect(decisions.map((d) => d.supervisionNumber)).toEqual(['督〔2026〕1号', '督〔2026〕2号']);
    const card = h.fake.cardsIn(dm(zjLiaison)).find((c) => cardText(c.card).includes('督〔2026〕1号'))!;
    expect(cardText(card.card)).toContain('会议议定事项（县政府第1次常务会议 议题1）');
    await say(`会议 落实 ${number}`);
    const impl = h.fake.cardsIn(dm(secretary)).at(-1)!;
    expect(cardText(impl.card)).toContain('督办事项 2 项，已销号 0 项');
    // A topic shows its own decisions' 落实情况 to those who may see the topic (its unit's liaison).
    await h.fake.userSays({ chatId: dm(zjLiaison), from: zjLiaison, text: '议题 落实 议〔2026〕1号', p2p: true });
    await h.settle();
    const own = cardText(h.fake.cardsIn(dm(zjLiaison)).at(-1)!.card);
    expect(own).toContain('抓紧推进老旧小区改造｜督〔2026〕1号 待签收');
    expect(own).not.toContain('做好调整资金保障');
  });

  it('closing both items → the meeting shows 全部落实', async () => {
    const close = async (liaison: FakeUser, itemNumber: string) => {
      const first = h.fake.cardsIn(dm(liaison)).find((c) => cardText(c.card).includes(itemNumber))!;
      await click(liaison, first.messageId, '签收');
      await click(liaison, first.messageId, '申请办结');
      await click(liaison, first.messageId, '提交办结申请', { result: '已完成' });
      const decision = h.fake.cardsIn(svGroup).find((c) => cardText(c.card).includes(`"content":"督办事项 ${itemNumber}"`))!;
      expect(await click(supervisor, decision.messageId, '销号')).toMatchObject({ toast: { type: 'success' } });
    };
    await close(zjLiaison, '督〔2026〕1号');
    await h.app.router.runJob('minutes.sweep', clock.now());
    expect((await meeting()).status).toBe('issued');
    await close(czLiaison, '督〔2026〕2号');
    await h.app.router.runJob('minutes.sweep', clock.now());
    expect((await meeting()).status).toBe('implemented');
    await say(`会议 落实 ${number}`);
    expect(cardText(h.fake.cardsIn(dm(secretary)).at(-1)!.card)).toContain('议定事项已全部落实');
  });
});
