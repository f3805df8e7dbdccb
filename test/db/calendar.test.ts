import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { parseCalendarFile } from '../../src/platform/calendar/calendar-file.js';
import { importCalendarDays, loadWorkCalendar, yearsWithoutData } from '../../src/platform/calendar/calendar-repository.js';
import { runImportCalendar } from '../../src/platform/calendar/cli/import-calendar.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

// An invented 2027 schedule for the test only: the real one is not published in our data.
const FILE_2027 = ['日期,类型,名称', '2027-01-01,节假日,元旦', '2027-02-06~2027-02-12,节假日,春节', '2027-02-13,调休上班,春节', ''].join('\n');

describe(`calendar overrides on ${testProvider}`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
    dir = mkdtempSync(join(tmpdir(), 'sanban-calendar-'));
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const table = () => db.prisma.calendarDay.findMany({ orderBy: { date: 'asc' }, select: { date: true, kind: true, name: true } });

  it('imports idempotently: the same file twice gives the same rows', async () => {
    const { rows, errors } = parseCalendarFile(FILE_2027, 'csv');
    expect(errors).toEqual([]);
    expect(await importCalendarDays(db.prisma, rows)).toEqual({ created: 9, updated: 0, unchanged: 0, removed: 0 });
    const first = await table();
    expect(await importCalendarDays(db.prisma, rows)).toEqual({ created: 0, updated: 0, unchanged: 9, removed: 0 });
    expect(await table()).toEqual(first);
    expect(first).toHaveLength(9);
    expect(first[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
  });

  it('updates a corrected row and leaves rows outside the file alone', async () => {
    const result = await importCalendarDays(db.prisma, [{ date: '2027-02-13', kind: 'workday', name: '春节调休' }]);
    expect(result).toEqual({ created: 0, updated: 1, unchanged: 0, removed: 0 });
    const rows = await table();
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.date === '2027-02-13')?.name).toBe('春节调休');
  });

  it('loads the overrides into the calendar, where they change the answers', async () => {
    const calendar = await loadWorkCalendar(db.prisma);
    expect(calendar.hasDataFor(2027)).toBe(true);
    expect(yearsWithoutData(calendar, [2026, 2027, 2028])).toEqual([2028]);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday, off by the import
    expect(calendar.isWorkingDay('2027-02-13')).toBe(true); // a Saturday, worked by the import
    expect(calendar.holidayName('2027-02-10')).toBe('春节');
    expect(calendar.nextWorkingDay('2027-02-05')).toBe('2027-02-13');
    expect(calendar.addWorkingDays('2027-02-05', 2)).toBe('2027-02-15');

    // An override wins over the package, also for a year the package has.
    expect(calendar.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    await importCalendarDays(db.prisma, [{ date: '2026-10-08', kind: 'holiday', name: '国庆节' }]);
    expect((await loadWorkCalendar(db.prisma)).nextWorkingDay('2026-09-30')).toBe('2026-10-09');
    await db.prisma.calendarDay.delete({ where: { date: '2026-10-08' } });
  });

  it('is reported as missing for a year with no data before anything is imported', async () => {
    await db.prisma.calendarDay.deleteMany({ where: { date: { startsWith: '2027-' } } });
    const calendar = await loadWorkCalendar(db.prisma);
    expect(yearsWithoutData(calendar, [2025, 2026, 2027])).toEqual([2027]);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(true);
  });

  describe('the import command', () => {
    const run = async (...args: string[]) => {
      let output = '';
      const code = await runImportCalendar(args, { env: { DATABASE_URL: url }, write: (t) => (output += t) });
      return { code, output };
    };
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };

    it('imports a file, then reports it unchanged on a second run', async () => {
      const path = file('2027.csv', FILE_2027);
      const first = await run(path);
      expect(first.code).toBe(0);
      expect(first.output).toContain('文件「2027.csv」：放假 8 天，调休上班 1 天（元旦、春节）。');
      expect(first.output).toContain('已导入 9 天：新增 9 天，更新 0 天，未变 0 天。');
      expect(first.output).toContain('2027年现有管理员录入：放假 8 天，调休上班 1 天。');
      const second = await run(path);
      expect(second.code).toBe(0);
      expect(second.output).toContain('新增 0 天，更新 0 天，未变 9 天');
      expect(await db.prisma.calendarDay.count()).toBe(9);
    });

    it('reports bad rows by row number, imports the good ones and exits non-zero', async () => {
      const path = file('bad.csv', '日期,类型,名称\n2027-10-01,节假日,国庆节\n2027-10-32,节假日,国庆节\n2027-10-09,加班,国庆节\n');
      const { code, output } = await run(path);
      expect(code).toBe(1);
      expect(output).toContain('第 3 行：日期「2027-10-32」不是有效日期');
      expect(output).toContain('第 4 行：类型「加班」无法识别');
      expect(output).toContain('有 2 行有误，未导入');
      expect(await db.prisma.calendarDay.findUnique({ where: { date: '2027-10-01' } })).toMatchObject({ kind: 'holiday' });
    });

    it('with --replace, makes the file the whole truth for its years, and refuses a file with bad rows', async () => {
      const wrong = file('wrong.csv', '2027-03-01,节假日,误录\n2027-03-02,节假日,误录\n');
      expect((await run(wrong)).code).toBe(0);
      const fixed = file('fixed.csv', '2027-03-02,节假日,更正\n2027-03-0x,节假日,更正\n');
      const refused = await run(fixed, '--replace');
      expect(refused).toMatchObject({ code: 1, output: expect.stringContaining('不能使用 --replace') });
      expect(await db.prisma.calendarDay.count({ where: { date: { startsWith: '2027-03' } } })).toBe(2);

      const before = await db.prisma.calendarDay.count({ where: { date: { startsWith: '2027-' } } });
      const replaced = await run(file('fixed2.csv', '2027-03-02,节假日,更正\n'), '--replace');
      expect(replaced.code).toBe(0);
      expect(replaced.output).toContain(`删除文件中没有的 ${before - 1} 天`);
      expect((await table()).filter((r) => r.date.startsWith('2027-'))).toEqual([{ date: '2027-03-02', kind: 'holiday', name: '更正' }]);
    });

    it('writes nothing on a dry run, for the template or for a missing file', async () => {
      const before = await db.prisma.calendarDay.count();
      const dry = await run(file('2028.json', JSON.stringify([{ 日期: '2028-01-01', 类型: '节假日', 名称: '元旦' }])), '--dry-run');
      expect(dry).toMatchObject({ code: 0, output: expect.stringContaining('未写入数据库') });
      const template = await run(new URL('../../prisma/calendar/2027.sample.csv', import.meta.url).pathname);
      expect(template).toMatchObject({ code: 1, output: expect.stringContaining('没有可导入的日期') });
      expect(await run(join(dir, 'nope.csv'))).toMatchObject({ code: 2, output: expect.stringContaining('文件不存在') });
      expect(await run()).toMatchObject({ code: 2, output: expect.stringContaining('用法') });
      expect(await db.prisma.calendarDay.count()).toBe(before);
    });
  });
});
