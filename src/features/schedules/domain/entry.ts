import { formatMinute } from '../../../platform/phrases/index.js';

/**
 * A leader's schedule entry as the domain sees it (the ScheduleEntry row without bookkeeping columns).
 * Times are minutes since Beijing midnight; a part of the day (上午/下午/晚上/全天) is kept as such and
 * never turned into hours we would guess, except to decide whether two entries overlap (dayPartSpan).
 */
export type DayPartCode = 'exact' | 'morning' | 'afternoon' | 'evening' | 'all_day';
export type Visibility = 'public' | 'internal' | 'private';
export type EntryStatus = 'draft' | 'confirmed' | 'cancelled';
export type EntrySource = 'manual' | 'meeting' | 'import' | 'calendar';

export interface EntryFields {
  leaderId: string;
  date: string;
  dayPart: DayPartCode;
  startMinute: number | null;
  endMinute: number | null;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  contact: string;
  visibility: Visibility;
  status: EntryStatus;
  source: EntrySource;
  backfilled: boolean;
  remindMinutes: number | null;
}

/** A stored entry: its fields, its id and the version every write compares against. */
export interface Entry extends EntryFields {
  id: string;
  version: number;
  createdBy: string;
  calendarEventId: string;
}

export const DAY_PART_LABEL: Record<Exclude<DayPartCode, 'exact'>, string> = {
  morning: '上午',
  afternoon: '下午',
  evening: '晚上',
  all_day: '全天',
};
export const VISIBILITY_LABEL: Record<Visibility, string> = { public: '公开', internal: '内部', private: '不公开' };
export const STATUS_LABEL: Record<EntryStatus, string> = { draft: '拟定', confirmed: '确定', cancelled: '已取消' };
export const SOURCE_LABEL: Record<EntrySource, string> = { manual: '人工', meeting: '会议', import: '导入', calendar: '飞书日历' };

export const VISIBILITIES = Object.keys(VISIBILITY_LABEL) as Visibility[];
export const STATUSES = Object.keys(STATUS_LABEL) as EntryStatus[];

/** 公开 / 内部 / 不公开 (and 公开的…) typed → the code; undefined when it is none of them. */
export function parseVisibility(text: string): Visibility | undefined {
  const t = text.trim();
  return VISIBILITIES.find((v) => VISIBILITY_LABEL[v] === t || v === t);
}

export function parseStatus(text: string): EntryStatus | undefined {
  const t = text.trim();
  if (t === '拟定' || t === '待定') return 'draft';
  if (t === '确定' || t === '已确定') return 'confirmed';
  return STATUSES.find((s) => s === t);
}

/**
 * The span a part of the day covers, only to tell whether two entries overlap: 上午 08:00–12:00,
 * 下午 12:00–18:00, 晚上 18:00–24:00, 全天 the whole day. An exact start without an end counts as one hour.
 */
export function occupiedSpan(e: Pick<EntryFields, 'dayPart' | 'startMinute' | 'endMinute'>): [number, number] {
  switch (e.dayPart) {
    case 'morning':
      return [8 * 60, 12 * 60];
    case 'afternoon':
      return [12 * 60, 18 * 60];
    case 'evening':
      return [18 * 60, 24 * 60];
    case 'all_day':
      return [0, 24 * 60];
    case 'exact': {
      const start = e.startMinute ?? 0;
      return [start, e.endMinute ?? Math.min(start + 60, 24 * 60)];
    }
  }
}

/** Where an entry sorts within its day: by its start (a part of the day at its span's start; 全天 first). */
export function sortMinute(e: Pick<EntryFields, 'dayPart' | 'startMinute' | 'endMinute'>): number {
  return e.dayPart === 'all_day' ? -1 : occupiedSpan(e)[0];
}

export function byTime<T extends Pick<EntryFields, 'dayPart' | 'startMinute' | 'endMinute'>>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => sortMinute(a) - sortMinute(b));
}

/**
 * The time the office way: 上午9:00-11:30, 下午3:00, 上午 / 全天. The part of the day is said with the
 * clock time (9:00 in the morning, 3:00 in the afternoon), as the office's SMS did.
 */
export function timeLabel(e: Pick<EntryFields, 'dayPart' | 'startMinute' | 'endMinute'>): string {
  if (e.dayPart !== 'exact' || e.startMinute === null) return DAY_PART_LABEL[e.dayPart === 'exact' ? 'all_day' : e.dayPart];
  const part = partWord(e.startMinute);
  const clock = (m: number) => {
    const h = Math.floor(m / 60);
    const h12 = h > 12 ? h - 12 : h;
    return `${h12}:${String(m % 60).padStart(2, '0')}`;
  };
  const end = e.endMinute === null ? '' : `-${partWord(e.endMinute) === part ? '' : partWord(e.endMinute)}${clock(e.endMinute)}`;
  return `${part}${clock(e.startMinute)}${end}`;
}

/** 24-hour form for tables and form defaults: 09:00-11:30. */
export function clockLabel(e: Pick<EntryFields, 'dayPart' | 'startMinute' | 'endMinute'>): string {
  if (e.dayPart !== 'exact' || e.startMinute === null) return timeLabel(e);
  return e.endMinute === null ? formatMinute(e.startMinute) : `${formatMinute(e.startMinute)}-${formatMinute(e.endMinute)}`;
}

function partWord(minute: number): string {
  if (minute < 12 * 60) return '上午';
  if (minute < 13 * 60) return '中午';
  if (minute < 18 * 60) return '下午';
  return '晚上';
}

/** What two versions of an entry differ in, field by field (for the change history and corrections). */
export function changedFields(before: EntryFields, after: EntryFields): (keyof EntryFields)[] {
  return FIELD_KEYS.filter((k) => before[k] !== after[k]);
}

/** The fields people keep (not ids or bookkeeping). */
export const FIELD_KEYS: readonly (keyof EntryFields)[] = [
  'leaderId',
  'date',
  'dayPart',
  'startMinute',
  'endMinute',
  'activity',
  'place',
  'accompany',
  'attendees',
  'contact',
  'visibility',
  'status',
  'source',
  'backfilled',
  'remindMinutes',
];
