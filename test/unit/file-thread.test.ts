import ExcelJS from 'exceljs';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LEDGER_SHEET, LEDGER_SHEET_NAME, type LedgerMeta, type LedgerRow } from '../../src/features/supervision/presenters/ledger-sheet.js';
import { FileBuildError, startThreadBuild } from '../../src/platform/file-thread.js';
import { buildSheetInThread } from '../../src/platform/export/sheet-build.js';
import { sheetXlsx } from '../../src/platform/export/sheet.js';
import { MISNAMED_SHEET, SCORE_SHEET } from '../fixtures/sheets.js';

const row = (i: number): LedgerRow => ({
  number: `督〔2026〕${i}号`,
  content: `第${i}项：推进城南片区老旧小区雨污分流改造`,
  standard: i % 2 ? '按时保质完成' : '',
  sourceType: 'instruction',
  sourceRef: '',
  unitName: '县住建局',
  ...(i % 3 ? { personName: '刘联络' } : {}),
  deadline: '2026-11-17',
  status: i % 5 ? 'in_progress' : 'closed',
  progressPercent: i % 100,
  overdueDays: i % 4,
  createdOn: '2026-11-02',
  ...(i % 5 ? {} : { closedOn: '2026-11-18' }),
});

/** Every cell's value, number format, fill and font, row by row: the workbook as Excel shows it. */
async function cells(bytes: Buffer, sheetName: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName)!;
  const out: unknown[] = [sheet.views, sheet.autoFilter, sheet.headerFooter.oddFooter, sheet.columns.map((c) => c.width)];
  sheet.eachRow({ includeEmpty: true }, (r) =>
    r.eachCell({ includeEmpty: true }, (c) => out.push([c.address, c.value, c.numFmt, c.fill, c.font, c.border, c.isMerged])),
  );
  return out;
}

/** Hands `rows` over a page at a time, as an export reads them. */
const pages =
  <R>(rows: R[], size: number) =>
  async (add: (page: R[]) => void) => {
    for (let i = 0; i < rows.length; i += size) add(rows.slice(i, i + size));
    return rows.length;
  };

describe('file builds in a worker thread', () => {
  it('streams pages of ledger rows to the thread and gets back the same workbook as a build on this thread', { timeout: 60_000 }, async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(i + 1));
    const meta: LedgerMeta = { asOf: '2026-11-20', filterLabel: '全部事项', total: 2600 };
    const built = await buildSheetInThread(LEDGER_SHEET, pages(rows, 1000), meta);
    expect(built.count).toBe(2500);
    expect(built.threadId).not.toBe(threadId);
    expect(built.threadId).toBeGreaterThan(0);
    const here = await sheetXlsx(LEDGER_SHEET, meta, rows);
    expect(await cells(built.bytes, LEDGER_SHEET_NAME)).toEqual(await cells(here, LEDGER_SHEET_NAME));
  });

  it('builds any declared sheet, not only the ledger: its columns, formats, fills and footer', async () => {
    const rows = [
      { unit: '西河镇', score: 12.5, adopted: '省级采用 1 篇' },
      { unit: '县水利局', score: 0 },
      { unit: '县住建局', score: 4 },
    ];
    const built = await buildSheetInThread(SCORE_SHEET, pages(rows, 2), { period: '2026年11月' });
    expect(built.threadId).not.toBe(threadId);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(built.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('信息得分')!;
    expect(sheet.getCell('A1').value).toBe('政务信息得分表（2026年11月）');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '单位', '得分', '采用情况']);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([1, '西河镇', 12.5, '省级采用 1 篇']);
    expect(sheet.getCell('D4').value).toBeNull();
    expect(sheet.getCell('C3').numFmt).toBe('0.0');
    expect(sheet.getCell('C3').font?.bold).toBe(true);
    expect(sheet.getCell('C5').font?.bold).toBeUndefined();
    expect((sheet.getCell('B4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFEEEEEE');
    expect((sheet.getCell('B3').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    expect(sheet.getColumn(2).width).toBe(16);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // A literal & is doubled in Excel's footer codes, so it prints as itself.
    expect(sheet.headerFooter.oddFooter).toBe('&L统计周期：2026年11月 && 说明&R第 &P 页，共 &N 页');
    expect(sheet.rowCount).toBe(5);
  });

  it('refuses a sheet the thread cannot find under its declared name, as a FileBuildError', async () => {
    await expect(buildSheetInThread(MISNAMED_SHEET, pages([{ unit: '西河镇', score: 1 }], 1), { period: '2026年11月' })).rejects.toThrow(FileBuildError);
    await expect(buildSheetInThread(MISNAMED_SHEET, pages([], 1), { period: '2026年11月' })).rejects.toThrow('no sheet exported as NO_SUCH_EXPORT');
  });

  it('passes on an error of the row reader as is, and stops the thread', async () => {
    const failing = async () => {
      throw new Error('database gone');
    };
    await expect(buildSheetInThread(LEDGER_SHEET, failing, { asOf: '2026-11-20', filterLabel: '全部事项', total: 1 })).rejects.toThrow('database gone');
    const next = await buildSheetInThread(LEDGER_SHEET, pages([row(1)], 1), { asOf: '2026-11-20', filterLabel: '全部事项', total: 1 });
    expect(next.bytes.length).toBeGreaterThan(1000);
  });

  it('reports a builder failure as a FileBuildError; an aborted build frees the turn for the next one', async () => {
    const entry = new URL('../../src/platform/export/sheet-build.ts', import.meta.url);
    const args = { module: LEDGER_SHEET.module, exportName: LEDGER_SHEET.exportName };
    const failing = startThreadBuild<LedgerRow[], LedgerMeta>(entry, { args });
    failing.add([row(1)]);
    // No meta: the sheet cannot be written without its title's date, and the builder throws.
    await expect(failing.finish(null as unknown as LedgerMeta)).rejects.toThrow(FileBuildError);

    const aborted = startThreadBuild<LedgerRow[], LedgerMeta>(entry, { args });
    aborted.add([row(1)]);
    aborted.abort();
    await expect(aborted.finish({ asOf: '2026-11-20', filterLabel: '全部事项', total: 1 })).rejects.toThrow('aborted');

    const next = startThreadBuild<LedgerRow[], LedgerMeta>(entry, { args });
    next.add([row(1)]);
    expect((await next.finish({ asOf: '2026-11-20', filterLabel: '全部事项', total: 1 })).bytes.length).toBeGreaterThan(1000);
  });
});
