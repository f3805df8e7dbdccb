import ExcelJS from 'exceljs';
import { badInput, BotError } from '../../../errors.js';
import { columnFor, COLUMNS, type ColumnKey } from './columns.js';
import { decodeText, guessDelimiter, parseCsv } from './csv.js';

/** One data row as read: its row number in the sheet, and the cells of the columns the file has. */
export interface RawRow {
  rowNumber: number;
  /** A key is present exactly when the file has that column (the value may be ''). */
  values: Partial<Record<ColumnKey, string>>;
}

export interface Table {
  rows: RawRow[];
  /** Headers that match no known column (reported, not fatal). */
  ignoredHeaders: string[];
}

interface Grid {
  rows: { rowNumber: number; cells: string[] }[];
}

const HEADER_SEARCH_ROWS = 10;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function isSupportedFileName(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name.trim());
}

/** Reads a .xlsx or .csv directory file. Throws BotError('bad_input') when it cannot be read at all. */
export async function readDirectoryFile(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (bytes.byteLength > MAX_FILE_BYTES) throw badInput('文件超过 10 MB，请拆分后分批导入。');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xls$/i.test(fileName)) throw badInput('暂不支持 .xls 格式，请在 Excel 中另存为 .xlsx 或 .csv 后再导入。');
  const grids = isZip || /\.xlsx$/i.test(fileName) ? await readXlsx(bytes) : [readCsv(bytes)];
  for (const grid of grids) {
    const table = toTable(grid);
    if (table) return table;
  }
  throw badInput(`未找到表头「${COLUMNS.name.header}」：请确认第一行是列名（姓名、单位、职务、手机……），参见使用说明“人员名册导入”。`);
}

function readCsv(bytes: Uint8Array): Grid {
  const text = decodeText(bytes);
  return { rows: parseCsv(text, guessDelimiter(text)).map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) })) };
}

async function readXlsx(bytes: Uint8Array): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new BotError('bad_input', '无法读取该 Excel 文件：文件可能已损坏，或并非 .xlsx 格式。', { cause: err });
  }
  return workbook.worksheets.map((sheet) => {
    const rows: Grid['rows'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    return { rows };
  });
}

/** An exceljs cell value as the text a person sees in the cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; hyperlink?: string };
    if (Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (v.text !== undefined) return cellText(v.text);
    if ('result' in v) return cellText(v.result);
    if (v.hyperlink) return v.hyperlink.replace(/^mailto:/i, '').trim();
  }
  return '';
}

function toTable(grid: Grid): Table | undefined {
  const headerAt = grid.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells.some((c) => columnFor(c) === 'name'));
  if (headerAt < 0) return undefined;
  const header = grid.rows[headerAt]!;
  const columns = new Map<number, ColumnKey>();
  const ignoredHeaders: string[] = [];
  header.cells.forEach((text, index) => {
    const key = columnFor(text);
    // The first column of a kind wins; a repeated header is ignored like an unknown one.
    if (key && ![...columns.values()].includes(key)) columns.set(index, key);
    else if (text) ignoredHeaders.push(text);
  });
  const rows: RawRow[] = [];
  for (const r of grid.rows.slice(headerAt + 1)) {
    if (r.cells.every((c) => c === '')) continue;
    const values: RawRow['values'] = {};
    for (const [index, key] of columns) values[key] = r.cells[index] ?? '';
    rows.push({ rowNumber: r.rowNumber, values });
  }
  return { rows, ignoredHeaders };
}
