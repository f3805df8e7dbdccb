import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { startHarness, type Harness } from '../support/harness.js';

const HEADERS = [
  '序号',
  '编号',
  '工作内容',
  '工作标准',
  '事项来源',
  '来源文号',
  '承办单位',
  '责任人',
  '负责领导',
  '完成时限',
  '办理状态',
  '完成进度',
  '最新进展',
  '办理结果',
  '是否超期',
  '超期工作日',
  '立项日期',
  '办结日期',
];

/** The ledger file as a person opens it: title, header, then one object per data row keyed by header. */
async function readLedger(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('督办台账')!;
  const headers = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let n = 3; n <= sheet.rowCount; n++) {
    const values = sheet.getRow(n).values as ExcelJS.CellValue[];
    if (typeof values[1] !== 'number') continue; // a note below the table
    rows.push(Object.fromEntries(headers.map((h, i) => [String(h), values[i + 1] ?? null])));
  }
  return { title: sheet.getCell('A1').value, headers, rows };
}

/**
 * 督办 导出 through the real SDK and the fake Lark: the file is uploaded, sent as a reply to the command,
 * and holds exactly the items the asker may see under the filter.
 */
describe('督办 导出 (ledger export) end to end', () => {
  const clock = new FixedClock('2026-11-20T10:00:00+08:00'); // Friday
  let h: Harness;
  let supervisor: FakeUser, director: FakeUser, leader: FakeUser, liaison: FakeUser, waterLiaison: FakeUser, stranger: FakeUser;
  /** Office-wide people only: every member may see the whole ledger. */
  let group: string;
  /** With a leader, who sees only the items of the units he is in charge of and those he leads. */
  let leaderGroup: string;
  let seq = 0;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);

  /** Sends a command and returns the ledger file replied to it (if any) and the texts replied. */
  const exportAs = async (u: FakeUser, text: string, chatId = dm(u)) => {
    const messageId = `om_export_${++seq}`;
    const r = await h.fake.userSays({ chatId, from: u, text, p2p: chatId === dm(u), messageId });
    expect(r.status).toBe(200);
    await h.settle();
    const replies = h.fake.messagesIn(chatId).filter((m) => m.rootId === messageId);
    const file = h.fake.filesIn(chatId).find((f) => f.rootId === messageId)?.file;
    const texts = replies.filter((m) => m.msgType === 'text').map((m) => (JSON.parse(m.content) as { text: string }).text);
    return { file, texts, ledger: file ? await readLedger(file.bytes) : undefined };
  };

  beforeAll(async () => {
    h = await startHarness({ clock, fake: { perChatRate: 0 } });
    supervisor = h.fake.addUser('王督查');
    leader = h.fake.addUser('李副县长');
    liaison = h.fake.addUser('刘联络');
    waterLiaison = h.fake.addUser('陈联络');
    stranger = h.fake.addUser('路人甲');
    director = h.fake.addUser('孙主任');
    group = h.fake.addChat('督查科工作群', [supervisor, director]);
    leaderGroup = h.fake.addChat('督查工作群', [supervisor, leader]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    const housing = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const water = await db.unit.create({ data: { code: 'SLJ', name: '县水利局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    const sup = await person(supervisor, office.id, [['supervisor', '']]);
    const lead = await person(leader, office.id, [['leader', `unit:${housing.id}`]]);
    const liai = await person(liaison, housing.id, [['liaison', 'supervision']]);
    await person(waterLiaison, water.id, [['liaison', 'supervision']]);
    await person(director, office.id, [['director', '']]);

    // Item 1 the way a supervisor creates one; the others straight into the ledger in various states.
    const created = await h.fake.userSays({
      chatId: group,
      from: supervisor,
      text: '@三办助手 督办 新建 推进城南片区老旧小区雨污分流改造 单位:县住建局 领导:李副县长 期限:2026-12-15',
    });
    expect(created.status).toBe(200);
    await h.settle();
    expect(await db.supervisionItem.count()).toBe(1);
    const item = (n: number, o: Record<string, unknown>) =>
      db.supervisionItem.create({
        data: {
          year: 2026,
          seq: n,
          number: `督〔2026〕${n}号`,
          sourceType: 'key_task',
          createdBy: sup.openId!,
          createdAt: new Date('2026-11-02T09:00:00+08:00'),
          ...o,
        } as never,
      });
    const acceptance = await item(2, {
      content: '完成保障性住房项目竣工验收',
      standard: '11月17日前完成竣工验收备案',
      sourceType: 'meeting',
      sourceRef: '县政府常务会议纪要〔2026〕9号',
      unitId: housing.id,
      personId: liai.id,
      leaderId: lead.id,
      deadline: '2026-11-17',
      status: 'in_progress',
      progressPercent: 60,
    });
    await item(3, { content: '汛后水毁工程修复', unitId: water.id, deadline: '2026-11-30', status: 'in_progress', progressPercent: 20 });
    const gas = await item(4, {
      content: '城区燃气管道隐患排查',
      unitId: housing.id,
      leaderId: lead.id,
      deadline: '2026-10-30',
      status: 'closed',
      progressPercent: 100,
      closedAt: new Date('2026-10-28T16:00:00+08:00'),
      closedOnTime: true,
    });
    await item(5, { content: '水库除险加固前期工作', unitId: water.id, deadline: '2026-11-10', status: 'pending_ack' });
    await db.counter.update({ where: { name: 'supervision:2026' }, data: { value: 5 } });
    // Item 4 named no person: the liaison who signed it is its 责任人; its 办理结果 is what the unit submitted.
    await db.supervisionEvent.create({
      data: { itemId: gas.id, at: new Date('2026-10-20T09:00:00+08:00'), actor: liaison.openId, kind: 'acknowledged', text: '' },
    });
    await db.supervisionEvent.create({
      data: { itemId: gas.id, at: new Date('2026-10-27T09:00:00+08:00'), actor: liaison.openId, kind: 'closure_requested', text: '排查隐患12处，已全部整改' },
    });
    // Item 2's closure request was refused (it is 办理中 again): a refused result is not its 办理结果.
    await db.supervisionEvent.create({
      data: {
        itemId: acceptance.id,
        at: new Date('2026-11-12T09:00:00+08:00'),
        actor: liaison.openId,
        kind: 'closure_requested',
        text: '已完成验收（被退回）',
      },
    });
    for (const [at, text] of [
      ['2026-11-10T10:00:00+08:00', '30%，完成主体验收'],
      ['2026-11-16T10:00:00+08:00', '60%，完成消防验收；下一步：规划核实'],
    ] as const) {
      await db.supervisionEvent.create({ data: { itemId: acceptance.id, at: new Date(at), actor: liaison.openId, kind: 'progress', text } });
    }
  });
  afterAll(() => h?.stop());

  it('a supervisor gets the whole ledger as an .xlsx reply, with the standard columns and every item in number order', async () => {
    const { file, texts, ledger } = await exportAs(supervisor, '@三办助手 督办 导出', group);
    expect(file).toMatchObject({ name: '督办台账-20261120.xlsx', fileType: 'xls', partFilename: '督办台账-20261120.xlsx' });
    expect(texts).toEqual(['督办台账已导出（全部事项），共 5 项，数据截至 2026-11-20。']);
    expect(ledger!.title).toBe('督查督办事项台账（截至 2026-11-20）');
    expect(ledger!.headers).toEqual(HEADERS);
    expect(ledger!.rows.map((r) => r['编号'])).toEqual([1, 2, 3, 4, 5].map((n) => `督〔2026〕${n}号`));
    expect(ledger!.rows.map((r) => r['序号'])).toEqual([1, 2, 3, 4, 5]);

    const [first, acceptance, , closed, late] = ledger!.rows;
    expect(first).toMatchObject({
      工作内容: '推进城南片区老旧小区雨污分流改造',
      事项来源: '领导批示',
      承办单位: '县住建局',
      负责领导: '李副县长',
      完成时限: '2026-12-15',
      办理状态: '待签收',
      是否超期: '否',
      立项日期: '2026-11-20',
    });
    expect(acceptance).toEqual({
      序号: 2,
      编号: '督〔2026〕2号',
      工作内容: '完成保障性住房项目竣工验收',
      工作标准: '11月17日前完成竣工验收备案',
      事项来源: '会议议定事项',
      来源文号: '县政府常务会议纪要〔2026〕9号',
      承办单位: '县住建局',
      责任人: '刘联络',
      负责领导: '李副县长',
      完成时限: '2026-11-17',
      办理状态: '办理中',
      完成进度: 0.6,
      最新进展: '60%，完成消防验收；下一步：规划核实',
      办理结果: null,
      是否超期: '是',
      超期工作日: 3,
      立项日期: '2026-11-02',
      办结日期: null,
    });
    expect(closed).toMatchObject({
      责任人: '刘联络',
      办理结果: '排查隐患12处，已全部整改',
      办理状态: '已办结',
      是否超期: '否',
      超期工作日: null,
      办结日期: '2026-10-28',
      完成进度: 1,
    });
    expect(late).toMatchObject({ 承办单位: '县水利局', 办理状态: '待签收', 是否超期: '是', 超期工作日: 8 });

    const audit = await h.app.db.prisma.auditEntry.findMany({ where: { objectType: 'supervision_ledger' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: supervisor.openId, action: 'export', objectId: '督办台账-20261120.xlsx' });
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ filter: '全部事项', count: 5, total: 5, chatId: group });
  });

  it('takes the same filters as 督办 列表', async () => {
    const overdue = await exportAs(supervisor, '@三办助手 督办 导出 超期', group);
    expect(overdue.ledger!.rows.map((r) => r['编号'])).toEqual(['督〔2026〕2号', '督〔2026〕5号']);
    expect(overdue.texts[0]).toContain('超期事项');
    const byLeader = await exportAs(supervisor, '@三办助手 督办 导出 领导 李副县长', group);
    expect(byLeader.ledger!.rows.map((r) => r['编号'])).toEqual(['督〔2026〕1号', '督〔2026〕2号', '督〔2026〕4号']);
    expect(byLeader.texts[0]).toContain('领导负责事项（李副县长）');
    const bad = await exportAs(supervisor, '@三办助手 督办 导出 明天', group);
    expect(bad.file).toBeUndefined();
    expect(bad.texts[0]).toContain('无法识别筛选条件「明天」');
  });

  it("a liaison's export holds only their own unit's items", async () => {
    const housing = await exportAs(liaison, '督办 导出');
    expect(housing.ledger!.rows.map((r) => r['编号'])).toEqual(['督〔2026〕1号', '督〔2026〕2号', '督〔2026〕4号']);
    expect(new Set(housing.ledger!.rows.map((r) => r['承办单位']))).toEqual(new Set(['县住建局']));
    const water = await exportAs(waterLiaison, '督办 导出 本单位');
    expect(water.ledger!.rows.map((r) => r['编号'])).toEqual(['督〔2026〕3号', '督〔2026〕5号']);
    expect(water.texts[0]).toBe('督办台账已导出（本单位事项），共 2 项，数据截至 2026-11-20。');
  });

  it('sends no file when nothing is visible, and says why when the upload fails', async () => {
    const uploadsBefore = h.fake.uploads.size;
    const none = await exportAs(stranger, '督办 导出');
    expect(none.file).toBeUndefined();
    expect(none.texts).toEqual(['没有符合条件的督办事项（全部事项），未生成台账文件。']);
    expect(h.fake.uploads.size).toBe(uploadsBefore);

    h.fake.failNext(1, { status: 400, code: 234001, msg: 'Invalid request param.', path: /^\/open-apis\/im\/v1\/files$/ });
    const failed = await exportAs(supervisor, '@三办助手 督办 导出', group);
    expect(failed.file).toBeUndefined();
    expect(failed.texts).toEqual(['台账文件生成后上传飞书失败，请稍后重新发送「督办 导出」。如问题持续，请联系管理员。']);
  });

  it('in a group where a member may not see every row, the file goes to the asker privately and the group is told so', async () => {
    const uploadsBefore = h.fake.uploads.size;
    const { file, texts } = await exportAs(supervisor, '@三办助手 督办 导出', leaderGroup);
    expect(file).toBeUndefined();
    expect(texts).toEqual(['督办台账涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。']);
    expect(h.fake.filesIn(leaderGroup)).toEqual([]);
    expect(h.fake.uploads.size).toBe(uploadsBefore + 1);
    const direct = h.fake.filesIn(dm(supervisor)).at(-1)!;
    expect(direct.rootId).toBeUndefined();
    const ledger = await readLedger(direct.file.bytes);
    expect(ledger.rows.map((r) => r['编号'])).toEqual([1, 2, 3, 4, 5].map((n) => `督〔2026〕${n}号`));
    expect(h.fake.textsIn(dm(supervisor)).at(-1)).toBe('督办台账已导出（全部事项），共 5 项，数据截至 2026-11-20。');
    const audit = await h.app.db.prisma.auditEntry.findMany({ where: { objectType: 'supervision_ledger' } });
    expect(audit.map((a) => JSON.parse(a.after) as Record<string, unknown>).filter((a) => a.chatId === leaderGroup)).toMatchObject([
      { delivered: 'private', count: 5 },
    ]);
  });

  it('in the same group, a selection every member may see is answered in the group', async () => {
    // 李副县长 leads items 1, 2 and 4: the leader may see every row of this export.
    const { ledger, texts } = await exportAs(supervisor, '@三办助手 督办 导出 领导 李副县长', leaderGroup);
    expect(ledger!.rows.map((r) => r['编号'])).toEqual(['督〔2026〕1号', '督〔2026〕2号', '督〔2026〕4号']);
    expect(texts[0]).toContain('领导负责事项（李副县长）');
  });

  it('a group with someone outside the directory gets the notice; an unreadable member list counts as outsiders', async () => {
    const open = h.fake.addChat('临时工作群', [supervisor, stranger]);
    const outsiders = await exportAs(supervisor, '@三办助手 督办 导出 超期', open);
    expect(outsiders.file).toBeUndefined();
    expect(outsiders.texts).toEqual(['督办台账涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。']);

    const unknown = h.fake.addChat('新建工作群', [supervisor, director]);
    h.fake.failNext(1, { status: 400, code: 232011, msg: 'The operator is not in the chat.', path: /\/members$/ });
    const closed = await exportAs(supervisor, '@三办助手 督办 导出', unknown);
    expect(closed.file).toBeUndefined();
    expect(closed.texts).toEqual(['暂时无法核实本群成员范围，为确保信息安全，督办台账已私信发送给您，请查收。']);
    expect(h.fake.filesIn(dm(supervisor)).some((f) => f.file.name === '督办台账-20261120.xlsx')).toBe(true);
  });
});
