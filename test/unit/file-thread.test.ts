import ExcelJS from 'exceljs';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LEDGER_BUILDER, type LedgerFinal } from '../../src/features/supervision/export-worker.js';
import { ledgerXlsx, LEDGER_SHEET_NAME, type LedgerRow } from '../../src/features/supervision/presenters/ledger-sheet.js';
import { FileBuildError, startThreadBuild } from '../../src/platform/file-thread.js';

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
async function cells(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
  const out: unknown[] = [sheet.views, sheet.autoFilter, sheet.headerFooter.oddFooter, sheet.columns.map((c) => c.width)];
  sheet.eachRow({ includeEmpty: true }, (r) => r.eachCell({ includeEmpty: true }, (c) => out.push([c.address, c.value, c.numFmt, c.fill, c.font, c.border, c.isMerged])));
  return out;
}

describe('file builds in a worker thread', () => {
  it('streams pages of rows to the thread and gets back the same ledger workbook as a build on this thread', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(i + 1));
    const final: LedgerFinal = { asOf: '2026-11-20', filterLabel: '全部事项', total: 2600 };
    const build = startThreadBuild<LedgerRow[], LedgerFinal>(LEDGER_BUILDER);
    for (let i = 0; i < rows.length; i += 1000) build.add(rows.slice(i, i + 1000));
    const built = await build.finish(final);
    expect(built.threadId).not.toBe(threadId);
    expect(built.threadId).toBeGreaterThan(0);
    const here = await ledgerXlsx({ ...final, rows });
    expect(await cells(built.bytes)).toEqual(await cells(here));
  });

  it('reports a builder failure as a FileBuildError; an aborted build frees the turn for the next one', async () => {
    const failing = startThreadBuild<LedgerRow[], LedgerFinal>(LEDGER_BUILDER);
    failing.add([row(1)]);
    // No final part: the sheet cannot be written without its filter label, and the builder throws.
    await expect(failing.finish(null as unknown as LedgerFinal)).rejects.toThrow(FileBuildError);

    const aborted = startThreadBuild<LedgerRow[], LedgerFinal>(LEDGER_BUILDER);
    aborted.add([row(1)]);
    aborted.abort();
    await expect(aborted.finish({ asOf: '2026-11-20', filterLabel: '全部事项', total: 1 })).rejects.toThrow('aborted');

    const next = startThreadBuild<LedgerRow[], LedgerFinal>(LEDGER_BUILDER);
    next.add([row(1)]);
    expect((await next.finish({ asOf: '2026-11-20', filterLabel: '全部事项', total: 1 })).bytes.length).toBeGreaterThan(1000);
  });
});
