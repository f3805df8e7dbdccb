import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

/** The paragraphs' text of a .docx read back from word/document.xml. */
async function docxText(bytes: Uint8Array): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map((t) => t[1]).join(''))
    .filter(Boolean);
  return { xml, paragraphs };
}

/**
 * 信息 编期 through the real SDK and the fake Lark, no model (rules drafter): notes → 起草 → 采用 → 编期 →
 * 信息科科长 and 办公室主任 通过 → the leader 签发 → the 简报 .docx in the bound 信息 group, and one 本级
 * adoption per item. A stranger's click on a signer's card is refused.
 */
describe('政务信息 编期 and 签发', () => {
  const clock = new FixedClock('2026-12-01T10:00:00+08:00');
  let h: Harness;
  const users: Record<string, FakeUser> = {};
  let infoGroup = '';

  beforeAll(async () => {
    // A non-default scheme: the 本级 adoptions are credited what the office configured, not the defaults.
    // The 报尾 as this office configures it (BRIEFS_ISSUE_*): 送 left out.
    h = await startHarness({
      clock,
      env: {
        BRIEFS_SCORE_OWN: '4',
        BRIEFS_ISSUE_REPORT_TO: '市委办公室，市政府办公室，市委政研室',
        BRIEFS_ISSUE_SEND_TO: '无',
        BRIEFS_ISSUE_ISSUE_TO: '各镇人民政府，县直有关部门',
      },
    });
    await caughtUp(h);
    const p = h.app.db.prisma;
    for (const n of ['城关镇联络员', '信息科编辑', '信息科科长', '办公室主任', '分管副县长', '其他人员']) users[n] = h.fake.addUser(n);
    const town = await p.unit.create({ data: { code: 'CG', name: '城关镇', kind: 'town' } });
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const office = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office' } });
    const add = async (name: string, unitId: string, grants: [string, string][]) => {
      const person = await p.person.create({ data: { name, openId: users[name]!.openId, unitId } });
      for (const [role, scope] of grants) await p.roleGrant.create({ data: { personId: person.id, role, scope } });
    };
    await add('城关镇联络员', town.id, [['liaison', 'info']]);
    await add('信息科编辑', section.id, [['editor', '']]);
    await add('信息科科长', section.id, [['section_chief', '']]);
    await add('办公室主任', office.id, [['director', '']]);
    await add('分管副县长', office.id, [['leader', `unit:${section.id}`]]);
    await add('其他人员', section.id, []);
    infoGroup = h.fake.addChat('信息报送群', [users['城关镇联络员']!, users['信息科编辑']!]);
    await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  });
  afterAll(() => h?.stop());

  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (name: string, text: string) => {
    await h.fake.userSays({ chatId: dm(users[name]!), from: users[name]!, text, p2p: true });
    await h.settle();
  };
  const lastCard = (name: string) => h.fake.cardsIn(dm(users[name]!)).at(-1)!;
  /** A message's card as Lark shows it now (patched in place, or replaced by a click's answer). */
  const shown = (messageId: string) => {
    const m = h.fake.messages.get(messageId)!;
    return { text: cardText(JSON.parse(m.content) as Record<string, unknown>).replace(/\*\*/g, ''), json: m.content };
  };
  const hasButtons = (messageId: string) => /briefs\.issue\.(approve|return|confirm)/.test(shown(messageId).json);
  const click = async (by: string, owner: string, label: string, formValue?: Record<string, unknown>) => {
    const c = lastCard(owner);
    const r = await h.fake.click({ messageId: c.messageId, by: users[by]!, value: buttonValue(c.card, label), ...(formValue ? { formValue } : {}) });
    await h.settle();
    return r;
  };

  it('says so clearly when nothing is adopted', async () => {
    await say('信息科编辑', '信息 编期');
    expect(h.fake.textsIn(dm(users['信息科编辑']!)).at(-1)).toContain('暂无已采用且未编期的信息条目');
    expect(await h.app.db.prisma.infoIssue.count()).toBe(0);
  });

  it('compiles, goes through the chain, and publishes the 简报 with 本级 adoptions', async () => {
    const p = h.app.db.prisma;
    await say('城关镇联络员', '信息 报送 【工作动态】城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处。');
    await say('信息科编辑', '信息 起草 今天');
    await click('信息科编辑', '信息科编辑', '采用');
    expect((await p.infoItem.findFirst())!.state).toBe('adopted');

    await say('信息科编辑', '信息 编期');
    const preview = cardText(lastCard('信息科编辑').card);
    expect(preview).toContain('《政务信息》第1期');
    expect(preview).toContain('【工作动态】');
    await click('信息科编辑', '信息科编辑', '确认编期');
    expect((await p.infoIssue.findFirst())!.state).toBe('signing');

    const chiefCard = lastCard('信息科科长');
    expect(cardText(chiefCard.card)).toContain('信息科科长审核');
    // A stranger clicking the chief's card is refused; nothing changes.
    const refused = await h.fake.click({
      messageId: chiefCard.messageId,
      by: users['其他人员']!,
      value: buttonValue(chiefCard.card, '通过'),
      formValue: { comment: '' },
    });
    await h.settle();
    expect((refused.body as { toast?: { content: string } }).toast?.content).toContain('该环节不由您处理');
    expect((await p.infoIssueStep.findFirst({ where: { status: 'current' } }))!.personName).toBe('信息科科长');

    const previewId = h.fake.cardsIn(dm(users['信息科编辑']!)).at(-1)!.messageId;
    expect(shown(previewId).text).toMatch(/信息科科长审核\s*信息科科长\s*办理中/);
    expect(hasButtons(previewId)).toBe(false);

    await click('信息科科长', '信息科科长', '通过', { comment: '' });
    // The chief's card and the editor's preview follow the chain in place; the chief's loses its buttons.
    expect(shown(chiefCard.messageId).text).toMatch(/办公室主任审核\s*办公室主任\s*办理中/);
    expect(hasButtons(chiefCard.messageId)).toBe(false);
    expect(shown(previewId).text).toMatch(/信息科科长审核\s*信息科科长\s*已通过/);
    expect(shown(previewId).text).toMatch(/办公室主任审核\s*办公室主任\s*办理中/);
    await click('办公室主任', '办公室主任', '通过', { comment: '同意' });
    expect(cardText(lastCard('分管副县长').card)).toContain('领导签发');
    expect(shown(chiefCard.messageId).text).toMatch(/领导签发\s*分管副县长\s*办理中/);
    expect(shown(chiefCard.messageId).text).toContain('同意');
    await click('分管副县长', '分管副县长', '通过', { comment: '' });
    await h.settle();
    // Every card of the issue now says it is published.
    for (const id of [previewId, chiefCard.messageId, lastCard('办公室主任').messageId, lastCard('分管副县长').messageId]) {
      expect(shown(id).text).toContain('已发布');
      expect(hasButtons(id)).toBe(false);
    }

    const issue = (await p.infoIssue.findFirst())!;
    expect(issue.state).toBe('published');
    const files = h.fake.filesIn(infoGroup);
    expect(files).toHaveLength(1);
    expect(files[0]!.file.name).toBe('政务信息2026年第1期.docx');
    const { xml, paragraphs } = await docxText(h.fake.fileBytes(issue.fileKey)!);
    expect(paragraphs).toContain('政务信息');
    expect(paragraphs).toContain('第1期');
    expect(paragraphs).toContain('县人民政府办公室2026年12月1日');
    expect(paragraphs).toContain('一、工作动态');
    expect(paragraphs).toContain('报：市委办公室，市政府办公室，市委政研室');
    expect(paragraphs).toContain('发：各镇人民政府，县直有关部门');
    expect(paragraphs.some((t) => t.startsWith('送：'))).toBe(false);
    expect(xml).toContain('w:color w:val="FF0000"');
    const adoptions = await p.infoAdoption.findMany();
    const town = (await p.unit.findUnique({ where: { name: '城关镇' } }))!;
    expect(adoptions.map((a) => [a.level, a.unitId, a.issueId, a.month, a.points])).toEqual([['own', town.id, issue.id, '2026-12', 4]]);
    // The scores table counts it with the configured points.
    await say('信息科编辑', '信息 积分');
    expect(cardText(lastCard('信息科编辑').card)).toContain('录用+4');
    expect((await p.infoItem.findFirst())!.state).toBe('compiled');
  });

  it('退回 needs a comment, sends the issue back to the editor, and a re-confirmed issue starts a fresh chain', async () => {
    const p = h.app.db.prisma;
    await say('城关镇联络员', '信息 报送 【典型经验】城关镇推行“网格+”工作法，化解矛盾纠纷35件。');
    await say('信息科编辑', '信息 起草 今天');
    await click('信息科编辑', '信息科编辑', '采用');
    await say('信息科编辑', '信息 编期');
    expect(cardText(lastCard('信息科编辑').card)).toContain('第2期');
    await click('信息科编辑', '信息科编辑', '确认编期');
    const empty = await click('信息科科长', '信息科科长', '退回', { comment: '' });
    expect((empty.body as { toast?: { content: string } }).toast?.content).toContain('退回时请填写意见');
    const previewId = h.fake.cardsIn(dm(users['信息科编辑']!)).at(-1)!.messageId;
    const chiefCardId = lastCard('信息科科长').messageId;
    await click('信息科科长', '信息科科长', '退回', { comment: '数据请再核实' });
    const issue = (await p.infoIssue.findFirst({ where: { seq: 2 } }))!;
    expect(issue.state).toBe('returned');
    expect(h.fake.textsIn(dm(users['信息科编辑']!)).at(-1)).toContain('数据请再核实');
    // The preview shows the 退回 with its opinion and offers 确认编期 again; the chief's card has no buttons.
    expect(shown(previewId).text).toMatch(/信息科科长审核\s*信息科科长\s*已退回/);
    expect(shown(previewId).text).toContain('数据请再核实');
    expect(hasButtons(previewId)).toBe(true);
    expect(hasButtons(chiefCardId)).toBe(false);
    await say('信息科编辑', '信息 编期 第2期');
    await click('信息科编辑', '信息科编辑', '确认编期');
    // The first round's card says it was superseded; the new round's card is open.
    expect(shown(chiefCardId).text).toContain('已作废');
    expect(lastCard('信息科科长').messageId).not.toBe(chiefCardId);
    expect(hasButtons(lastCard('信息科科长').messageId)).toBe(true);
    const steps = await p.infoIssueStep.findMany({ where: { issueId: issue.id }, orderBy: { position: 'asc' } });
    expect(steps.map((s) => s.status)).toEqual(['voided', 'voided', 'voided', 'current', 'waiting', 'waiting']);
    expect((await p.infoIssue.findUnique({ where: { id: issue.id } }))!.state).toBe('signing');
  });

  it('a failed 印发 after 签发 is retried by the sweep until published, one file per group, the editor told once', async () => {
    const p = h.app.db.prisma;
    const tick = async () => {
      const r = await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000));
      await h.settle();
      return r;
    };
    await say('城关镇联络员', '信息 报送 【工作动态】城关镇完成冬季供暖管网改造8.5公里，惠及居民2300户。');
    await say('信息科编辑', '信息 起草 今天');
    await click('信息科编辑', '信息科编辑', '采用');
    await say('信息科编辑', '信息 编期');
    const previewId = lastCard('信息科编辑').messageId;
    await click('信息科编辑', '信息科编辑', '确认编期');
    await click('信息科科长', '信息科科长', '通过', { comment: '' });
    await click('办公室主任', '办公室主任', '通过', { comment: '' });
    const filesBefore = h.fake.filesIn(infoGroup).length;
    const uploads = /\/im\/v1\/files$/;
    h.fake.failRandomly(1, 500, uploads);
    // 签发 is answered at once, the upload (and its retries) run after the answer.
    const signed = await click('分管副县长', '分管副县长', '通过', { comment: '' });
    expect((signed.body as { toast?: { content: string } }).toast?.content).toBe('已签发；简报正在生成，稍后印发至信息群。');
    const issue = (await p.infoIssue.findFirst({ orderBy: { seq: 'desc' } }))!;
    expect(issue.state).toBe('signed');
    expect(h.fake.filesIn(infoGroup)).toHaveLength(filesBefore);
    expect(await p.infoAdoption.count({ where: { issueId: issue.id } })).toBe(0);

    // The sweep tries every five minutes; after three failed attempts the editor hears once.
    const stuck = () => h.fake.textsIn(dm(users['信息科编辑']!)).filter((t) => t.includes(issue.number) && t.includes('未成功'));
    clock.set('2026-12-01T10:05:00+08:00');
    expect((await tick())['briefs.issue.publish']).toBe('ran');
    expect(stuck()).toHaveLength(0);
    clock.set('2026-12-01T10:10:00+08:00');
    await tick();
    expect(stuck()).toHaveLength(1);
    clock.set('2026-12-01T10:15:00+08:00');
    await tick();
    expect(stuck()).toHaveLength(1);
    expect((await p.infoIssue.findUnique({ where: { id: issue.id } }))!.state).toBe('signed');

    // Uploads work again: the next sweep publishes it, once.
    h.fake.failRandomly(0, 500, uploads);
    clock.set('2026-12-01T10:20:00+08:00');
    expect((await tick())['briefs.issue.publish']).toBe('ran');
    const published = (await p.infoIssue.findUnique({ where: { id: issue.id } }))!;
    expect(published.state).toBe('published');
    expect(h.fake.filesIn(infoGroup)).toHaveLength(filesBefore + 1);
    expect(h.fake.filesIn(infoGroup).at(-1)!.file.name).toBe(`政务信息2026年${issue.number}.docx`);
    expect((await p.infoAdoption.findMany({ where: { issueId: issue.id } })).map((a) => a.points)).toEqual([4]);
    expect(shown(previewId).text).toContain('已发布');
    // Nothing left to publish: the sweep passes the minute over, and no group gets a second copy.
    clock.set('2026-12-01T10:25:00+08:00');
    expect((await tick())['briefs.issue.publish']).not.toBe('ran');
    expect(h.fake.filesIn(infoGroup)).toHaveLength(filesBefore + 1);
    expect(stuck()).toHaveLength(1);
  });
});
