import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { startFakeOpenAi, type FakeOpenAiServer } from '../fakes/openai-server.js';
import { buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

const at = (s: string) => new Date(`${s}+08:00`);

async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map((t) => t[1]).join('')).filter(Boolean);
}

const UNITS = ['城关镇', '县教育局', '县应急管理局'] as const;

/** A county office: three units' liaisons, the editor, the 签发 chain (科长, 主任, the leader), a bound 信息 group. */
async function office(h: Harness) {
  await caughtUp(h);
  const p = h.app.db.prisma;
  const liaisons = UNITS.map((name, i) => h.fake.addUser(`${name}联络员${i + 1}`));
  const u = {
    editor: h.fake.addUser('信息科编辑'),
    chief: h.fake.addUser('信息科科长'),
    director: h.fake.addUser('办公室主任'),
    leader: h.fake.addUser('分管副县长'),
  };
  for (const [i, name] of UNITS.entries()) {
    const unit = await p.unit.create({ data: { code: `U${i}`, name, kind: i === 0 ? 'town' : 'department' } });
    const person = await p.person.create({ data: { name: liaisons[i]!.name, openId: liaisons[i]!.openId, unitId: unit.id } });
    await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
  }
  const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
  const bgs = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office' } });
  const add = async (x: FakeUser, unitId: string, role: string, scope = '') => {
    const person = await p.person.create({ data: { name: x.name, openId: x.openId, unitId } });
    await p.roleGrant.create({ data: { personId: person.id, role, scope } });
  };
  await add(u.editor, section.id, 'editor');
  await add(u.chief, section.id, 'section_chief');
  await add(u.director, bgs.id, 'director');
  await add(u.leader, bgs.id, 'leader', `unit:${section.id}`);
  const infoGroup = h.fake.addChat('信息报送群', [...liaisons, u.editor]);
  await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);
  const say = async (x: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(x), from: x, text, p2p: true });
    await h.settle();
  };
  const lastCard = (x: FakeUser) => h.fake.cardsIn(dm(x)).at(-1)!;
  const click = async (x: FakeUser, label: string, formValue?: Record<string, unknown>) => {
    const c = lastCard(x);
    const r = await h.fake.click({ messageId: c.messageId, by: x, value: buttonValue(c.card, label), ...(formValue ? { formValue } : {}) });
    await h.settle();
    return r;
  };
  return { p, liaisons, u, infoGroup, dm, say, lastCard, click };
}

/**
 * The story of briefs-story.test.ts with no model configured (the default, and local mode): the fake model is
 * running but the bot is not pointed at it, so it must see no request at all; every draft is the rules
 * drafter's, labelled 规则生成（未配置大模型）, and the rest of the chain — adopt, 编期, 签发, the .docx, 积分 —
 * works the same.
 */
describe('政务信息 with no model configured: labelled rules drafts all the way to the 简报', () => {
  let h: Harness;
  let model: FakeOpenAiServer;
  let s: Awaited<ReturnType<typeof office>>;

  beforeAll(async () => {
    model = await startFakeOpenAi();
    h = await startHarness({ clock: new FixedClock(at('2026-12-01T09:05:00')) });
    s = await office(h);
  });
  afterAll(async () => {
    await h?.stop();
    await model?.close();
  });

  it('drafts every note by rules, labelled, with the fact check; nothing reaches any model', async () => {
    h.clock.set(at('2026-12-01T09:30:00'));
    await s.say(s.liaisons[0]!, '信息 报送 今天上午，城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处。');
    await s.say(s.liaisons[1]!, '信息 报送 县教育局启动冬季校园安全专项检查，覆盖全县中小学46所。');
    await s.say(s.liaisons[2]!, '信息 零报告');
    h.clock.set(at('2026-12-01T10:00:00'));
    const before = h.fake.messagesIn(s.dm(s.u.editor)).length;
    await s.say(s.u.editor, '信息 起草');
    expect(h.fake.messagesIn(s.dm(s.u.editor))).toHaveLength(before + 1);
    const text = cardText(s.lastCard(s.u.editor).card);
    expect(text).toContain('信息草稿（2条）');
    expect(text.match(/规则生成（未配置大模型）/g)!.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('大模型起草');
    expect(text).toMatch(/已在来源中找到：12处——“[^”]*排查隐患12处[^”]*”/);
    expect(text).toMatch(/已在来源中找到：46所——“[^”]*”/);
    expect(text).not.toContain('来源中未找到');
    expect(model.requests).toHaveLength(0);
    const items = await s.p.infoItem.findMany({ orderBy: { createdAt: 'asc' } });
    expect(items.map((i) => [i.drafter, i.drafterReason, i.model, i.tokens])).toEqual([
      ['rules', 'no_model', 'rules', 0],
      ['rules', 'no_model', 'rules', 0],
    ]);
    const audit = await s.p.infoEvent.findMany({ where: { objectType: 'info_item', kind: 'draft' } });
    for (const e of audit) expect(JSON.parse(e.data)).toMatchObject({ drafter: 'rules', reason: 'no_model', model: 'rules' });
  });

  it('adopts both, 编期 → 签发, publishes the .docx to the 信息 group and counts the adoptions', async () => {
    for (let i = 0; i < 2; i++) await s.click(s.u.editor, '采用');
    expect(await s.p.infoItem.count({ where: { state: 'adopted' } })).toBe(2);
    await s.say(s.u.editor, '信息 编期');
    expect(cardText(s.lastCard(s.u.editor).card)).toContain('《政务信息》第1期');
    await s.click(s.u.editor, '确认编期');
    await s.click(s.u.chief, '通过', { comment: '' });
    await s.click(s.u.director, '通过', { comment: '' });
    expect(h.fake.filesIn(s.infoGroup)).toHaveLength(0);
    await s.click(s.u.leader, '通过', { comment: '' });
    const issue = await s.p.infoIssue.findFirstOrThrow();
    expect(issue.state).toBe('published');
    expect(h.fake.filesIn(s.infoGroup).map((f) => f.file.name)).toEqual(['政务信息2026年第1期.docx']);
    const paragraphs = await docxParagraphs(h.fake.fileBytes(issue.fileKey)!);
    expect(paragraphs.slice(0, 3)).toEqual(['政务信息', '第1期', '县人民政府办公室2026年12月1日']);
    expect(paragraphs.some((t) => t.includes('排查隐患12处，已整改9处'))).toBe(true);
    expect(paragraphs.some((t) => t.includes('覆盖全县中小学46所'))).toBe(true);
    for (const head of ['报：', '送：', '发：']) expect(paragraphs.some((t) => t.startsWith(head))).toBe(true);
    await s.say(s.u.editor, '信息 积分');
    const scores = cardText(s.lastCard(s.u.editor).card);
    expect(scores).toMatch(/\*\*城关镇\*\* \+1分（录用\+1，扣0）/);
    expect(scores).toMatch(/\*\*县教育局\*\* \+1分（录用\+1，扣0）/);
    expect(model.requests).toHaveLength(0);
  });
});

const SECRET = '县应急管理局完成重点目标防护方案修订，涉及要害部位7处。';
const INTERNAL = '城关镇党委专题研究干部调整事宜，拟提名人选3名。';
const SENSITIVE = '县教育局收到上级机密文件一份，已按规定登记存放。';
const OPEN = '城关镇开展冬季供暖入户走访，走访困难群众86户。';

/**
 * With the model configured: notes marked 涉密 or 内部, and one matching the office's sensitive-word list,
 * never reach the fake model — not in the first draft, not on 重新生成, not on 修改 — which records every
 * request; the card says for each item why the rules drafter wrote it.
 */
describe('政务信息 guardrails: 涉密, 内部 and sensitive-word notes never reach the model', () => {
  let h: Harness;
  let model: FakeOpenAiServer;
  let s: Awaited<ReturnType<typeof office>>;
  const neverSent = (text: string) => {
    // Any distinctive piece of the note: the figure with its phrase, and a long run of its words.
    const pieces = [text.slice(0, 12), text.slice(-12)];
    for (const r of model.requests) for (const piece of pieces) expect(r.text.includes(piece), `request carried 「${piece}」`).toBe(false);
  };

  beforeAll(async () => {
    model = await startFakeOpenAi();
    h = await startHarness({
      clock: new FixedClock(at('2026-12-01T09:05:00')),
      env: { LLM_BASE_URL: model.baseUrl, LLM_MODEL: 'qwen2.5-7b-instruct', LLM_TIMEOUT_MS: '5000' },
    });
    s = await office(h);
  });
  afterAll(async () => {
    await h?.stop();
    await model?.close();
  });

  it('drafts the open note with the model and the three others by rules, the card saying why for each', async () => {
    h.clock.set(at('2026-12-01T09:30:00'));
    await s.say(s.liaisons[2]!, `信息 报送 涉密 ${SECRET}`);
    expect(h.fake.textsIn(s.dm(s.liaisons[2]!)).at(-1)).toContain('不会交由大模型处理');
    await s.say(s.liaisons[0]!, `信息 报送 内部 ${INTERNAL}`);
    expect(h.fake.textsIn(s.dm(s.liaisons[0]!)).at(-1)).toContain('标记：内部');
    await s.say(s.liaisons[1]!, `信息 报送 ${SENSITIVE}`);
    expect(h.fake.textsIn(s.dm(s.liaisons[1]!)).at(-1)).toContain('含敏感词「机密」');
    await s.say(s.liaisons[0]!, `信息 报送 ${OPEN}`);
    const notes = await s.p.infoNote.findMany({ orderBy: { seq: 'asc' } });
    expect(notes.map((n) => [n.secret, n.internal, n.sensitive])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
      [false, false, false],
    ]);

    h.clock.set(at('2026-12-01T10:00:00'));
    await s.say(s.u.editor, '信息 起草');
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]!.text).toContain(OPEN);
    for (const t of [SECRET, INTERNAL, SENSITIVE]) neverSent(t);

    const text = cardText(s.lastCard(s.u.editor).card);
    expect(text).toContain('信息草稿（4条）');
    expect(text).toContain('大模型起草（qwen2.5-7b-instruct）');
    expect(text).toContain('规则生成（涉密信息，未发送大模型）');
    expect(text).toContain('规则生成（内部信息，未发送大模型）');
    expect(text).toContain('规则生成（含敏感词「机密」，未发送大模型）');
    const items = await s.p.infoItem.findMany({ orderBy: { createdAt: 'asc' } });
    expect(items.filter((i) => i.drafter === 'rules').map((i) => i.drafterReason)).toEqual(['sensitive', 'sensitive', 'sensitive']);
  });

  it('重新生成 and 修改 of a 涉密 item send nothing to the model', async () => {
    const run = s.lastCard(s.u.editor);
    const items = await s.p.infoItem.findMany({ where: { runId: run.messageId, drafter: 'rules' } });
    const before = model.requests.length;
    for (const item of items) {
      await h.fake.click({ messageId: run.messageId, by: s.u.editor, value: { a: 'briefs.item.regenerate', item: item.id } });
      await h.settle();
    }
    const secret = items.find((i) => i.body.includes('防护方案'))!;
    await h.fake.click({
      messageId: run.messageId,
      by: s.u.editor,
      value: { a: 'briefs.item.edit_submit', item: secret.id },
      formValue: { title: '县应急管理局修订重点目标防护方案', body: SECRET, kind: '工作动态' },
    });
    await h.settle();
    expect(model.requests).toHaveLength(before);
    for (const t of [SECRET, INTERNAL, SENSITIVE]) neverSent(t);
    expect(cardText(s.lastCard(s.u.editor).card)).toContain('规则生成（涉密信息，未发送大模型）');
  });
});
