import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { changesIn, importDirectory } from '../../src/features/org/use-cases/import-directory.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { csvOf, directoryRows, dumpDirectory, xlsxOf, type SheetRow } from '../support/org-fixtures.js';

describe(`org directory import on ${testProvider}`, () => {
  let drop: () => Promise<void>;
  let db: Database;
  const clock = new FixedClock();
  let messenger: MemoryMessenger;

  beforeAll(async () => {
    const created = await createTestDatabaseUrl();
    drop = created.drop;
    db = await openDatabase(created.url);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });
  beforeEach(async () => {
    messenger = new MemoryMessenger();
    for (const m of ['auditEntry', 'roleGrant', 'person', 'unit'] as const) await (db.prisma[m] as { deleteMany(): Promise<unknown> }).deleteMany();
  });

  const run = (name: string, bytes: Uint8Array) => importDirectory({ prisma: db.prisma, clock, messenger }, { name, bytes }, 'ou_admin');

  it('imports a 500-person .xlsx, and importing it again changes nothing', async () => {
    const rows = directoryRows(500);
    // Lark knows some of them by mobile: their open_id is filled in on the first import.
    for (let i = 10; i < 500; i += 4) if (rows[i]!['手机']) messenger.directory.set(String(rows[i]!['手机']), `ou_${String(i).padStart(10, '0')}`);
    const file = await xlsxOf(rows);

    const first = await run('名册.xlsx', file);
    expect(first.errors).toEqual([]);
    expect(first.rows).toBe(500);
    expect(first.created).toBe(500);
    expect(first.linked).toBe(messenger.directory.size);
    expect(first.unitsCreated).toHaveLength(38);
    // batch_get_id takes 50 at a time: the adapter splits, the use case asks once.
    expect(messenger.lookups).toHaveLength(1);
    const after1 = await dumpDirectory(db.prisma);
    const audits1 = await db.prisma.auditEntry.count();

    const second = await run('名册.xlsx', file);
    expect(second.errors).toEqual([]);
    expect({ created: second.created, updated: second.updated, unchanged: second.unchanged, changes: changesIn(second) }).toEqual({
      created: 0,
      updated: 0,
      unchanged: 500,
      changes: 0,
    });
    expect(await dumpDirectory(db.prisma)).toEqual(after1);
    expect(await db.prisma.auditEntry.count()).toBe(audits1);

    // Spot checks of what the file meant.
    expect(after1.people.length).toBe(500);
    const leader = after1.people.find((p) => p.includes('|县长|'))!;
    for (const unit of ['发改局', '财政局', '教育局']) expect(leader).toContain(`leader@unit:${unit}`);
    expect(after1.people.find((p) => p.includes('|办公室主任|'))).toMatch(/admin@,director@unit:/);
    expect(after1.people.filter((p) => /secretary@person:/.test(p))).toHaveLength(6);
    expect(after1.people.filter((p) => /liaison@info/.test(p)).length).toBeGreaterThan(10);
    expect(after1.units).toContain('督查科|office_section|督查科');
    expect(after1.units).toContain('河口街道|town|河口街道');
  }, 120_000);

  it('imports the good rows of a file with three bad rows and names the three rows', async () => {
    const rows = directoryRows(60);
    rows[9] = { ...rows[9]!, 姓名: '' };
    rows[24] = { ...rows[24]!, 手机: '12345' };
    rows[41] = { ...rows[41]!, 角色: '宣传员' };
    const summary = await run('名册.xlsx', await xlsxOf(rows));
    // Spreadsheet row numbers: the header is row 1, rows[i] is row i + 2.
    expect(summary.errors.map((e) => e.row)).toEqual([11, 26, 43]);
    expect(summary.errors.map((e) => e.reason)).toEqual(['姓名为空', expect.stringContaining('手机号码「12345」格式不正确'), '角色「宣传员」无法识别']);
    expect(summary.created).toBe(57);
    expect(await db.prisma.person.count()).toBe(57);
  });

  it('reads the same directory from a CSV (BOM, CRLF, quoted cells) as from the .xlsx', async () => {
    const rows = directoryRows(80);
    rows[3] = { ...rows[3]!, 分管领域: '发展改革, "重点项目"\n招商引资' };
    await run('名册.xlsx', await xlsxOf(rows));
    const fromXlsx = await dumpDirectory(db.prisma);
    const again = await run('名册.csv', csvOf(rows));
    expect(changesIn(again)).toBe(0);
    expect(await dumpDirectory(db.prisma)).toEqual(fromXlsx);
  });

  it('updates what changed, keeps admins, and audits each change', async () => {
    const rows = directoryRows(20);
    await run('a.xlsx', await xlsxOf(rows));
    const director = rows[6]!;
    rows[6] = { ...director, 职务: '办公室主任（兼）', 角色: '办公室主任' };
    const summary = await run('b.xlsx', await xlsxOf(rows));
    expect({ updated: summary.updated, unchanged: summary.unchanged }).toEqual({ updated: 1, unchanged: 19 });
    const person = await db.prisma.person.findFirstOrThrow({ where: { name: String(director['姓名']) }, include: { roles: true } });
    expect(person.title).toBe('办公室主任（兼）');
    // The file no longer lists 管理员, but an import never removes the admin role.
    expect(person.roles.map((r) => r.role).sort()).toContain('admin');
    const trail = await db.prisma.auditEntry.findMany({ where: { objectId: person.id }, orderBy: { at: 'asc' } });
    expect(trail.map((a) => a.action)).toContain('update');
  });

  it('refuses rows that contradict each other or the directory, by row number', async () => {
    const rows: SheetRow[] = [
      { 姓名: '甲', 单位: '督查科', 手机: '13800000001' },
      { 姓名: '乙', 单位: '督查科', 手机: '13800000001' },
      { 姓名: '丙', 单位: '信息科', 角色: '联络员' },
      { 姓名: '丁', 单位: '信息科', 角色: '秘书', 服务领导: '不存在的领导' },
      { 姓名: '戊', 单位: '信息科', 单位类型: '镇街' },
      { 姓名: '己', 单位: '信息科', 单位类型: '科室' },
    ];
    const summary = await run('x.csv', csvOf(rows));
    expect(summary.errors).toEqual([
      { row: 3, reason: '手机号码「13800000001」与第2行重复' },
      { row: 4, reason: '角色含「联络员」，请在「联络类型」列填写 信息 或 督查' },
      { row: 5, reason: '服务领导「不存在的领导」不在名册中，或未登记为「县（区）领导」' },
      { row: 7, reason: '单位「信息科」的单位类型与第6行不一致' },
    ]);
    expect(summary.created).toBe(2);
  });

  it('reports a Lark lookup failure without failing the import', async () => {
    messenger.lookupFailure = { kind: 'network', message: 'connect ECONNREFUSED' };
    const summary = await run('x.csv', csvOf([{ 姓名: '甲', 单位: '督查科', 手机: '13800000001' }]));
    expect(summary.created).toBe(1);
    expect(summary.notices.join()).toContain('暂时无法查询飞书通讯录');
  });

  it('refuses a file it cannot read', async () => {
    await expect(run('x.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toMatchObject({ code: 'bad_input' });
    await expect(run('x.csv', csvOf([{ 单位: 'x' }], ['单位']))).rejects.toMatchObject({ userMessage: expect.stringContaining('未找到表头「姓名」') });
  });
});
