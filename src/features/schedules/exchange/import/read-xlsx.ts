import ExcelJS from 'exceljs';
import { badInput, BotError } from '../../../../errors.js';
import type { Grid } from '../domain/table.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** A weekly table file by its name: .xlsx whose name says it is a schedule (a 人员名册 goes to the directory import). */
export function isScheduleFileName(name: string): boolean {
  return /\.xlsx$/i.test(name.trim()) && /日程|工作安排|行程/.test(name);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person sees; Excel dates and times as 2026-12-07 and 09:30. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) {
    // exceljs gives dates at UTC midnight and times of day on 1899-12-30 (Excel's day zero).
    if (value.getUTCFullYear() <= 1900) return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (v.text !== undefined) return cellText(v.text);
    if ('result' in v) return cellText(v.result);
  }
  return '';
}

/** The first worksheet of a .xlsx file as a grid (merged title cells read once, in their first cell). */
export async function readXlsxGrid(bytes: Uint8Array): Promise<Grid> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw badInput('文件超过 5 MB。一周日程表通常很小，请确认发送的是领导一周工作安排表。');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new BotError('bad_input', '无法读取该 Excel 文件：文件可能已损坏，或并非 .xlsx 格式（.xls 请在 Excel 中另存为 .xlsx）。', { cause: err });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('该 Excel 文件中没有工作表。');
  const rows: Grid['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // A merged cell repeats its master's value in every cell it covers: keep it once.
      cells[col - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell.value);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { rows };
}
