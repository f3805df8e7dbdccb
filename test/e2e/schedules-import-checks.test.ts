import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

const HEADERS = ['日期', '时间', '领导', '活动内容', '地点', '公开范围'];

async function weekXlsx(rows: Record<string, string>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('领导一周工作安排');
  sheet.addRow(['领导一周工作安排']);
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * 日程 导入 checked again at 确认导入, as the one-line path is: rows of a past day are allowed only as 补录,
 * listed so by row number on the card and saved marked; a card confirmed after a row's day has passed, or
 * after another entry was saved that conflicts with a row, saves nothing and shows the card again, so that
 * saving a 补录 or over a conflict is always a click on what was seen.
 */
describe('日程 导入: 补录 rows and checks at the moment of saving', () => {
  // Monday 2026-12-07, 10:00 Beijing.
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser, sun: FakeUser;
  const ids: Record<string, string> = {};
  let n = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const entries = () => h.app.db.prisma.scheduleEntry.findMany({ orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] });
  const sendFile = async (from: FakeUser, bytes: Buffer) => {
    await h.fake.userSendsFile({ chatId: dm(from), from, name: '领导一周工作安排.xlsx', bytes, messageId: `om_ic_${++n}` });
    await h.settle();
    return h.fake.cardsIn(dm(from)).at(-1)!;
  };
  const sayPrivately = async (from: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(from), from, text, p2p: true, messageId: `om_ic_${++n}` });
    await h.settle();
    return h.fake.cardsIn(dm(from)).at(-1)!;
  };
  const click = async (messageId: string, by: FakeUser, value: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by, value });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const shown = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as unknown;

  beforeAll(async () => {
    h = await startHarness({ clock, fake: { perChatRate: 0 } });
    await caughtUp(h);
    wang = h.fake.addUser('王晓明'); // 张县长's secretary
    sun = h.fake.addUser('孙浩'); // 李副县长's secretary
    const db = h.app.db.prisma;
    const mishu = (await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } })).id;
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({
      data: { name: wang.name, openId: wang.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.zhang}` }] } },
    });
    await db.person.create({
      data: { name: sun.name, openId: sun.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.li}` }] } },
    });
  });
  afterAll(() => h?.stop());

  it('rows of a past day are listed as 补录 by row number; saved marked 补录, as the one-line path saves one', async () => {
    const c = await sendFile(
      wang,
      await weekXlsx([
        { 日期: '12月3日', 时间: '上午', 领导: '张县长', 活动内容: '检查安全生产（补录）' },
        { 日期: '12月8日', 时间: '9:00-10:00', 领导: '张县长', 活动内容: '听取重点项目汇报', 地点: '二楼会议室' },
        { 日期: '12月4日', 时间: '下午', 领导: '张县长', 活动内容: '走访困难群众' },
      ]),
    );
    const text = cardText(c.card);
    expect(text).toContain('补录（日期已过）2 条');
    expect(text).toContain('**补录 2 条**：第3行、第5行的日期已过，确认导入即按补录保存');
    expect(text).toContain('3. 12月3日（周四） 上午　**张伟**　检查安全生产（补录）');
    expect(text).not.toContain('第4行的日期已过');
    expect(await entries()).toHaveLength(0);

    const r = await click(c.messageId, wang, buttonValue(c.card, '确认导入'));
    expect(r.toast).toMatchObject({ type: 'success', content: '已导入 3 条日程，其中补录 2 条。' });
    expect(cardText(shown(c.messageId))).toContain('其中补录 2 条（第3行、第5行）');
    const saved = await entries();
    expect(saved.map((e) => [e.date, e.activity, e.backfilled, e.source])).toEqual([
      ['2026-12-03', '检查安全生产', true, 'import'],
      ['2026-12-04', '走访困难群众', true, 'import'],
      ['2026-12-08', '听取重点项目汇报', false, 'import'],
    ]);
    // The history keeps the mark with the rest of the entry.
    const history = await h.app.db.prisma.scheduleChange.findFirstOrThrow({ where: { entryId: saved[0]!.id } });
    expect(history.kind).toBe('imported');
    expect(JSON.parse(history.after)).toMatchObject({ date: '2026-12-03', backfilled: true });
    // The entry card shows it as the one-line path's does: 日期 …（补录）.
    const card = await sayPrivately(wang, '日程 取消 张县长 2026-12-03');
    expect(cardText(card.card)).toContain('12月3日（周四）（补录）');
  });

  it('a card confirmed after a row’s day has passed saves nothing: the row is listed as 补录 and a second click saves it so', async () => {
    const c = await sendFile(
      wang,
      await weekXlsx([
        { 日期: '12月7日', 时间: '晚上', 领导: '张县长', 活动内容: '接待市考察组' },
        { 日期: '12月10日', 时间: '上午', 领导: '张县长', 活动内容: '下乡调研' },
      ]),
    );
    expect(cardText(c.card)).not.toContain('补录');
    const count = (await entries()).length;
    // The secretary comes back to the card the next morning.
    clock.set('2026-12-08T08:40:00+08:00');
    const r = await click(c.messageId, wang, buttonValue(c.card, '确认导入'));
    expect(r.toast).toMatchObject({ type: 'warning', content: '第3行的日期已过，现列为补录，尚未导入任何日程，请核对后再决定。' });
    expect(await entries()).toHaveLength(count);
    const again = shown(c.messageId);
    expect(cardText(again)).toContain('**补录 1 条**：第3行的日期已过');
    expect(cardText(again)).toContain('3. 12月7日（周一） 晚上　**张伟**　接待市考察组（补录）');
    const ok = await click(c.messageId, wang, buttonValue(again, '确认导入'));
    expect(ok.toast?.content).toBe('已导入 2 条日程，其中补录 1 条。');
    const rows = (await entries()).filter((e) => ['接待市考察组', '下乡调研'].includes(e.activity));
    expect(rows.map((e) => [e.date, e.backfilled])).toEqual([
      ['2026-12-07', true],
      ['2026-12-10', false],
    ]);
    // Used: the button clicked again saves nothing more.
    expect((await click(c.messageId, wang, buttonValue(again, '确认导入'))).toast?.content).toContain('已处理');
    expect((await entries()).length).toBe(count + 2);
  });

  it('an entry saved between the card and 确认导入 that conflicts is flagged: nothing saved, 仍然确认导入 is the second click', async () => {
    const c = await sendFile(
      wang,
      await weekXlsx([
        { 日期: '12月9日', 时间: '9:00-11:00', 领导: '张县长', 活动内容: '主持召开县政府常务会议', 地点: '三楼会议室' },
        { 日期: '12月11日', 时间: '下午', 领导: '张县长', 活动内容: '调研医共体建设', 地点: '县医院' },
      ]),
    );
    expect(buttonLabels(c.card)).toEqual(['确认导入', '取消']);
    expect(cardText(c.card)).not.toContain('冲突');

    // Meanwhile 李副县长's secretary books the same room, by one line, and saves it.
    const line = await sayPrivately(sun, '日程 新增 12月9日上午10:00-11:30 李副县长 三楼会议室 听取全县安全生产工作汇报');
    await click(line.messageId, sun, buttonValue(line.card, '确认'));
    const count = (await entries()).length;

    const r = await click(c.messageId, wang, buttonValue(c.card, '确认导入'));
    expect(r.toast).toMatchObject({ type: 'warning', content: '发现 1 处新的冲突（在您确认前另有日程保存），尚未导入任何日程，请核对后再决定。' });
    expect(await entries()).toHaveLength(count);
    const again = shown(c.messageId);
    expect(cardText(again)).toContain('发现 1 处冲突');
    expect(cardText(again)).toContain('「三楼会议室」同时段重复使用 — 第3行');
    expect(buttonLabels(again)).toEqual(['仍然确认导入', '取消']);

    // The old card's value, clicked again without looking, is the same value: the conflict is now seen, so it saves.
    const ok = await click(c.messageId, wang, buttonValue(again, '仍然确认导入'));
    expect(ok.toast?.content).toBe('已导入 2 条日程。');
    expect((await entries()).filter((e) => ['2026-12-09', '2026-12-11'].includes(e.date) && e.source === 'import').map((e) => e.activity)).toEqual([
      '主持召开县政府常务会议',
      '调研医共体建设',
    ]);
  });

  it('two clicks on 确认导入 still save once (the rows one click saved are no new conflict for the other)', async () => {
    const c = await sendFile(wang, await weekXlsx([{ 日期: '12月12日', 时间: '上午9:00-10:00', 领导: '张县长', 活动内容: '接待来访群众', 地点: '信访局' }]));
    const value = buttonValue(c.card, '确认导入');
    const count = (await entries()).length;
    const [a, b] = await Promise.all([click(c.messageId, wang, value), click(c.messageId, wang, value)]);
    const toasts = [a.toast?.content, b.toast?.content];
    expect(toasts.filter((t) => t === '已导入 1 条日程。')).toHaveLength(1);
    // The other is told it was done: by the router's click receipt or by the proposal's compare-and-set.
    expect(toasts.filter((t) => t?.includes('已处理'))).toHaveLength(1);
    expect(await entries()).toHaveLength(count + 1);
  });
});
