import type { FileBuilder } from '../../platform/file-thread.js';
import { ledgerXlsx, type LedgerRow, type LedgerSheetInput } from './presenters/ledger-sheet.js';

/** What the export sends once all pages of rows are in. */
export type LedgerFinal = Omit<LedgerSheetInput, 'rows'>;

/** The URL the export hands to startThreadBuild: this module, loaded in the file-build thread. */
export const LEDGER_BUILDER = new URL(import.meta.url);

/** Runs in the file-build thread (platform/file-thread.ts): collects the ledger's pages, then writes the workbook. */
export function createBuilder(): FileBuilder<LedgerRow[], LedgerFinal> {
  const rows: LedgerRow[] = [];
  return {
    add: (page) => {
      for (const row of page) rows.push(row);
    },
    finish: (final) => ledgerXlsx({ ...final, rows }),
  };
}
