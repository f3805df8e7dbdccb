import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetXlsx } from '../../../platform/export/sheet.js';
import { LEDGER_HEADERS, LEDGER_SHEET, LEDGER_SHEET_NAME, type LedgerRow } from './ledger-sheet.js';

const row = (o: Partial<LedgerRow> = {}): LedgerRow => ({
  number: '督〔2026〕1号',
  content: '推进城南片区老旧小区雨污分流改造',
  standard: '9月底前完成管网铺设',
  sourceType: 'instruction',
  sourceRef: '县长批示〔2026〕12号',
  unitName: '县住建局',
  personName: '刘联络',
  leaderName: '李副县长',
  deadline: '2026-09-30',
  status: 'in_progress',
  progressPercent: 50,
  lastProgress: '50%，完成管网设计招标',
  overdueDays: 0,
  createdOn: '2026-09-24',
  ...o,
});

/** Written and read back as a person's Excel would: the bytes, not the in-memory workbook. */
async function readBack(rows: LedgerRow[], total = rows.length) {
  const bytes = await sheetXlsx(LEDGER_SHEET, { asOf: '2026-10-12', filterLabel: '全部事项', total }, rows);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
  const values = (n: number) => (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);
  return { sheet, values };
}

describe('督办台账 sheet', () => {
  it('has the title, the standard 台账 columns in order, bold and frozen', async () => {
    const { sheet, values } = await readBack([row()]);
    expect(sheet.getCell('A1').value).toBe('督查督办事项台账（截至 2026-10-12）');
    expect(values(2)).toEqual([
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
    ]);
    expect(values(2)).toEqual(LEDGER_HEADERS);
    expect(sheet.getCell('C2').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(30);
    expect(sheet.getCell('C3').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('R3').border?.right?.style).toBe('thin');
  });

  it('writes one item per row with labels, not codes', async () => {
    const closed = { number: '督〔2026〕2号', status: 'closed' as const, progressPercent: 80, result: '管网铺设完成，已通过验收', closedOn: '2026-09-29' };
    const { sheet, values } = await readBack([row(), row(closed)]);
    expect(sheet.rowCount).toBe(4);
    expect(values(3)).toEqual([
      1,
      '督〔2026〕1号',
      '推进城南片区老旧小区雨污分流改造',
      '9月底前完成管网铺设',
      '领导批示',
      '县长批示〔2026〕12号',
      '县住建局',
      '刘联络',
      '李副县长',
      '2026-09-30',
      '办理中',
      0.5,
      '50%，完成管网设计招标',
      undefined,
      '否',
      undefined,
      '2026-09-24',
    ]);
    expect(sheet.getCell('L3').numFmt).toBe('0%');
    expect(values(4)[0]).toBe(2);
    expect(values(4)[10]).toBe('已办结');
    // Closed: the unit's 办理结果 is on record and the item reads as done (100%), whatever was last reported.
    expect(values(4)[11]).toBe(1);
    expect(values(4)[13]).toBe('管网铺设完成，已通过验收');
    expect(values(4)[17]).toBe('2026-09-29');
  });

  it('marks overdue items: 是, the working days, and the row shaded; a late closure stays on record', async () => {
    const { sheet } = await readBack([
      row({ overdueDays: 3 }),
      row({ number: '督〔2026〕2号', status: 'closed', overdueDays: 2, closedOn: '2026-10-09' }),
      row({ number: '督〔2026〕3号', status: 'cancelled', overdueDays: 0 }),
    ]);
    expect(sheet.getCell('O3').value).toBe('是');
    expect(sheet.getCell('P3').value).toBe(3);
    expect(sheet.getCell('O3').font?.color?.argb).toBe('FFC00000');
    expect((sheet.getCell('C3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFDE2E2');
    expect(sheet.getCell('O4').value).toBe('是（逾期办结）');
    expect(sheet.getCell('P4').value).toBe(2);
    expect(sheet.getCell('O5').value).toBe('—');
    expect((sheet.getCell('C5').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFDE2E2');
  });

  it('says so below the table when the export was capped', async () => {
    const { sheet } = await readBack([row(), row({ number: '督〔2026〕2号' })], 25_000);
    expect(sheet.getRow(5).values).toEqual([]);
    expect(String(sheet.getCell('A6').value)).toBe(
      '注：符合条件的事项共 25000 项，超出单次导出上限，本表仅列出按编号排序的前 2 项。请缩小筛选范围后分批导出。',
    );
  });
});
