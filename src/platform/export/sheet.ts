import ExcelJS from 'exceljs';

/**
 * A table sheet (.xlsx) from column definitions: the shape every office table shares — a title row,
 * a frozen bold header with a filter, thin borders, A4 landscape printing with the header repeated and
 * page numbers in the footer. A feature declares only its columns, its title and its wording
 * (`defineSheet`); the workbook is written here, usually in the file-build thread (sheet-build.ts).
 *
 * Definitions hold functions, which cannot cross into a worker thread: the thread imports the module
 * that declared the sheet and takes it by its export name, which `defineSheet` records.
 */

/** What a cell may hold. Empty strings and undefined are written as blank cells (Excel's blanks filter finds them). */
export type CellScalar = string | number | boolean | Date | null | undefined;

export interface CellFont {
  bold?: boolean;
  /** RRGGBB, e.g. C00000 for the office's dark red. */
  color?: string;
}

export interface SheetColumn<R> {
  header: string;
  /** Excel column width, in characters of the default font. */
  width: number;
  /** The cell of `row`; `index` is the row's 1-based position in the table (a 序号 column). */
  value: (row: R, index: number) => CellScalar;
  /** Excel number format, e.g. `0%`. */
  numFmt?: string;
  /** Short values (dates, states, figures) read better centred; text stays left. */
  align?: 'center';
  font?: (row: R) => CellFont | undefined;
}

export interface SheetSpec<R, M> {
  /** The worksheet's tab name. */
  sheetName: string;
  /** The merged title row above the header. */
  title: (meta: M) => string;
  columns: readonly SheetColumn<R>[];
  /** A row's background (RRGGBB), e.g. pale red for a late item; undefined: none. */
  rowFill?: (row: R) => string | undefined;
  /** Lines below the table, after a blank row, so that sorting or filtering in Excel leaves them out. */
  notes?: (meta: M, rows: number) => string[];
  /** The left half of the printed footer; the right half is always 第 N 页，共 M 页. */
  footer?: (meta: M, rows: number) => string;
  /**
   * More worksheets after this one, from the meta (e.g. a per-writer table beside the per-unit one): each
   * made with `extraSheet`. Their rows travel in the meta, so keep them small.
   */
  extraSheets?: (meta: M) => readonly ExtraSheet[];
}

/** A further worksheet of a workbook (its spec, meta and rows bound together). */
export interface ExtraSheet {
  addTo(workbook: ExcelJS.Workbook): void;
}

/** A worksheet to add after the main one (see SheetSpec.extraSheets). */
export function extraSheet<R, M>(spec: SheetSpec<R, M>, meta: M, rows: readonly R[]): ExtraSheet {
  return { addTo: (workbook) => addTableSheet(workbook, spec, meta, rows) };
}

/** A sheet a feature declared, with where the file-build thread finds it again. */
export interface SheetDefinition<R, M> extends SheetSpec<R, M> {
  readonly module: string;
  readonly exportName: string;
}

/**
 * Declares a sheet. `module` is the declaring module's `import.meta.url` and `exportName` the name it is
 * exported under: the file-build thread imports it from there (checked there, so a wrong name fails the
 * build with a clear error rather than building something else).
 */
export function defineSheet<R, M>(module: string, exportName: string, spec: SheetSpec<R, M>): SheetDefinition<R, M> {
  return { ...spec, module, exportName };
}

/** The title row, the header row: data starts below them. */
export const SHEET_HEADER_ROW = 2;

const HEADER_FILL = 'D9E1F2';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;
const solid = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(rgb) } });
const blankIfEmpty = (v: CellScalar): ExcelJS.CellValue => (v === undefined || v === '' ? null : v);
/** `&` starts a code in Excel's header/footer language: a literal one is doubled. */
const footerText = (s: string) => s.replace(/&/g, '&&');

export function buildSheetWorkbook<R, M>(spec: SheetSpec<R, M>, meta: M, rows: readonly R[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '三办助手';
  addTableSheet(workbook, spec, meta, rows);
  for (const extra of spec.extraSheets?.(meta) ?? []) extra.addTo(workbook);
  return workbook;
}

function addTableSheet<R, M>(workbook: ExcelJS.Workbook, spec: SheetSpec<R, M>, meta: M, rows: readonly R[]): void {
  const sheet = workbook.addWorksheet(spec.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: SHEET_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${SHEET_HEADER_ROW}` },
  });
  const columns = spec.columns;
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;

  const title = sheet.getRow(1);
  title.getCell(1).value = spec.title(meta);
  sheet.mergeCells(1, 1, 1, last);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;

  const header = sheet.getRow(SHEET_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  sheet.autoFilter = { from: { row: SHEET_HEADER_ROW, column: 1 }, to: { row: SHEET_HEADER_ROW, column: last } };

  rows.forEach((r, i) => {
    const row = sheet.addRow(columns.map((c) => blankIfEmpty(c.value(r, i + 1))));
    const fill = spec.rowFill?.(r);
    columns.forEach((c, k) => {
      const cell = row.getCell(k + 1); // every column, including trailing empty ones
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true, ...(c.align ? { horizontal: c.align } : {}) };
      if (fill) cell.fill = solid(fill);
      if (c.numFmt) cell.numFmt = c.numFmt;
      const font = c.font?.(r);
      if (font) cell.font = { ...(font.bold ? { bold: true } : {}), ...(font.color ? { color: { argb: argb(font.color) } } : {}) };
    });
  });

  const notes = spec.notes?.(meta, rows.length) ?? [];
  if (notes.length) sheet.addRow([]);
  for (const text of notes) {
    const note = sheet.addRow([text]);
    sheet.mergeCells(note.number, 1, note.number, last);
    note.font = { bold: true, color: { argb: argb('C00000') } };
  }
  const left = spec.footer ? `&L${footerText(spec.footer(meta, rows.length))}` : '';
  sheet.headerFooter.oddFooter = `${left}&R第 &P 页，共 &N 页`;
}

/** The sheet as .xlsx bytes (on the calling thread: use sheet-build.ts for anything large). */
export async function sheetXlsx<R, M>(spec: SheetSpec<R, M>, meta: M, rows: readonly R[]): Promise<Buffer> {
  return Buffer.from(await buildSheetWorkbook(spec, meta, rows).xlsx.writeBuffer());
}
