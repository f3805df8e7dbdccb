import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

/**
 * 政务信息 scores through the real SDK and the fake Lark: three units over the last working days of November
 * 2026 (earlier days already on record) — one 漏报 (nudged, then recorded at the close), one 迟报 (reported
 * after the nudge) — an item adopted and recorded upward with 信息 录用, the month's points in 信息 积分,
 * the .xlsx from 信息 积分 导出 read back, and the 通报 of November posted once to the 信息 group on
 * Tuesday 1 December (the first working day), not again on a second claim, a manual re-run or the next day.
 */
describe('政务信息: monthly scores, the export and the 通报', () => {
  const clock = new FixedClock('2026-11-26T08:50:00+08:00'); // Thursday
  let h: Harness;
  let liaisons: FakeUser[];
  let editor: FakeUser;
  let infoGroup: string;
  const units = ['城关镇', '县教育局', '县应急管理局'];
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (u: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
  };
  const at = (iso: string) => clock.set(`${iso}+08:00`);
  const tick = async () => {
    const r = await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000));
    await h.settle();
    return r;
  };
  const lastText = (u: FakeUser) => h.fake.textsIn(dm(u)).at(-1) ?? '';

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    const p = h.app.db.prisma;
    liaisons = units.map((u, i) => h.fake.addUser(`${u}联络员${i + 1}`));
    editor = h.fake.addUser('信息科编辑');
    for (const [i, name] of units.entries()) {
      const unit = await p.unit.create({ data: { code: `U${i}`, name, kind: i === 0 ? 'town' : 'department' } });
      const person = await p.person.create({ data: { name: liaisons[i]!.name, openId: liaisons[i]!.openId, unitId: unit.id } });
      await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
      // 2–25 November already on record: every working day reported.
      for (let d = 2; d <= 25; d++) {
        const date = `2026-11-${String(d).padStart(2, '0')}`;
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        await p.infoDayStatus.create({ data: { unitId: unit.id, date, status: 'reported', reportedAt: new Date(`${date}T09:00:00+08:00`) } });
      }
    }
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const e = await p.person.create({ data: { name: editor.name, openId: editor.openId, unitId: section.id } });
    await p.roleGrant.create({ data: { personId: e.id, role: 'editor' } });
    infoGroup = h.fake.addChat('信息报送群', [...liaisons, editor]);
    await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  });
  afterAll(() => h?.stop());

  it('counts three working days: one 漏报 after the nudge, one 迟报, the rest on time', async () => {
    at('2026-11-26T09:10:00');
    await say(liaisons[0]!, '信息 报送 城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处。');
    await say(liaisons[1]!, '信息 零报告');
    await say(liaisons[2]!, '信息 报送 县应急管理局组织开展森林防火应急演练，参演人员120人。');
    at('2026-11-26T17:30:00');
    expect((await tick())['briefs.close']).toBe('ran');

    at('2026-11-27T09:10:00');
    await say(liaisons[0]!, '信息 报送 城关镇完成冬季供暖设施巡检，覆盖小区8个。');
    await say(liaisons[1]!, '信息 零报告');
    at('2026-11-27T16:00:00');
    expect((await tick())['briefs.nudge']).toBe('ran');
    expect(lastText(liaisons[2]!)).toContain('尚未报送政务信息');
    at('2026-11-27T17:30:00');
    expect((await tick())['briefs.close']).toBe('ran');
    const p = h.app.db.prisma;
    const unit2 = (await p.unit.findUnique({ where: { name: units[2]! } }))!;
    expect((await p.infoDayStatus.findUnique({ where: { unitId_date: { unitId: unit2.id, date: '2026-11-27' } } }))!.status).toBe('missed');

    at('2026-11-30T09:10:00');
    await say(liaisons[0]!, '信息 报送 城关镇开展农村人居环境整治专项行动，清理垃圾35吨。');
    at('2026-11-30T11:00:00');
    await say(liaisons[2]!, '信息 报送 县应急管理局开展危化品企业安全检查，检查企业6家。');
  });

  it('records an adopted item taken up by the city with 信息 录用', async () => {
    at('2026-11-30T10:00:00');
    await say(editor, '信息 起草 信〔2026〕4号');
    const draft = h.fake.cardsIn(dm(editor)).at(-1)!;
    expect(cardText(draft.card)).toContain('城关镇');
    const item = (await h.app.db.prisma.infoItem.findFirst({ orderBy: { createdAt: 'desc' } }))!;
    await h.fake.click({ messageId: draft.messageId, by: editor, value: { a: 'briefs.item.adopt', item: item.id } });
    await h.settle();
    await say(editor, '信息 录用 信〔2026〕4号 市每日要情 市政府每日要情第88期');
    expect(lastText(editor)).toBe('已登记录用：信〔2026〕4号（市每日要情），计3分，计入2026年11月。');
  });

  it('shows the month’s points per unit, ranked, in 信息 积分, and refuses a liaison', async () => {
    at('2026-11-30T16:00:00');
    expect((await tick())['briefs.nudge']).toBe('ran');
    at('2026-11-30T16:30:00');
    await say(liaisons[1]!, '信息 报送 县教育局开展校园食品安全专项检查，覆盖学校46所。');
    at('2026-11-30T17:30:00');
    expect((await tick())['briefs.close']).toBe('ran');
    at('2026-11-30T17:40:00');
    await say(liaisons[1]!, '信息 积分');
    expect(lastText(liaisons[1]!)).toContain('信息编辑、办公室主任或县领导');
    await say(editor, '信息 积分');
    const text = cardText(h.fake.cardsIn(dm(editor)).at(-1)!.card);
    expect(text).toContain('政务信息积分 · 2026年11月');
    expect(text).toContain('1. **城关镇** +3分（录用+3，扣0）');
    expect(text).toContain('报送21天、零报告0天、漏报0天、迟报0天，信息3条；录用：市每日要情1');
    expect(text).toContain('2. **县教育局** -1分（录用0，扣1）');
    expect(text).toContain('报送19天、零报告2天、漏报0天、迟报1天');
    expect(text).toContain('3. **县应急管理局** -2分（录用0，扣2）');
    expect(text).toContain('报送20天、零报告0天、漏报1天、迟报0天');
  });

  it('delivers the scoring workbook as a file with 信息 积分 导出, per unit and per writer', async () => {
    await say(editor, '信息 积分 导出 11月');
    const files = h.fake.filesIn(dm(editor));
    expect(files.map((f) => f.file.name)).toEqual(['政务信息积分-202611.xlsx']);
    expect(lastText(editor)).toContain('2026年11月政务信息积分表已导出：3 个单位、1 名撰稿人');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[0]!.file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['单位积分', '个人录用']);
    const row = (sheet: string, r: number) => (wb.getWorksheet(sheet)!.getRow(r).values as unknown[]).slice(1);
    expect(row('单位积分', 3)).toEqual([1, '城关镇', 21, 21, 0, 0, 0, 3, 0, 1, 0, 0, 0, 3, 0, 3]);
    expect(row('单位积分', 5)).toEqual([3, '县应急管理局', 21, 20, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 2, -2]);
    expect(row('个人录用', 3)).toEqual([1, liaisons[0]!.name, '城关镇', 0, 1, 0, 0, 0, 3]);
  });

  it('posts November’s 通报 once on the first working day of December, and never again', async () => {
    const cards = () => h.fake.cardsIn(infoGroup).filter((c) => cardText(c.card).includes('政务信息工作通报'));
    at('2026-12-01T09:00:00');
    expect((await tick())['briefs.bulletin']).toBe('ran');
    expect(cards()).toHaveLength(1);
    const text = cardText(cards()[0]!.card);
    expect(text).toContain('2026年11月政务信息工作通报');
    expect(text).toContain('全县 3 个单位共报送政务信息 6 条，零报告 2 天次，漏报 1 天次，迟报 1 天次；被采用 1 条（市每日要情1）');
    expect(text).toContain('1. 城关镇　3分');
    expect(text).toContain('县应急管理局（漏报1天）');
    // Another instance's tick for the same minute finds the claim; a manual re-run and the next day post nothing.
    const job = h.app.scheduler.job('briefs.bulletin')!;
    expect(await h.app.scheduler.fire(job, clock.now())).toBe('claimed_elsewhere');
    expect(await h.app.scheduler.runManually('briefs.bulletin', clock.now())).toBe('ran');
    await h.settle();
    at('2026-12-02T09:00:00');
    expect((await tick())['briefs.bulletin']).toBe('ran');
    expect(cards()).toHaveLength(1);
  });
});
