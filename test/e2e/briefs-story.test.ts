import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { echoDraft, startFakeOpenAi, type FakeOpenAiServer } from '../fakes/openai-server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

const at = (s: string) => new Date(`${s}+08:00`);

/** The paragraphs' text of a .docx read back from word/document.xml. */
async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map((t) => t[1]).join('')).filter(Boolean);
}

const UNITS = ['城关镇', '县教育局', '县应急管理局', '县卫生健康局', '县交通运输局'] as const;
const TOWN_NOTE = '今天上午，城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处。';
const SCHOOL_NOTE = '县教育局启动冬季校园安全专项检查，覆盖全县中小学46所。';
const FIRE_NOTE = '今天15时40分，城关镇东关村一民房发生火灾，县消防救援大队已赶赴现场处置。';

/**
 * The Done-when of issue 15 as one working day, Tuesday 1 December 2026, through the real SDK, the fake Lark
 * and the fake OpenAI-compatible model, with the harness clock travelling through the day: five units report
 * (two notes, one 零报告, one urgent matter, one never → the 16:00 nudge to its liaison only and 漏报 at
 * 17:30); the urgent note missing two of the six elements is asked back, its 3-hour clock runs from 15:40
 * across the close (17:40 the editor, 18:40 the director), and the 续报 joins its thread; the editor drafts
 * with the model (streamed into one card, patched no faster than once a second), the invented figure is
 * caught, the editor edits and adopts; 编期 → 签发 → the 简报 .docx in the 信息 group; 信息 积分 counts it.
 */
describe('政务信息: a working day from the first note to the published 简报', () => {
  const clock = new FixedClock(at('2026-12-01T09:05:00'));
  let h: Harness;
  let model: FakeOpenAiServer;
  const u = {} as Record<'editor' | 'chief' | 'director' | 'leader', FakeUser>;
  let liaisons: FakeUser[] = [];
  let infoGroup = '';
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);
  const say = async (x: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(x), from: x, text, p2p: true });
    await h.settle();
  };
  const texts = (x: FakeUser) => h.fake.textsIn(dm(x));
  const lastText = (x: FakeUser) => texts(x).at(-1) ?? '';
  const lastCard = (x: FakeUser) => h.fake.cardsIn(dm(x)).at(-1)!;
  /** Time travel: every minute's jobs and timers run, as the bot's own tick would. */
  const travelTo = async (iso: string) => {
    await h.app.scheduler.runBetween(h.clock.now(), at(iso), (t) => h.clock.set(t));
    await h.settle();
  };
  const dayStatus = async (unit: string) => {
    const p = h.app.db.prisma;
    const row = (await p.unit.findUnique({ where: { name: unit } }))!;
    return (await p.infoDayStatus.findUnique({ where: { unitId_date: { unitId: row.id, date: '2026-12-01' } } }))?.status;
  };
  const board = async () => {
    await say(u.editor, '信息 今日');
    return cardText(lastCard(u.editor).card);
  };

  beforeAll(async () => {
    model = await startFakeOpenAi();
    h = await startHarness({ clock, env: { LLM_BASE_URL: model.baseUrl, LLM_MODEL: 'qwen2.5-7b-instruct', LLM_TIMEOUT_MS: '10000' } });
    await caughtUp(h);
    const p = h.app.db.prisma;
    liaisons = UNITS.map((name, i) => h.fake.addUser(`${name}联络员${i + 1}`));
    u.editor = h.fake.addUser('信息科编辑');
    u.chief = h.fake.addUser('信息科科长');
    u.director = h.fake.addUser('办公室主任');
    u.leader = h.fake.addUser('分管副县长');
    for (const [i, name] of UNITS.entries()) {
      const unit = await p.unit.create({ data: { code: `U${i}`, name, kind: i === 0 ? 'town' : 'department' } });
      const person = await p.person.create({ data: { name: liaisons[i]!.name, openId: liaisons[i]!.openId, unitId: unit.id } });
      await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
    }
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const office = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office' } });
    const add = async (x: FakeUser, unitId: string, role: string, scope = '') => {
      const person = await p.person.create({ data: { name: x.name, openId: x.openId, unitId } });
      await p.roleGrant.create({ data: { personId: person.id, role, scope } });
    };
    await add(u.editor, section.id, 'editor');
    await add(u.chief, section.id, 'section_chief');
    await add(u.director, office.id, 'director');
    await add(u.leader, office.id, 'leader', `unit:${section.id}`);
    await p.dutyRoster.create({ data: { date: '2026-12-01', leaderName: '分管副县长', staff: '王干事', phone: '0000-1234567', createdBy: 'seed' } });
    infoGroup = h.fake.addChat('信息报送群', [...liaisons, u.editor]);
    await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  });
  afterAll(async () => {
    await h?.stop();
    await model?.close();
  });

  it('09:10 two units report, one sends 零报告; the board at 15:00 shows 已报送 / 零报告 / 未报送', async () => {
    await travelTo('2026-12-01T09:10:00');
    await say(liaisons[0]!, `信息 报送 【工作动态】${TOWN_NOTE}`);
    expect(lastText(liaisons[0]!)).toContain('已报送：信〔2026〕1号（城关镇，12月1日 09:10）');
    await say(liaisons[1]!, `信息 报送 ${SCHOOL_NOTE}`);
    expect(lastText(liaisons[1]!)).toContain('已报送：信〔2026〕2号（县教育局');
    await say(liaisons[3]!, '信息 零报告');
    expect(lastText(liaisons[3]!)).toContain('已登记零报告：县卫生健康局');

    await travelTo('2026-12-01T15:00:00');
    const text = await board();
    expect(text).toContain('应报 **5** 个单位：已报送 2，零报告 1，未报送 2，漏报 0');
    await say(liaisons[4]!, '信息 今日');
    expect(lastText(liaisons[4]!)).toContain('县交通运输局12月1日（周二）：未报送');
    // Nobody has been nudged yet.
    for (const l of liaisons) expect(texts(l).join('\n')).not.toContain('信息报送提醒');
  });

  it('15:45 an urgent note missing two elements: asked back for exactly those two; editors and the duty leader buzzed', async () => {
    await travelTo('2026-12-01T15:45:00');
    await say(liaisons[2]!, `信息 急报 ${FIRE_NOTE}`);
    expect(lastText(liaisons[2]!)).toBe('急情要事信〔2026〕3号已报送，并已立即送信息科和值班领导。');
    const asked = cardText(lastCard(liaisons[2]!).card);
    expect(asked).toContain('还缺少以下要素**：影响范围、初步原因。');
    for (const e of ['时间', '地点', '事件类型', '已采取措施']) expect(asked).not.toContain(`、${e}`);
    const alert = h.fake.cardsIn(dm(u.editor)).find((c) => cardText(c.card).includes('急情要事 信〔2026〕3号'))!;
    expect(cardText(alert.card)).toContain('**事发时间**：12月1日 15:40');
    expect(cardText(alert.card)).toContain('缺2项');
    expect(cardText(lastCard(u.leader).card)).toContain('请值班领导知悉');
    expect(h.fake.cardsIn(dm(u.director))).toHaveLength(0);
    await travelTo('2026-12-01T15:47:00');
    expect(h.fake.buzzes.flatMap((b) => b.openIds).sort()).toEqual([u.editor.openId, u.leader.openId].sort());
    expect(await dayStatus('县应急管理局')).toBe('reported');
  });

  it('16:00 the one unit that has not reported is nudged, its liaison only, once', async () => {
    await travelTo('2026-12-01T16:05:00');
    const nudges = (x: FakeUser) => texts(x).filter((t) => t.includes('信息报送提醒'));
    expect(nudges(liaisons[4]!)).toHaveLength(1);
    expect(nudges(liaisons[4]!)[0]).toContain('【信息报送提醒】县交通运输局12月1日（周二）尚未报送政务信息。请于17:30前');
    for (const l of liaisons.slice(0, 4)) expect(nudges(l)).toHaveLength(0);
    expect(texts(u.editor).join('\n')).not.toContain('信息报送提醒');
  });

  it('16:30 the 续报 joins the first report and fills the two elements', async () => {
    await travelTo('2026-12-01T16:30:00');
    await say(liaisons[2]!, '信息 续报 信〔2026〕3号 经核实，此次火灾无人员伤亡，起火原因系电线老化。');
    expect(lastText(liaisons[2]!)).toBe('续报信〔2026〕4号已报送，已并入急情要事信〔2026〕3号。');
    const p = h.app.db.prisma;
    const first = await p.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕3号' } });
    expect((await p.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕4号' } })).parentNoteId).toBe(first.id);
    const alert = h.fake.cardsIn(dm(u.editor)).find((c) => cardText(c.card).includes('急情要事 信〔2026〕3号'))!;
    expect(cardText(alert.card)).toContain('**续报**（1次）');
    expect(cardText(alert.card)).toContain('1. 信〔2026〕4号　16:30');
    expect(cardText(alert.card)).toContain('六要素**（齐全）');
  });

  it('17:30 the close records 漏报 for the unit that never reported; the others keep their state', async () => {
    await travelTo('2026-12-01T17:31:00');
    expect(await dayStatus('县交通运输局')).toBe('missed');
    expect(await dayStatus('县卫生健康局')).toBe('zero');
    expect(await dayStatus('城关镇')).toBe('reported');
    expect(await dayStatus('县应急管理局')).toBe('reported');
    const text = await board();
    expect(text).toContain('漏报（1）');
    expect(text).toContain('县交通运输局');
  });

  it('the 3-hour clock does not stop at 17:30: the editor at 17:40, the office director at 18:40', async () => {
    const reminders = () => texts(u.editor).filter((t) => t.includes('急情要事提醒'));
    await travelTo('2026-12-01T17:39:00');
    expect(reminders()).toHaveLength(0);
    await travelTo('2026-12-01T17:40:00');
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain('事发于12月1日 15:40，已过2小时，尚未报送领导。');
    expect(reminders()[0]).toContain('请于18:40前报送领导');
    expect(texts(u.director)).toHaveLength(0);
    await travelTo('2026-12-01T18:39:00');
    expect(texts(u.director)).toHaveLength(0);
    await travelTo('2026-12-01T18:41:00');
    expect(texts(u.director)).toHaveLength(1);
    expect(texts(u.director)[0]).toContain('【急情要事超时】信〔2026〕3号');
    expect(texts(u.director)[0]).toContain('已满3小时，信息科仍未报送领导');
    expect(reminders()).toHaveLength(1);
    const note = await h.app.db.prisma.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕3号' } });
    expect(note.remindedAt).toEqual(at('2026-12-01T17:40:00'));
    expect(note.escalatedAt).toEqual(at('2026-12-01T18:40:00'));
  });

  it('the editor drafts with the model: streamed into one card, patched in place at most once a second; the invented 15处 caught', async () => {
    await travelTo('2026-12-01T18:50:00');
    const requestsBefore = model.requests.length;
    // The model writes slowly (so progress shows mid-stream) and invents a figure: 15处 where the note says 12处.
    model.enqueue({ chunkSize: 20, chunkDelayMs: 220, content: (r) => echoDraft(r).replace('排查隐患12处', '排查隐患15处') });
    const before = h.fake.messagesIn(dm(u.editor)).length;
    await say(u.editor, '信息 起草 信〔2026〕1号 信〔2026〕2号');
    expect(h.fake.messagesIn(dm(u.editor))).toHaveLength(before + 1); // one message, updated in place
    const run = lastCard(u.editor);
    expect(model.requests).toHaveLength(requestsBefore + 1);
    expect(model.requests.at(-1)!.body.stream).toBe(true);
    const patches = h.fake.callsTo(new RegExp(`/im/v1/messages/${run.messageId}$`), 'PATCH');
    // Progress mid-stream and the finished draft: more than one patch, fewer than the chunks streamed.
    const streamedChunks = Math.ceil(echoDraft(model.requests.at(-1)!).length / 20);
    expect(patches.length).toBeGreaterThanOrEqual(3);
    expect(patches.length).toBeLessThan(streamedChunks);
    for (let i = 1; i < patches.length; i++) expect(patches[i]!.at - patches[i - 1]!.at).toBeGreaterThanOrEqual(950);

    const text = cardText(run.card);
    expect(text).toContain('信息草稿（2条）');
    expect(text).toContain('大模型起草（qwen2.5-7b-instruct）');
    expect(text).toContain('来源中未找到：15处');
    expect(text).toMatch(/已在来源中找到：9处——“[^”]*已整改9处。”/);
    expect(text).toMatch(/已在来源中找到：46所——“[^”]*覆盖全县中小学46所。”/);
    expect(buttonLabels(run.card)).toEqual(expect.arrayContaining(['采用', '修改', '退回', '重新生成']));
    const notes = await h.app.db.prisma.infoNote.findMany({ where: { number: { in: ['信〔2026〕1号', '信〔2026〕2号'] } } });
    expect(notes.map((n) => n.state)).toEqual(['used', 'used']);
  });

  it('the editor corrects the figure in the form and adopts both items', async () => {
    const run = lastCard(u.editor);
    const p = h.app.db.prisma;
    const items = await p.infoItem.findMany({ where: { runId: run.messageId }, orderBy: { createdAt: 'asc' } });
    const town = items.find((i) => i.body.includes('15处'))!;
    const form = await h.fake.click({ messageId: run.messageId, by: u.editor, value: { a: 'briefs.item.edit', item: town.id } });
    expect(cardText(form.body)).toContain('排查隐患15处'); // the form carries the draft
    await h.fake.click({
      messageId: run.messageId,
      by: u.editor,
      value: { a: 'briefs.item.edit_submit', item: town.id },
      formValue: { title: '城关镇部署秋冬季安全生产工作', body: `城关镇${TOWN_NOTE.replace('今天上午，城关镇', '')}`, kind: '工作动态' },
    });
    await h.settle();
    let text = cardText(lastCard(u.editor).card);
    expect(text).toContain('城关镇部署秋冬季安全生产工作');
    expect(text).toContain('已修改');
    expect(text).not.toContain('来源中未找到');
    expect(text).toContain('已在来源中找到：12处');
    for (const item of items) {
      const card = lastCard(u.editor);
      await h.fake.click({ messageId: card.messageId, by: u.editor, value: { a: 'briefs.item.adopt', item: item.id } });
      await h.settle();
    }
    text = cardText(lastCard(u.editor).card);
    expect(text.match(/状态：\*\*已采用\*\*/g)).toHaveLength(2);
    expect((await p.infoItem.findMany({ where: { runId: run.messageId } })).map((i) => i.state)).toEqual(['adopted', 'adopted']);
  });

  it('信息 编期 → 科长 → 主任 → the leader 签发 → the 简报 .docx in the 信息 group, read back', async () => {
    const click = async (x: FakeUser, label: string, formValue?: Record<string, unknown>) => {
      const c = lastCard(x);
      await h.fake.click({ messageId: c.messageId, by: x, value: buttonValue(c.card, label), ...(formValue ? { formValue } : {}) });
      await h.settle();
    };
    await say(u.editor, '信息 编期');
    expect(cardText(lastCard(u.editor).card)).toContain('《政务信息》第1期');
    await click(u.editor, '确认编期');
    expect(cardText(lastCard(u.chief).card)).toContain('信息科科长审核');
    expect(h.fake.filesIn(infoGroup)).toHaveLength(0); // nothing published before the chain ends
    await click(u.chief, '通过', { comment: '' });
    await click(u.director, '通过', { comment: '同意' });
    expect(cardText(lastCard(u.leader).card)).toContain('领导签发');
    expect(h.fake.filesIn(infoGroup)).toHaveLength(0);
    await click(u.leader, '通过', { comment: '' });

    const issue = (await h.app.db.prisma.infoIssue.findFirstOrThrow())!;
    expect(issue.state).toBe('published');
    const files = h.fake.filesIn(infoGroup);
    expect(files.map((f) => f.file.name)).toEqual(['政务信息2026年第1期.docx']);
    const paragraphs = await docxParagraphs(h.fake.fileBytes(issue.fileKey)!);
    expect(paragraphs).toContain('政务信息');
    expect(paragraphs).toContain('第1期');
    expect(paragraphs).toContain('一、工作动态');
    expect(paragraphs).toContain('县人民政府办公室2026年12月1日');
    expect(paragraphs).toContain('1.城关镇部署秋冬季安全生产工作');
    expect(paragraphs.some((t) => t.includes('排查隐患12处，已整改9处'))).toBe(true);
    expect(paragraphs.some((t) => t.includes('覆盖全县中小学46所'))).toBe(true);
    expect(paragraphs.join('\n')).not.toContain('15处');
    for (const head of ['报：', '送：', '发：']) expect(paragraphs.some((t) => t.startsWith(head))).toBe(true);
  });

  it('信息 积分 counts the adoptions for their units (本级采用) and the 漏报 against 县交通运输局', async () => {
    await say(u.editor, '信息 积分');
    const text = cardText(lastCard(u.editor).card);
    expect(text).toContain('政务信息积分 · 2026年12月');
    expect(text).toMatch(/\*\*城关镇\*\* \+1分（录用\+1，扣0）/);
    expect(text).toMatch(/\*\*县教育局\*\* \+1分（录用\+1，扣0）/);
    expect(text).toMatch(/\*\*县交通运输局\*\* -2分（录用0，扣2）/);
    expect(text).toContain('本级采用1');
    const adoptions = await h.app.db.prisma.infoAdoption.findMany();
    expect(adoptions.map((a) => [a.level, a.points, a.writerName]).sort()).toEqual(
      [
        ['own', 1, liaisons[0]!.name],
        ['own', 1, liaisons[1]!.name],
      ].sort(),
    );
  });
});
