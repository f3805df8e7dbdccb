import { officeDate } from '../../../../platform/phrases/index.js';
import { findConflicts as conflictsOf } from '../../domain/conflicts.js';
import type { EntryFields } from '../../domain/entry.js';
import { clockLabel } from './wording.js';

export type ConflictEntry = Pick<EntryFields, 'leaderId' | 'date' | 'dayPart' | 'startMinute' | 'endMinute' | 'place' | 'status' | 'activity'> & {
  id: string;
  /** 第3行 for an imported row, 已有日程 for a saved entry. */
  label: string;
};

/**
 * Conflicts of an import, by the 日程 domain's rule (same leader at overlapping times, or one place
 * booked twice): among the new rows and against saved entries, one line per pair naming both sides.
 */
export function importConflicts(rows: readonly ConflictEntry[], saved: readonly ConflictEntry[], leaderName: (id: string) => string, today: string): string[] {
  const describe = (e: ConflictEntry) => `${e.label}：${officeDate(e.date, today)} ${clockLabel(e)} ${leaderName(e.leaderId)} ${e.activity}`;
  return rows.flatMap((a, i) =>
    conflictsOf(a, [...rows.slice(i + 1), ...saved]).map((c) =>
      c.kind === 'leader'
        ? `${leaderName(a.leaderId)}时间冲突 — ${describe(a)}；${describe(c.other)}`
        : `「${a.place}」同时段重复使用 — ${describe(a)}；${describe(c.other)}`,
    ),
  );
}
