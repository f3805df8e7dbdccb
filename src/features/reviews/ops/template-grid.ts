import ExcelJS from 'exceljs';
import { badInput, BotError } from '../../../errors.js';

/** The cells of an imported .xlsx (first sheet with data) or .csv (UTF-8, with or without BOM; GB18030 too). */
export interface GridRow {
  rowNumber: number;
  cells: string[];
}

const MAX_BYTES = 1024 * 1024;

export async function readGrid(bytes: Uint8Array, fileName: string): Promise<GridRow[]> {
  if (bytes.byteLength > MAX_BYTES) throw badInput('审核流程文件超过 1 MB，请检查是否发错了文件。');
  if (/\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return readXlsx(bytes);
  return parseCsv(decode(bytes));
}

function decode(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\ufeff/, '');
  // Excel on Chinese Windows saves CSV as GB18030: many replacement characters mean it was not UTF-8.
  if ((utf8.match(/\ufffd/g) ?? []).length > 2) return new TextDecoder('gb18030').decode(bytes);
  return utf8;
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); a tab- or semicolon-separated file works too. */
export function parseCsv(text: string): GridRow[] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = [',', '\t', ';', '，'].map((s) => [s, first.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: GridRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell.trim());
      rows.push({ rowNumber: line++, cells });
      cells = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || cells.length) rows.push({ rowNumber: line, cells: [...cells, cell.trim()] });
  return rows.filter((r) => r.cells.some((c) => c !== ''));
}

async function readXlsx(bytes: Uint8Array): Promise<GridRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new BotError('bad_input', '无法读取该 Excel 文件：文件可能已损坏，或并非 .xlsx 格式。', { cause: err });
  }
  for (const sheet of workbook.worksheets) {
    const rows: GridRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value as unknown;
        cells[col - 1] =
          typeof v === 'string' || typeof v === 'number'
            ? String(v).trim()
            : v && typeof v === 'object' && 'richText' in v
              ? (v as { richText: { text: string }[] }).richText
                  .map((r) => r.text)
                  .join('')
                  .trim()
              : '';
      });
      rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    if (rows.length) return rows;
  }
  return [];
}
