import { findConflicts } from '../../domain/conflicts.js';
import type { ConflictEntry } from './conflicts.js';

/**
 * One stable key per conflicting pair of an import (`place:row-3:<entryId>`), in the order importConflicts
 * lists them: what the card showed is kept with the proposal, so that at 确认导入 a conflict that arose
 * since (another entry saved meanwhile) is told apart from the ones the importer already saw.
 */
export function importConflictKeys(rows: readonly ConflictEntry[], saved: readonly ConflictEntry[]): string[] {
  return rows.flatMap((a, i) => findConflicts(a, [...rows.slice(i + 1), ...saved]).map((c) => `${c.kind}:${a.id}:${c.other.id}`));
}
