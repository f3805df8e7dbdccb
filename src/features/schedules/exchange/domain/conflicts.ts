import { officeDate } from '../../../../platform/phrases/index.js';
import { findConflicts as conflictsOf } from '../../domain/conflicts.js';
import type { EntryFields } from '../../domain/entry.js';
import { visibleEntry, type Audience } from '../../domain/visibility.js';
import { clockLabel } from './wording.js';

export type ConflictEntry = Pick<
  EntryFields,
  'leaderId' | 'date' | 'dayPart' | 'startMinute' | 'endMinute' | 'place' | 'status' | 'activity' | 'accompany' | 'attendees' | 'visibility'
> & {
  id: string;
  /** 第3行 for an imported row, 已有日程 for a saved entry. */
  label: string;
};

/** What a reader who may not see a saved entry is told of it: only that the leader or the room is taken. */
export const HIDDEN_ACTIVITY = '另有安排';

/**
 * Conflicts of an import, by the 日程 domain's rule (same leader at overlapping times, or one place
 * booked twice): among the new rows and against saved entries, one line per pair naming both sides.
 * The rows are shown as the importer wrote them; a saved entry as whoever reads the card may see it
 * (`reader` per leader: 不公开 as 公务活动, 内部 only to internal readers, else 另有安排).
 */
export function importConflicts(
  rows: readonly ConflictEntry[],
  saved: readonly ConflictEntry[],
  leaderName: (id: string) => string,
  today: string,
  reader: (leaderId: string) => Audience,
): string[] {
  const ownRows = new Set(rows.map((r) => r.id));
  const activity = (e: ConflictEntry) => (ownRows.has(e.id) ? e.activity : (visibleEntry(e, reader(e.leaderId))?.activity ?? HIDDEN_ACTIVITY));
  const describe = (e: ConflictEntry) => `${e.label}：${officeDate(e.date, today)} ${clockLabel(e)} ${leaderName(e.leaderId)} ${activity(e)}`;
  return rows.flatMap((a, i) =>
    conflictsOf(a, [...rows.slice(i + 1), ...saved]).map((c) =>
      c.kind === 'leader'
        ? `${leaderName(a.leaderId)}时间冲突 — ${describe(a)}；${describe(c.other)}`
        : `「${a.place}」同时段重复使用 — ${describe(a)}；${describe(c.other)}`,
    ),
  );
}
