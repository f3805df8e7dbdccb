import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { meetingWithAgenda } from '../support/minutes-fixtures.js';

const documentXml = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

/**
 * The 纪要 returned in 文稿审核 and revised: the drafter sends the edited .docx as the draft's 修改稿, the
 * chain passes it, and 印发 sends that reviewed file (with the 签发 number in its blank), not a rebuild
 * from the records.
 */
describe('会议纪要: the reviewed 修改稿 is what 印发 sends', () => {
  const clock = new FixedClock('2026-09-30T15:00:00+08:00');
  let h: Harness;
  let secretary: FakeUser, director: FakeUser, county: FakeUser, zjLiaison: FakeUser;
  let meetingGroup: string;
  const number = '县政府第1次常务会议';
  const offer = '作为审〔2026〕1号的修改稿提交';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: dm(secretary), from: secretary, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(secretary)).at(-1) ?? '';
  };
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>) => {
    clock.set(new Date(clock.now().getTime() + 60_000));
    const r = await h.fake.click({ messageId, by: u, value: buttonValue(current(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string } };
  };
  const holder = (u: FakeUser) =>
    h.fake
      .cardsIn(dm(u))
      .filter((c) => cardText(c.card).includes('请审核'))
      .at(-1)!;
  const meeting = () => h.app.db.prisma.meeting.findFirstOrThrow({ where: { number } });

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    secretary = h.fake.addUser('赵秘书');
    director = h.fake.addUser('陈主任');
    county = h.fake.addUser('张县长');
    zjLiaison = h.fake.addUser('刘联络');
    meetingGroup = h.fake.addChat('县政府常务会议群', [county, director, secretary]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    const sec = await person(secretary, office.id, '秘书', [['secretary', '']]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    const zhang = await person(county, office.id, '县长', [['leader', `unit:${zj.id}`]]);
    const zjl = await person(zjLiaison, zj.id, '科员', [['liaison', 'supervision']]);
    await meetingWithAgenda(db, {
      startsAt: new Date('2026-09-30T09:00:00+08:00'),
      presidingId: zhang.id,
      attendeeIds: [zhang.id],
      chatId: meetingGroup,
      creator: { id: sec.id, openId: secretary.openId },
      topics: [{ title: '关于老旧小区改造实施方案的议题', unitId: zj.id, submitter: { id: zjl.id, openId: zjLiaison.openId }, leaderId: zhang.id }],
    });
  });
  afterAll(() => h?.stop());

  it('the draft goes to review with a blank for its number; the director returns it', async () => {
    await say(`会议 召开 ${number}`);
    expect(await say(`会议 结果 ${number} 1 通过`)).toContain('「通过」');
    expect(await say(`会议 议定 ${number} 1 抓紧推进老旧小区改造 承办:县住建局 时限:10月30日`)).toContain('承办单位 县住建局');
    expect(await say(`会议 纪要 ${number}`)).toContain('审〔2026〕1号');
    const draft = await documentXml(h.fake.filesIn(dm(director)).at(-1)!.file.bytes);
    expect(draft).toContain('〔2026〕　　号');
    const card = holder(director).messageId;
    await click(director, card, '退回修改');
    expect((await click(director, card, '确认退回', { comment: '请写明改造范围' })).toast?.type).toBe('success');
    expect(h.fake.textsIn(dm(secretary)).at(-1)).toContain(offer);
  }, 60_000);

  it('the drafter sends the revised .docx as its 修改稿; after 签发 the group gets that file, numbered', async () => {
    // The secretary edits the draft the director saw (here: its XML) and sends it back in the DM.
    const zip = await JSZip.loadAsync(h.fake.filesIn(dm(director)).at(-1)!.file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('抓紧推进老旧小区改造');
    zip.file('word/document.xml', xml.replace('抓紧推进老旧小区改造', '抓紧推进城东片区老旧小区改造'));
    const revised = await zip.generateAsync({ type: 'uint8array' });
    await h.fake.userSendsFile({ chatId: dm(secretary), from: secretary, name: '县政府第1次常务会议纪要（修改稿）.docx', bytes: revised });
    await h.settle();
    const offerCard = h.fake
      .cardsIn(dm(secretary))
      .filter((c) => cardText(c.card).includes(offer))
      .at(-1)!;
    expect((await click(secretary, offerCard.messageId, offer)).toast?.type).toBe('success');
    expect(await documentXml(h.fake.filesIn(dm(director)).at(-1)!.file.bytes)).toContain('城东片区');
    expect((await click(director, holder(director).messageId, '通过')).toast?.type).toBe('success');
    expect(['success', 'info']).toContain((await click(county, holder(county).messageId, '通过')).toast?.type);
    await h.settle();
    const m = await meeting();
    expect({ status: m.status, number: m.minutesNumber }).toEqual({ status: 'issued', number: '〔2026〕1号' });
    const issued = h.fake.filesIn(meetingGroup);
    expect(issued).toHaveLength(1);
    expect(issued[0]!.file.name).toBe('县政府第1次常务会议纪要（〔2026〕1号）.docx');
    const sent = await documentXml(issued[0]!.file.bytes);
    expect(sent).toContain('抓紧推进城东片区老旧小区改造');
    expect(sent).toContain('〔2026〕1号');
    expect(sent).not.toContain('〔2026〕　　号');
    // The unit's liaison gets the same reviewed file.
    expect(await documentXml(h.fake.filesIn(dm(zjLiaison)).at(-1)!.file.bytes)).toContain('城东片区');
    // The decision still becomes its 督办 item.
    expect(await h.app.db.prisma.supervisionItem.count()).toBe(1);
  }, 60_000);
});
