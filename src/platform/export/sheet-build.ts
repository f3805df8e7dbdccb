import { startThreadBuild, type BuiltFile, type FileBuilder, type ThreadBuildOptions } from '../file-thread.js';
import { sheetXlsx, type SheetDefinition, type SheetSpec } from './sheet.js';

/**
 * A declared sheet built in the file-build thread: the caller reads its rows a page at a time on the event
 * loop and hands each page over (no one large structured clone), then the meta; exceljs's seconds of CPU
 * for a large table are spent in the thread, so the event loop keeps acking Lark's events.
 */

interface SheetRef {
  module: string;
  exportName: string;
}

const isSheet = (v: unknown): v is SheetSpec<unknown, unknown> =>
  !!v && typeof v === 'object' && typeof (v as SheetSpec<unknown, unknown>).sheetName === 'string' && Array.isArray((v as SheetSpec<unknown, unknown>).columns);

/** Runs in the file-build thread: finds the declared sheet again, collects the pages, writes the workbook. */
export async function createBuilder(ref: SheetRef): Promise<FileBuilder<unknown[], unknown>> {
  const spec = ((await import(ref.module)) as Record<string, unknown>)[ref.exportName];
  if (!isSheet(spec)) throw new Error(`no sheet exported as ${ref.exportName} by ${ref.module}`);
  const rows: unknown[] = [];
  return {
    add: (page) => {
      for (const row of page) rows.push(row);
    },
    finish: (meta) => sheetXlsx(spec, meta, rows),
  };
}

const SHEET_BUILDER = new URL(import.meta.url);

export interface SheetBuilt extends BuiltFile {
  /** Rows written. */
  count: number;
}

/**
 * Builds `sheet` in the thread from the rows `read` hands over (`read` returns how many it handed over),
 * then `meta`. A failure of the build itself is a FileBuildError; an error of `read` is rethrown as is.
 * Either way the thread is stopped.
 */
export async function buildSheetInThread<R, M>(
  sheet: SheetDefinition<R, M>,
  read: (add: (page: R[]) => void) => Promise<number>,
  meta: M,
  options: Omit<ThreadBuildOptions, 'args'> = {},
): Promise<SheetBuilt> {
  const build = startThreadBuild<R[], M>(SHEET_BUILDER, { ...options, args: { module: sheet.module, exportName: sheet.exportName } satisfies SheetRef });
  try {
    const count = await read((page) => build.add(page));
    return { count, ...(await build.finish(meta)) };
  } catch (err) {
    build.abort();
    throw err;
  }
}
