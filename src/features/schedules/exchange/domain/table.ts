import { columnOf, COLUMN_LIST, fold, IMPORT_COLUMN_ORDER, IMPORT_COLUMNS, REQUIRED_LIST, type ImportColumn } from './columns.js';

/** Cells as read from a sheet or a pasted table, with the row numbers a person sees. */
export interface Grid {
  rows: { rowNumber: number; cells: string[] }[];
}

export interface RawImportRow {
  rowNumber: number;
  values: Partial<Record<ImportColumn, string>>;
}

/** Something wrong with the table: which row (0 for the table as a whole) and which field. */
export interface ImportProblem {
  row: number;
  field?: string;
  message: string;
}

export type TableRead = { ok: true; headerRow: number; rows: RawImportRow[] } | { ok: false; problems: ImportProblem[] };

const HEADER_SEARCH_ROWS = 5;
export const MAX_IMPORT_ROWS = 300;

/**
 * Finds the header row (within the first five: a title row usually sits above it), maps each header to
 * a column and reads the data rows below. Missing required columns and unknown headers are refused
 * with their names, before any row is read: a shifted column would otherwise fill the wrong field.
 */
export function readTable(grid: Grid): TableRead {
  const headerAt = grid.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => {
    const keys = r.cells.map(columnOf);
    return keys.includes('date') || keys.includes('leader') || keys.includes('activity');
  });
  if (headerAt < 0) {
    return { ok: false, problems: [{ row: 0, message: `未找到表头：第一行（或标题下一行）应为列名：${COLUMN_LIST}。可发送「日程 导入 模板」获取模板。` }] };
  }
  const header = grid.rows[headerAt]!;
  const columns = new Map<number, ImportColumn>();
  const problems: ImportProblem[] = [];
  header.cells.forEach((text, index) => {
    const key = columnOf(text);
    if (key === 'ignored') return;
    if (!key)
      problems.push({ row: header.rowNumber, field: text, message: `第${header.rowNumber}行表头「${text.trim()}」不是本表的列。可用的列：${COLUMN_LIST}。` });
    else if ([...columns.values()].includes(key))
      problems.push({ row: header.rowNumber, field: text, message: `第${header.rowNumber}行表头「${IMPORT_COLUMNS[key].header}」出现了两次。` });
    else columns.set(index, key);
  });
  const present = new Set(columns.values());
  const missing = IMPORT_COLUMN_ORDER.filter((k) => IMPORT_COLUMNS[k].required && !present.has(k)).map((k) => `「${IMPORT_COLUMNS[k].header}」`);
  if (missing.length) problems.unshift({ row: header.rowNumber, message: `表头缺少必填列${missing.join('')}（必填列：${REQUIRED_LIST}）。` });
  if (problems.length) return { ok: false, problems };

  const rows: RawImportRow[] = [];
  for (const r of grid.rows.slice(headerAt + 1)) {
    if (r.cells.every((c) => fold(c) === '')) continue;
    const values: RawImportRow['values'] = {};
    for (const [index, key] of columns) values[key] = (r.cells[index] ?? '').trim();
    rows.push({ rowNumber: r.rowNumber, values });
  }
  if (!rows.length) return { ok: false, problems: [{ row: 0, message: '表中没有日程：表头下方未填写任何一行。' }] };
  if (rows.length > MAX_IMPORT_ROWS)
    return { ok: false, problems: [{ row: 0, message: `一次最多导入 ${MAX_IMPORT_ROWS} 条日程（本表 ${rows.length} 条），请分周导入。` }] };
  return { ok: true, headerRow: header.rowNumber, rows };
}

/**
 * A table pasted into the chat: copied from Excel or Word, cells are separated by tabs; typed by hand,
 * by `|` or two or more spaces. Line 1 is the first line after the command.
 */
export function gridFromPaste(text: string): Grid {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const rows: Grid['rows'] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const separator = line.includes('\t') ? /\t/ : /[|｜]/.test(line) ? /[|｜]/ : /\s{2,}|\u3000+/;
    let cells = line.split(separator).map((c) => c.trim());
    // `| a | b |`: the outer bars leave empty cells at both ends.
    if (separator.source.includes('|') && cells[0] === '' && cells[cells.length - 1] === '') cells = cells.slice(1, -1);
    rows.push({ rowNumber: i + 1, cells });
  });
  return { rows };
}

/** `第3行「时间」：…` — problems as one message, at most `limit` of them. */
export function formatProblems(problems: readonly ImportProblem[], limit = 10): string {
  const lines = problems.slice(0, limit).map((p) => `- ${p.message}`);
  if (problems.length > limit) lines.push(`- ……另有 ${problems.length - limit} 处问题未列出。`);
  return `导入未完成，未保存任何日程。请修改后重新导入：\n${lines.join('\n')}`;
}
