import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { calendarSyncIdle } from '../../src/features/schedules/exchange/index.js';
import { findEntry, updateEntryWithHistory } from '../../src/features/schedules/index.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

const HEADERS = ['日期', '时间', '领导', '活动内容', '地点', '陪同', '参加', '联系人', '公开范围', '状态'];

/** A weekly table as a secretary fills it in: a title row, the header, then rows keyed by header. */
async function weekXlsx(rows: Record<string, string>[], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('领导一周工作安排');
  sheet.addRow(['领导一周工作安排（12月7日—12月13日）']);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function sheetRows(bytes: Buffer): Promise<{ title: string; headers: string[]; rows: Record<string, string>[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  for (let n = 3; n <= sheet.rowCount; n++) {
    const values = (sheet.getRow(n).values as unknown[]).slice(1);
    if (!values.length) continue;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])])));
  }
  return { title: String(sheet.getCell('A1').value), headers, rows };
}

/**
 * 日程 导入 / 导出 and the Feishu calendar sync through the real SDK and the fake Lark: the weekly .xlsx
 * and a pasted table become one confirmation card and are saved all or nothing on 确认导入; bad tables
 * are refused naming the row and field; the week exports as .xlsx and landscape .docx with visibility
 * applied; with SCHEDULE_CALENDAR_SYNC=on each entry is an event in the bot's shared calendar.
 */
describe('日程 导入 / 导出 and the calendar sync (on)', () => {
  // Monday 2026-12-07, 10:00 Beijing.
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  let wang: FakeUser, zhao: FakeUser, sun: FakeUser, stranger: FakeUser, zhangU: FakeUser;
  let group: string, outside: string;
  const ids: Record<string, string> = {};
  let n = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const entries = () => h.app.db.prisma.scheduleEntry.findMany({ orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] });
  const say = async (text: string, from: FakeUser, chatId: string) => {
    const messageId = `om_sx_${++n}`;
    await h.fake.userSays({ chatId, from, text: chatId === dm(from) ? text : `@三办助手 ${text}`, messageId, p2p: chatId === dm(from) });
    await h.settle();
    return messageId;
  };
  const sendFile = async (from: FakeUser, name: string, bytes: Buffer) => {
    await h.fake.userSendsFile({ chatId: dm(from), from, name, bytes, messageId: `om_sx_${++n}` });
    await h.settle();
  };
  const click = async (messageId: string, by: FakeUser, value: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by, value });
    await h.settle();
    await calendarSyncIdle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const lastCard = (chatId: string) => h.fake.cardsIn(chatId).at(-1)!;
  const lastText = (chatId: string) => h.fake.textsIn(chatId).at(-1) ?? '';

  beforeAll(async () => {
    h = await startHarness({ clock, env: { SCHEDULE_CALENDAR_SYNC: 'on' }, fake: { perChatRate: 0 } });
    wang = h.fake.addUser('王晓明'); // 张县长's secretary
    zhao = h.fake.addUser('赵丽'); // 秘书科
    sun = h.fake.addUser('孙浩'); // 李副县长's secretary
    stranger = h.fake.addUser('陈一凡');
    zhangU = h.fake.addUser('张伟');
    const db = h.app.db.prisma;
    const mishu = (await db.unit.create({ data: { code: 'MSK', name: '秘书科', kind: 'office_section' } })).id;
    ids.zhang = (await db.person.create({ data: { name: '张伟', title: '县长', openId: zhangU.openId, roles: { create: [{ role: 'leader' }] } } })).id;
    ids.li = (await db.person.create({ data: { name: '李强', title: '副县长', roles: { create: [{ role: 'leader' }] } } })).id;
    await db.person.create({
      data: { name: wang.name, openId: wang.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.zhang}` }] } },
    });
    await db.person.create({ data: { name: zhao.name, openId: zhao.openId, unitId: mishu, roles: { create: [{ role: 'secretary' }] } } });
    await db.person.create({
      data: { name: sun.name, openId: sun.openId, unitId: mishu, roles: { create: [{ role: 'secretary', scope: `person:${ids.li}` }] } },
    });
    await db.person.create({ data: { name: stranger.name, openId: stranger.openId, unitId: mishu } });
    group = h.fake.addChat('日程工作群', [wang, zhao, sun, stranger, zhangU]);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'schedule' } });
    outside = h.fake.addChat('项目协调群', [wang, h.fake.addUser('外单位人员')]);
  });
  afterAll(() => h?.stop());

  it('日程 导入 模板 replies the template, whose columns the import reads', async () => {
    const asked = await say('日程 导入 模板', wang, dm(wang));
    const file = h.fake.filesIn(dm(wang)).find((f) => f.rootId === asked)?.file;
    expect(file?.name).toBe('领导一周工作安排（导入模板）.xlsx');
    const t = await sheetRows(file!.bytes);
    expect(t.headers).toEqual(['序号', '日期', '星期', ...HEADERS.slice(1)]);
    expect(t.rows).toHaveLength(2);
    expect(lastText(dm(wang))).toContain('必填：日期、时间、领导、活动内容');
  });

  it('someone who keeps no leader is refused before the table is read; nothing is saved', async () => {
    await say('日程 导入\n日期\t时间\t领导\t活动内容\n12月8日\t上午\t张县长\t调研', stranger, dm(stranger));
    const text = lastText(dm(stranger));
    expect(text).toContain('该领导的秘书或秘书科人员');
    expect(text).not.toContain('第2行');
    expect(h.fake.cardsIn(dm(stranger))).toHaveLength(0);
    expect(await entries()).toHaveLength(0);
  });

  it('a table with wrong columns is refused naming them; nothing is saved', async () => {
    await sendFile(
      wang,
      '领导一周工作安排.xlsx',
      await weekXlsx([{ 日期: '12月8日', 时间: '上午', 领导名: '张县长', 活动内容: '调研' }], ['日期', '时间', '领导名', '活动内容']),
    );
    const text = lastText(dm(wang));
    expect(text).toContain('未保存任何日程');
    expect(text).toContain('表头缺少必填列「领导」');
    expect(text).toContain('第2行表头「领导名」不是本表的列');
    expect(await entries()).toHaveLength(0);
  });

  it('bad rows are refused naming each row and field (25:00, end before start, unknown leader, another leader’s entries); nothing is saved', async () => {
    await sendFile(
      wang,
      '日程-下周.xlsx',
      await weekXlsx([
        { 日期: '12月8日', 时间: '9:00-11:30', 领导: '张县长', 活动内容: '主持召开县政府常务会议' },
        { 日期: '12月8日', 时间: '25:00', 领导: '张县长', 活动内容: '接待' },
        { 日期: '12月9日', 时间: '15:00-14:00', 领导: '张县长', 活动内容: '调研' },
        { 日期: '12月9日', 时间: '下午', 领导: '钱县长', 活动内容: '调研' },
        { 日期: '12月10日', 时间: '上午', 领导: '李副县长', 活动内容: '督导' },
        { 日期: '12月10日', 时间: '下午', 领导: '张县长', 活动内容: '', 公开范围: '半公开' },
      ]),
    );
    const text = lastText(dm(wang));
    expect(text).toContain('未保存任何日程');
    expect(text).toContain('第4行「时间」：时间「25:00」不是有效时间');
    expect(text).toContain('第5行「时间」');
    expect(text).toContain('结束时间应晚于开始时间');
    expect(text).toContain('第6行「领导」');
    expect(text).toContain('第7行「领导」：您不是李强的秘书，也不是秘书科人员');
    expect(text).toContain('第8行「活动内容」：未填写');
    expect(text).toContain('第8行「公开范围」：「半公开」无法识别');
    expect(text).not.toContain('第3行');
    expect(await entries()).toHaveLength(0);
  });

  let importCard = { messageId: '', value: {} as Record<string, unknown> };

  it('the weekly .xlsx → one confirmation card with every row and the conflicts; nothing saved yet', async () => {
    await h.app.db.prisma.scheduleEntry.create({
      data: {
        leaderId: ids.li!,
        date: '2026-12-09',
        dayPart: 'exact',
        startMinute: 540,
        endMinute: 600,
        activity: '已有会议',
        place: '县政府三楼会议室',
        createdBy: sun.openId,
      },
    });
    await sendFile(
      wang,
      '领导一周工作安排.xlsx',
      await weekXlsx([
        {
          日期: '2026-12-08',
          时间: '9:00-11:30',
          领导: '张县长',
          活动内容: '主持召开县政府常务会议',
          地点: '县政府三楼会议室',
          陪同: '办公室主任',
          联系人: '王晓明 13900000001',
        },
        { 日期: '12月9日', 时间: '上午9:30-11:00', 领导: '张伟', 活动内容: '听取重点项目汇报', 地点: '县政府三楼会议室', 公开范围: '不公开', 状态: '拟定' },
        { 日期: '12月11日', 时间: '全天', 领导: '张县长', 活动内容: '赴市参加全市经济工作会议', 公开范围: '公开' },
        { 日期: '12月4日', 时间: '下午', 领导: '张县长', 活动内容: '检查安全生产（补录）' },
      ]),
    );
    const c = lastCard(dm(wang));
    const text = cardText(c.card);
    for (const part of [
      '日程导入确认',
      '共 **4** 条日程',
      '12月8日（周二） 09:00-11:30',
      '主持召开县政府常务会议',
      '不公开',
      '拟定',
      '补录',
      '「县政府三楼会议室」同时段重复使用',
      '已有会议',
    ])
      expect(text).toContain(part);
    expect(buttonLabels(c.card)).toEqual(['仍然确认导入', '取消']);
    expect(await entries()).toHaveLength(1);
    importCard = { messageId: c.messageId, value: buttonValue(c.card, '仍然确认导入') };
  });

  it('only the importer may confirm (a forged value from another person saves nothing); two clicks save once, all rows together', async () => {
    const forged = await click(importCard.messageId, stranger, importCard.value);
    expect(forged.toast?.content).toContain('只有发起本次导入的人员');
    expect(await entries()).toHaveLength(1);

    const [a, b] = await Promise.all([click(importCard.messageId, wang, importCard.value), click(importCard.messageId, wang, importCard.value)]);
    const toasts = [a.toast?.content, b.toast?.content].join('|');
    expect(toasts).toContain('已导入 4 条日程');
    expect(toasts).toContain('已处理');
    const imported = (await entries()).filter((e) => e.source === 'import');
    expect(imported).toHaveLength(4);
    expect(imported.map((e) => [e.date, e.dayPart, e.visibility, e.status, e.backfilled])).toEqual([
      ['2026-12-04', 'afternoon', 'internal', 'confirmed', true],
      ['2026-12-08', 'exact', 'internal', 'confirmed', false],
      ['2026-12-09', 'exact', 'private', 'draft', false],
      ['2026-12-11', 'all_day', 'public', 'confirmed', false],
    ]);
    const changes = await h.app.db.prisma.scheduleChange.findMany({ where: { entryId: { in: imported.map((e) => e.id) } } });
    expect(changes.map((c) => c.kind)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(cardText(h.fake.messages.get(importCard.messageId)!.content)).toContain('已导入');
  });

  it('calendar sync on: one shared calendar, an event per entry (attendee added in a second call), writer for the secretary and reader for the leader', async () => {
    const calendars = [...h.fake.calendar.calendars.values()];
    expect(calendars).toHaveLength(1);
    const cal = calendars[0]!;
    expect(cal.summary).toBe('县领导日程');
    expect(cal.acl.get(wang.openId)).toBe('writer');
    expect(cal.acl.get(zhangU.openId)).toBe('reader');
    const events = h.fake.calendar.events();
    // Four imported rows; the entry written straight into the table above never announced itself.
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.attendees.includes(zhangU.openId))).toBe(true);
    const hidden = events.find((e) => e.summary === '张伟 公务活动');
    expect(hidden).toMatchObject({ visibility: 'private', location: '' });
    const meeting = events.find((e) => e.summary === '张伟 主持召开县政府常务会议')!;
    expect(meeting.location).toBe('县政府三楼会议室');
    expect(meeting.start.timestamp).toBe(String(Date.parse('2026-12-08T09:00:00+08:00') / 1000));
    expect(events.find((e) => e.summary.includes('全市经济工作会议'))?.start).toEqual({ date: '2026-12-11' });
    const creates = h.fake.callsTo(/\/calendar\/v4\/calendars\/[^/]+\/events$/, 'POST');
    expect(creates.every((c) => (c.query as Record<string, string>).idempotency_key?.startsWith('sanban-schedule-'))).toBe(true);
    const rows = await entries();
    expect(rows.filter((e) => e.source === 'import').every((e) => e.calendarEventId !== '')).toBe(true);
  });

  it('the job schedules.calendar.sync writes entries that have no event yet (saved outside the sync), and grants their secretary', async () => {
    await h.app.router.runJob('schedules.calendar.sync', clock.now());
    await calendarSyncIdle();
    const events = h.fake.calendar.events();
    expect(events).toHaveLength(5);
    expect(events.find((e) => e.summary === '李强 已有会议')?.attendees).toEqual([]); // 李强 has no Feishu account linked
    expect([...h.fake.calendar.calendars.values()][0]!.acl.get(sun.openId)).toBe('writer');
    expect((await entries()).every((e) => e.calendarEventId !== '')).toBe(true);
    // Nothing left: the next run is passed over and creates nothing.
    await h.app.router.runJob('schedules.calendar.sync', clock.now());
    await calendarSyncIdle();
    expect(h.fake.calendar.events()).toHaveLength(5);
  });

  it('a change to an entry patches its event; a cancellation deletes it', async () => {
    const row = (await entries()).find((e) => e.activity === '主持召开县政府常务会议')!;
    const before = (await findEntry(h.app.db.prisma, row.id))!;
    await h.app.db.prisma.$transaction((tx) =>
      updateEntryWithHistory(tx, before, { startMinute: 600, endMinute: 720 }, { openId: wang.openId, at: clock.now() }),
    );
    await calendarSyncIdle();
    const event = h.fake.calendar.events().find((e) => e.eventId === row.calendarEventId)!;
    expect(event.start.timestamp).toBe(String(Date.parse('2026-12-08T10:00:00+08:00') / 1000));
    const now = (await findEntry(h.app.db.prisma, row.id))!;
    await h.app.db.prisma.$transaction((tx) => updateEntryWithHistory(tx, now, { status: 'cancelled' }, { openId: wang.openId, at: clock.now() }, 'cancelled'));
    await calendarSyncIdle();
    expect(h.fake.calendar.events().find((e) => e.eventId === row.calendarEventId)).toBeUndefined();
    expect((await findEntry(h.app.db.prisma, row.id))!.calendarEventId).toBe('');
  });

  it('a table pasted in the chat by 秘书科 → the same card; 取消 saves nothing', async () => {
    const table = [
      '日期\t时间\t领导\t活动内容\t地点\t公开范围',
      '12月10日\t14:30-16:00\t李副县长\t调研乡村振兴项目\t东坝镇\t内部',
      '12月10日\t晚上\t张县长\t接待市考察组\t\t公开',
    ].join('\n');
    await say(`日程 导入\n${table}`, zhao, group);
    const c = lastCard(group);
    expect(cardText(c.card)).toContain('粘贴的表格');
    expect(cardText(c.card)).toContain('共 **2** 条日程，涉及 2 位领导');
    const count = (await entries()).length;
    const r = await click(c.messageId, zhao, buttonValue(c.card, '取消'));
    expect(r.toast?.content).toBe('已取消导入。');
    expect(await entries()).toHaveLength(count);
    await say(`日程 导入\n${table}`, zhao, group);
    const again = lastCard(group);
    await click(again.messageId, zhao, buttonValue(again.card, '确认导入'));
    expect((await entries()).filter((e) => e.activity === '调研乡村振兴项目' || e.activity === '接待市考察组')).toHaveLength(2);
  });

  it('日程 导出 in the bound group: .xlsx and landscape .docx, 不公开 as 公务活动', async () => {
    const asked = await say('日程 导出', wang, group);
    const files = h.fake.filesIn(group).filter((f) => f.rootId === asked);
    expect(files.map((f) => f.file.name)).toEqual(['领导一周工作安排-20261207.xlsx', '领导一周工作安排-20261207.docx']);
    const t = await sheetRows(files[0]!.file.bytes);
    expect(t.title).toContain('12月7日（周一）—12月13日（周日）');
    const activities = t.rows.map((r) => r['活动内容']);
    expect(activities).toContain('公务活动');
    expect(activities).not.toContain('听取重点项目汇报');
    expect(activities).toContain('调研乡村振兴项目');
    expect(activities).not.toContain('主持召开县政府常务会议'); // cancelled above
    const docx = await JSZip.loadAsync(files[1]!.file.bytes);
    const xml = await docx.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/w:orient="landscape"/);
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml)!;
    expect(Number(size[1])).toBeGreaterThan(Number(size[2]));
    expect(xml).toContain('领导一周工作安排');
    expect(xml).toContain('公务活动');
    expect(xml).not.toContain('听取重点项目汇报');
    expect(lastText(group)).toContain('不公开的日程显示为「公务活动」');
  });

  it('日程 导出 in a group that is not internal leaves 内部 entries out; the keeper’s direct message shows all', async () => {
    const asked = await say('日程 导出 本周', wang, outside);
    const sheet = await sheetRows(h.fake.filesIn(outside).find((f) => f.rootId === asked)!.file.bytes);
    const activities = sheet.rows.map((r) => r['活动内容']);
    expect(activities).not.toContain('调研乡村振兴项目');
    expect(activities).toContain('赴市参加全市经济工作会议');
    expect(lastText(outside)).toMatch(/\d+ 条内部日程未列出/);
    // 李副县长's 12月10日 is only the 内部 调研: the .docx says 另有公务安排 there (not 无安排); the .xlsx, imported again, keeps to entries.
    expect(activities).not.toContain('另有公务安排');
    const outsideDocx = await JSZip.loadAsync(h.fake.filesIn(outside).filter((f) => f.rootId === asked)[1]!.file.bytes);
    const outsideXml = await outsideDocx.file('word/document.xml')!.async('string');
    expect(outsideXml).toContain('另有公务安排');
    expect(outsideXml).not.toContain('调研乡村振兴项目');

    const mine = await say('日程 导出', wang, dm(wang));
    const own = await sheetRows(h.fake.filesIn(dm(wang)).find((f) => f.rootId === mine)!.file.bytes);
    expect(own.rows.map((r) => r['活动内容'])).toContain('听取重点项目汇报');
  });
});
