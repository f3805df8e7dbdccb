import { officeDate } from '../../../../platform/phrases/index.js';
import { span, timeText, type WhenFields } from './wording.js';

export interface ConflictEntry extends WhenFields {
  leaderId: string;
  date: string;
  place: string;
  activity: string;
  /** 第3行 for an imported row, 已有日程 for a saved entry. */
  label: string;
}

const overlaps = (a: WhenFields, b: WhenFields) => {
  const [s1, e1] = span(a);
  const [s2, e2] = span(b);
  return s1 < e2 && s2 < e1;
};

const samePlace = (a: string, b: string) => a.trim() !== '' && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The same leader booked twice at overlapping times, or one place booked twice, among the new rows and
 * against saved entries; one line per pair, naming both sides, for the confirmation card.
 */
export function findConflicts(rows: readonly ConflictEntry[], saved: readonly ConflictEntry[], leaderName: (id: string) => string, today: string): string[] {
  const lines: string[] = [];
  const describe = (e: ConflictEntry) => `${e.label}：${officeDate(e.date, today)} ${timeText(e)} ${leaderName(e.leaderId)} ${e.activity}`;
  rows.forEach((a, i) => {
    for (const b of [...rows.slice(i + 1), ...saved]) {
      if (a.date !== b.date || !overlaps(a, b)) continue;
      if (a.leaderId === b.leaderId) lines.push(`${leaderName(a.leaderId)}时间冲突 — ${describe(a)}；${describe(b)}`);
      else if (samePlace(a.place, b.place)) lines.push(`「${a.place}」同时段重复使用 — ${describe(a)}；${describe(b)}`);
    }
  });
  return lines;
}
