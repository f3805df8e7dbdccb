import { addDays, isValidIsoDate, type IsoDate } from '../time.js';
import type { DayKind } from './work-calendar.js';

/**
 * Reads an admin's holiday-schedule file (CSV or JSON) into override rows. Each bad row is reported with
 * its row number and a Chinese reason; the good rows are still returned, so one typo does not block a
 * whole year. Pure: the caller reads the file.
 *
 * CSV: a header row naming the columns 日期/date, 类型/kind, 名称/name (any order; without a header the
 * order is 日期,类型,名称); lines starting with # are comments. Row numbers are file line numbers, as
 * Excel shows them. JSON: an array of objects (or { "days": [...] }) with the same keys; rows are 1-based.
 * 日期 may be a range (2027-02-06~2027-02-12 or …至…) for a run of days off.
 */
export interface CalendarDayRow {
  date: IsoDate;
  kind: DayKind;
  name: string;
}

export interface RowError {
  row: number;
  message: string;
}

export interface ParsedCalendarFile {
  rows: CalendarDayRow[];
  errors: RowError[];
}

const KINDS: Record<string, DayKind> = {
  节假日: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  holiday: 'holiday',
  调休上班: 'workday',
  上班: 'workday',
  补班: 'workday',
  班: 'workday',
  workday: 'workday',
};
const COLUMNS: Record<string, keyof CalendarDayRow> = {
  日期: 'date',
  date: 'date',
  类型: 'kind',
  kind: 'kind',
  名称: 'name',
  节日: 'name',
  name: 'name',
};
const MAX_NAME = 50;
const MAX_RANGE_DAYS = 31;

export function parseCalendarFile(text: string, format: 'csv' | 'json'): ParsedCalendarFile {
  const body = text.replace(/^\uFEFF/, ''); // Excel writes UTF-8 CSV with a byte-order mark
  return format === 'json' ? parseJson(body) : parseCsv(body);
}

/** The format from a file name: `.json` is JSON, anything else is read as CSV. */
export function formatOf(fileName: string): 'csv' | 'json' {
  return /\.json$/i.test(fileName) ? 'json' : 'csv';
}

type RawRow = { row: number; values: Partial<Record<keyof CalendarDayRow, string>> };

function parseCsv(text: string): ParsedCalendarFile {
  const raw: RawRow[] = [];
  const errors: RowError[] = [];
  let columns: (keyof CalendarDayRow | undefined)[] | undefined;
  text.split(/\r?\n|\r/).forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const cells = splitCsvLine(line).map((c) => c.trim());
    if (!columns) {
      const named = cells.map((c) => COLUMNS[c.toLowerCase()]);
      if (named.includes('date')) {
        columns = named;
        return;
      }
      columns = ['date', 'kind', 'name'];
    }
    const values: RawRow['values'] = {};
    cells.forEach((cell, j) => {
      const key = columns![j];
      if (key && cell !== '') values[key] = cell;
    });
    if (Object.keys(values).length === 0) return; // a row of empty cells, as Excel leaves behind
    raw.push({ row, values });
  });
  return validate(raw, errors, '行');
}

/** One CSV record on one line; "quoted, fields" with "" for a quote, as Excel writes them. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '，') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function parseJson(text: string): ParsedCalendarFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { rows: [], errors: [{ row: 0, message: `文件不是有效的 JSON：${(err as Error).message}` }] };
  }
  const list = Array.isArray(data) ? data : (data as { days?: unknown } | null)?.days;
  if (!Array.isArray(list)) {
    return { rows: [], errors: [{ row: 0, message: 'JSON 文件应为数组，或形如 {"days": [...]} 的对象。' }] };
  }
  const raw: RawRow[] = [];
  const errors: RowError[] = [];
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row: i + 1, message: '应为包含 日期、类型、名称 的对象。' });
      return;
    }
    const values: RawRow['values'] = {};
    for (const [k, v] of Object.entries(item)) {
      const key = COLUMNS[k.toLowerCase()];
      if (key && v !== null && v !== undefined && String(v).trim() !== '') values[key] = String(v).trim();
    }
    raw.push({ row: i + 1, values });
  });
  return validate(raw, errors, '条');
}

function validate(raw: RawRow[], errors: RowError[], unit: '行' | '条'): ParsedCalendarFile {
  const rows: CalendarDayRow[] = [];
  const seen = new Map<IsoDate, number>();
  for (const { row, values } of raw) {
    const fail = (message: string) => errors.push({ row, message });
    if (!values.date) {
      fail('缺少日期。');
      continue;
    }
    const dates = expandDates(values.date);
    if (typeof dates === 'string') {
      fail(dates);
      continue;
    }
    const kind = values.kind ? KINDS[values.kind.toLowerCase()] : undefined;
    if (!kind) {
      fail(values.kind ? `类型「${values.kind}」无法识别，应为“节假日”或“调休上班”。` : '缺少类型（节假日 或 调休上班）。');
      continue;
    }
    const name = values.name ?? '';
    if (name.length > MAX_NAME) {
      fail(`名称过长（不超过 ${MAX_NAME} 个字）。`);
      continue;
    }
    const repeated = dates.find((d) => seen.has(d));
    if (repeated) {
      fail(`日期 ${repeated} 与第 ${seen.get(repeated)} ${unit}重复。`);
      continue;
    }
    for (const date of dates) {
      seen.set(date, row);
      rows.push({ date, kind, name });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

/** `2027-02-06`, `2027/2/6`, or a range `A~B` / `A至B` → dates; a Chinese reason when it is not one. */
function expandDates(text: string): IsoDate[] | string {
  const ends = text.split(/\s*(?:~|～|至)\s*/);
  if (ends.length > 2) return `日期「${text}」格式不正确。`;
  const dates = ends.map(normalizeDate);
  const bad = ends.find((_, i) => dates[i] === undefined);
  if (bad !== undefined) return `日期「${bad}」不是有效日期，应为 YYYY-MM-DD，如 2027-01-01。`;
  const [first, last = first] = dates as IsoDate[];
  if (last! < first!) return `日期范围「${text}」的结束日期早于开始日期。`;
  const out: IsoDate[] = [];
  for (let d = first!; d <= last!; d = addDays(d, 1)) {
    if (out.length >= MAX_RANGE_DAYS) return `日期范围「${text}」超过 ${MAX_RANGE_DAYS} 天，请核对。`;
    out.push(d);
  }
  return out;
}

/** Excel often turns 2027-01-01 into 2027/1/1; accept that and single-digit months and days. */
function normalizeDate(text: string): IsoDate | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : undefined;
}
