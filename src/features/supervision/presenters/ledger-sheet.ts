import ExcelJS from 'exceljs';
import { STATUS_LABEL, type ItemStatus } from '../domain/states.js';
import { SOURCE_LABEL } from '../view.js';

/** One ledger (台账) line: names resolved, overdue derived. Pure data. */
export interface LedgerRow {
  number: string;
  content: string;
  standard: string;
  sourceType: string;
  sourceRef: string;
  unitName: string;
  personName?: string;
  leaderName?: string;
  deadline: string;
  status: ItemStatus;
  progressPercent: number;
  lastProgress?: string;
  /** Working days past the deadline: up to today while open, up to closure once closed late; else 0. */
  overdueDays: number;
  /** YYYY-MM-DD (Beijing). */
  createdOn: string;
  closedOn?: string;
}

export interface LedgerSheetInput {
  rows: readonly LedgerRow[];
  /** The date the figures are as of (Beijing). */
  asOf: string;
  /** What was selected, e.g. 全部事项. */
  filterLabel: string;
  /** Items matching the filter; more than rows.length when the export was capped. */
  total: number;
}

export const LEDGER_SHEET_NAME = '督办台账';
/** The title row, the header row: data starts below them. */
export const LEDGER_HEADER_ROW = 2;

const COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 6 },
  { header: '编号', width: 16 },
  { header: '工作内容', width: 40 },
  { header: '工作标准', width: 30 },
  { header: '事项来源', width: 13 },
  { header: '来源文号', width: 18 },
  { header: '承办单位', width: 16 },
  { header: '责任人', width: 10 },
  { header: '负责领导', width: 10 },
  { header: '完成时限', width: 12 },
  { header: '办理状态', width: 10 },
  { header: '完成进度', width: 10 },
  { header: '最新进展', width: 36 },
  { header: '是否超期', width: 10 },
  { header: '超期工作日', width: 11 },
  { header: '立项日期', width: 12 },
  { header: '办结日期', width: 12 },
];

export const LEDGER_HEADERS = COLUMNS.map((c) => c.header);

const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** 是 while open and past the deadline; a late closure stays on record; cancelled items are not judged. */
function overdueMark(r: LedgerRow): string {
  if (r.status === 'cancelled') return '—';
  if (r.overdueDays <= 0) return '否';
  return r.status === 'closed' ? '是（逾期办结）' : '是';
}

/** Empty cells stay empty (not an empty string), so Excel's blanks filter finds them. */
const text = (s: string | undefined): string | null => (s ? s : null);

function cells(r: LedgerRow, index: number): ExcelJS.CellValue[] {
  return [
    index,
    r.number,
    r.content,
    text(r.standard),
    SOURCE_LABEL[r.sourceType] ?? r.sourceType,
    text(r.sourceRef),
    r.unitName,
    text(r.personName),
    text(r.leaderName),
    r.deadline,
    STATUS_LABEL[r.status],
    r.progressPercent / 100,
    text(r.lastProgress),
    overdueMark(r),
    r.overdueDays > 0 ? r.overdueDays : null,
    r.createdOn,
    text(r.closedOn),
  ];
}

export function cappedNote(total: number, shown: number): string {
  return `注：符合条件的事项共 ${total} 项，超出单次导出上限，本表仅列出按编号排序的前 ${shown} 项。请缩小筛选范围后分批导出。`;
}

/** The 督办台账 workbook: a title row, a frozen bold header, one row per item in the order given. */
export function buildLedgerWorkbook(input: LedgerSheetInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '三办助手';
  const sheet = workbook.addWorksheet(LEDGER_SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: LEDGER_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${LEDGER_HEADER_ROW}` },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = COLUMNS.length;

  const title = sheet.getRow(1);
  title.getCell(1).value = `督查督办事项台账（截至 ${input.asOf}）`;
  sheet.mergeCells(1, 1, 1, last);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;

  const header = sheet.getRow(LEDGER_HEADER_ROW);
  header.values = LEDGER_HEADERS;
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  sheet.autoFilter = { from: { row: LEDGER_HEADER_ROW, column: 1 }, to: { row: LEDGER_HEADER_ROW, column: last } };

  input.rows.forEach((r, i) => {
    const row = sheet.addRow(cells(r, i + 1));
    const overdue = r.overdueDays > 0 && r.status !== 'cancelled';
    for (let col = 1; col <= last; col++) {
      const cell = row.getCell(col); // every column, including trailing empty ones
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true, ...(col === 1 || col >= 10 ? { horizontal: 'center' } : {}) };
      if (overdue) cell.fill = OVERDUE_FILL;
    }
    row.getCell(12).numFmt = '0%';
    if (overdue) row.getCell(14).font = { bold: true, color: { argb: 'FFC00000' } };
  });

  if (input.total > input.rows.length) {
    // After a blank row, so that sorting or filtering the table in Excel leaves the note out.
    sheet.addRow([]);
    const note = sheet.addRow([cappedNote(input.total, input.rows.length)]);
    sheet.mergeCells(note.number, 1, note.number, last);
    note.font = { bold: true, color: { argb: 'FFC00000' } };
  }
  sheet.headerFooter.oddFooter = `&L筛选条件：${input.filterLabel.replace(/&/g, '&&')}　共 ${input.rows.length} 项&R第 &P 页，共 &N 页`;
  return workbook;
}

export async function ledgerXlsx(input: LedgerSheetInput): Promise<Buffer> {
  return Buffer.from(await buildLedgerWorkbook(input).xlsx.writeBuffer());
}
