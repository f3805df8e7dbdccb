import { addDays, type IsoDate } from '../../../../platform/time.js';

/**
 * The day's side of 领导日程, pure: what an entry looks like to the broadcast, how its time reads, who
 * may see what in which group, and the order leaders and entries go out in. Instants come in as data.
 */
export type DayPart = 'exact' | 'morning' | 'afternoon' | 'evening' | 'all_day';
export type Visibility = 'public' | 'internal' | 'private';
export type EntryStatus = 'draft' | 'confirmed' | 'cancelled';

export interface DayEntry {
  id: string;
  leaderId: string;
  date: IsoDate;
  dayPart: string;
  startMinute: number | null;
  endMinute: number | null;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  visibility: string;
  status: string;
  remindMinutes: number | null;
  version: number;
}

export interface DayLeader {
  id: string;
  name: string;
  title: string;
}

export interface DayAway {
  leaderId: string;
  startDate: IsoDate;
  endDate: IsoDate;
  destination: string;
}

/** Who reads a card: a group every member of which is in the directory (内部 shown), or any other. */
export type Audience = 'internal' | 'other';

/** Where a part of the day sorts among exact times (上午 before 9:00 would be odd; it sorts at its start). */
const PART_SORT: Record<string, number> = { all_day: -1, morning: 8 * 60, afternoon: 14 * 60, evening: 19 * 60 };
const PART_TEXT: Record<string, string> = { all_day: '全天', morning: '上午', afternoon: '下午', evening: '晚上' };

export function sortMinute(e: Pick<DayEntry, 'dayPart' | 'startMinute'>): number {
  return e.dayPart === 'exact' && e.startMinute !== null ? e.startMinute : (PART_SORT[e.dayPart] ?? 0);
}

/** 上午9:00, 下午3:00, 晚上7:30, 中午12:00: the office's way of writing a clock time. */
export function clockText(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = String(minute % 60).padStart(2, '0');
  if (h < 12) return `上午${h}:${m}`;
  if (h === 12) return `中午${h}:${m}`;
  if (h < 18) return `下午${h - 12}:${m}`;
  return `晚上${h - 12}:${m}`;
}

/** The end of a range without repeating its part of the day: 上午9:00-11:30, 下午3:00-5:00. */
function endText(start: number, end: number): string {
  const full = clockText(end);
  const part = (m: number) => clockText(m).slice(0, 2);
  return part(start) === part(end) ? full.slice(2) : full;
}

export function timeText(e: Pick<DayEntry, 'dayPart' | 'startMinute' | 'endMinute'>): string {
  if (e.dayPart !== 'exact' || e.startMinute === null) return PART_TEXT[e.dayPart] ?? '';
  return e.endMinute !== null && e.endMinute > e.startMinute ? `${clockText(e.startMinute)}-${endText(e.startMinute, e.endMinute)}` : clockText(e.startMinute);
}

/** What a group may read of an entry: 公开 in full, 内部 in internal groups only, 不公开 as 公务活动. */
export interface VisibleEntry {
  time: string;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  draft: boolean;
}

export const PRIVATE_ACTIVITY = '公务活动';

export function visibleEntry(e: DayEntry, audience: Audience): VisibleEntry {
  const full = e.visibility === 'public' || (e.visibility === 'internal' && audience === 'internal');
  return {
    time: timeText(e),
    activity: full ? e.activity : PRIVATE_ACTIVITY,
    place: full ? e.place : '',
    accompany: full ? e.accompany : '',
    attendees: full ? e.attendees : '',
    draft: e.status === 'draft',
  };
}

export interface LeaderDay {
  leader: DayLeader;
  entries: VisibleEntry[];
  /** 外出 covering the day: destination and dates. */
  away?: { destination: string; startDate: IsoDate; endDate: IsoDate };
}

/**
 * One group's view of a day: every leader in the order given (rank order), each leader's live entries
 * by time; a leader with none reads 在单位办公 (or 外出 when a 外出 record covers the day).
 */
export function dayFor(date: IsoDate, leaders: readonly DayLeader[], entries: readonly DayEntry[], aways: readonly DayAway[], audience: Audience): LeaderDay[] {
  return leaders.map((leader) => {
    const own = entries
      .filter((e) => e.leaderId === leader.id && e.date === date && e.status !== 'cancelled')
      .sort((a, b) => sortMinute(a) - sortMinute(b) || (a.endMinute ?? 0) - (b.endMinute ?? 0));
    const away = aways.find((a) => a.leaderId === leader.id && a.startDate <= date && a.endDate >= date);
    return {
      leader,
      entries: own.map((e) => visibleEntry(e, audience)),
      ...(away ? { away: { destination: away.destination, startDate: away.startDate, endDate: away.endDate } } : {}),
    };
  });
}

/** The instant (ms) to remind of an entry with a clock time, or undefined (a part of the day has none). */
export function reminderDueMs(e: DayEntry, defaultMinutes: number, atBeijingMs: (date: IsoDate, minute: number) => number): number | undefined {
  if (e.status === 'cancelled' || e.dayPart !== 'exact' || e.startMinute === null) return undefined;
  const before = e.remindMinutes ?? defaultMinutes;
  return atBeijingMs(e.date, e.startMinute) - before * 60_000;
}

/** The dates whose entries may have a reminder due around `today` (a remind window can cross midnight). */
export const reminderDates = (today: IsoDate): IsoDate[] => [today, addDays(today, 1), addDays(today, 2)];

/**
 * The short correction posted in the morning card's thread: 【日程变更】张县长 下午3:00 …，改为 4:00. Says
 * what the group could see before and what it sees now, in that group's visibility.
 */
export function correctionText(leaderName: string, before: VisibleEntry | undefined, after: VisibleEntry | undefined): string {
  if (!before && after) return `【日程变更】${leaderName} 新增：${after.time} ${describe(after)}`;
  if (before && !after) return `【日程变更】${leaderName} ${before.time} ${before.activity}，已取消`;
  if (!before || !after) return '';
  const changes: string[] = [];
  if (before.time !== after.time) changes.push(after.time.startsWith(before.time.slice(0, 2)) ? after.time.slice(2) : after.time);
  if (before.place !== after.place) changes.push(after.place ? `地点改在${after.place}` : '地点另行通知');
  if (before.activity !== after.activity) changes.push(`内容为「${after.activity}」`);
  if (before.accompany !== after.accompany || before.attendees !== after.attendees) changes.push(`${participants(after) || '参加人员另行通知'}`);
  if (before.draft && !after.draft) changes.push('已确定');
  if (!changes.length) return '';
  const first = before.time !== after.time ? `改为 ${changes[0]}` : changes[0];
  return `【日程变更】${leaderName} ${before.time} ${before.activity}，${[first, ...changes.slice(1)].join('，')}`;
}

function participants(v: VisibleEntry): string {
  return [v.accompany ? `陪同：${v.accompany}` : '', v.attendees ? `参加：${v.attendees}` : ''].filter(Boolean).join('；');
}

export function describe(v: VisibleEntry): string {
  const extra = [v.place ? `（${v.place}）` : '', participants(v) ? ` ${participants(v)}` : ''].join('');
  return `${v.activity}${extra}`;
}
