import { addDays, formatChineseDate, type IsoDate } from '../../../../platform/time.js';
import { byTime, type Entry } from '../../domain/entry.js';
import { onlyHidden, visibleEntry, type Audience, type VisibleEntry } from '../../domain/visibility.js';

/**
 * The day's side of 领导日程, pure: a group's view of the day, reminder times and the correction after a
 * change. Visibility and time labels are sched-core's (domain/visibility.ts, domain/entry.ts).
 */
/** The entry as sched-core stores it; its visibility rules and time labels are sched-core's too. */
export type DayEntry = Entry;
export type { Audience, VisibleEntry };
export { visibleEntry };

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
  reason?: string;
}

export interface LeaderDay {
  leader: DayLeader;
  entries: VisibleEntry[];
  /** Every live entry of the leader's day is hidden from this group: it reads 另有公务安排, not 在单位办公. */
  hidden?: true;
  /** 外出 covering the day: destination and dates. */
  away?: { destination: string; reason: string; startDate: IsoDate; endDate: IsoDate };
}

/**
 * One group's view of a day: every leader in the order given (rank order), each leader's live entries
 * by time; a leader with none reads 在单位办公 (or 外出 when a 外出 record covers the day), one whose
 * entries are all hidden from the group 另有公务安排.
 */
export function dayFor(date: IsoDate, leaders: readonly DayLeader[], entries: readonly DayEntry[], aways: readonly DayAway[], audience: Audience): LeaderDay[] {
  return leaders.map((leader) => {
    const own = byTime(entries.filter((e) => e.leaderId === leader.id && e.date === date));
    const away = aways.find((a) => a.leaderId === leader.id && a.startDate <= date && a.endDate >= date);
    return {
      leader,
      // Hidden entries (内部 outside internal groups) and cancelled ones are left out.
      entries: own.flatMap((e) => visibleEntry(e, audience) ?? []),
      ...(onlyHidden(own, audience) ? { hidden: true as const } : {}),
      ...(away ? { away: { destination: away.destination, reason: away.reason ?? '', startDate: away.startDate, endDate: away.endDate } } : {}),
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

/** Where an entry shown today went when it moved to another day: that day, and what the group may see of it. */
export interface MovedTo {
  date: IsoDate;
  entry: VisibleEntry | null;
}

/**
 * The day a change moved one of today's entries to (not a cancellation): undefined when it stays on
 * today, was cancelled, or was not on today.
 */
export function movedTo(today: IsoDate, change: { before: DayEntry | null; after: DayEntry | null }, audience: Audience): MovedTo | undefined {
  const { before, after } = change;
  if (before?.date !== today || !after || after.date === today || after.status === 'cancelled') return undefined;
  return { date: after.date, entry: visibleEntry(after, audience) };
}

/** A bare part of the day (上午, 下午, 晚上, 全天), no clock time. */
const partOnly = (time: string) => !/\d/.test(time);

/**
 * The new time as the correction says it: without the part of the day when both are clock times in the
 * same part (下午3:00 → 4:00), else in full (上午 → 下午, 下午3:00 → 下午, 下午 → 下午3:00).
 */
function newTime(before: string, after: string): string {
  return !partOnly(before) && !partOnly(after) && after.slice(0, 2) === before.slice(0, 2) ? after.slice(2) : after;
}

/**
 * The short correction posted in the morning card's thread: 【日程变更】张县长 下午3:00 …，改为 4:00. Says
 * what the group could see before and what it sees now, in that group's visibility; an entry moved to
 * another day is said to be moved there (改至12月9日（周三）…), not cancelled.
 */
export function correctionText(leaderName: string, before: VisibleEntry | null | undefined, after: VisibleEntry | null | undefined, moved?: MovedTo): string {
  if (!before && after) return `【日程变更】${leaderName} 新增：${after.time} ${describe(after)}`;
  if (before && !after && moved)
    return `【日程变更】${leaderName} ${before.time} ${before.activity}，${moved.entry ? `改至${formatChineseDate(moved.date)}${moved.entry.time}` : '改至其他日期'}`;
  if (before && !after) return `【日程变更】${leaderName} ${before.time} ${before.activity}，已取消`;
  if (!before || !after) return '';
  const changes: string[] = [];
  if (before.time !== after.time) changes.push(newTime(before.time, after.time));
  if (before.place !== after.place) changes.push(after.place ? `地点改在${after.place}` : '地点另行通知');
  if (before.activity !== after.activity) changes.push(`内容为「${after.activity}」`);
  if (before.accompany !== after.accompany || before.attendees !== after.attendees) changes.push(`${participants(after) || '参加人员另行通知'}`);
  if (before.draft && !after.draft) changes.push('已确定');
  if (!changes.length) return '';
  const first = before.time !== after.time ? `改为 ${changes[0]}` : changes[0];
  return `【日程变更】${leaderName} ${before.time} ${before.activity}，${[first, ...changes.slice(1)].join('，')}`;
}

const monthDay = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The correction after a 外出 record covering today is filed or withdrawn:
 * 【日程变更】张县长 外出：北京，参加全省工作会议（12月8日至12月10日）/ 张县长 外出（北京）已撤销.
 */
export function awayCorrectionText(
  leaderName: string,
  away: Pick<DayAway, 'destination' | 'reason' | 'startDate' | 'endDate'>,
  kind: 'filed' | 'withdrawn',
): string {
  if (kind === 'withdrawn') return `【日程变更】${leaderName} 外出（${away.destination}）已撤销`;
  const span = away.startDate === away.endDate ? monthDay(away.startDate) : `${monthDay(away.startDate)}至${monthDay(away.endDate)}`;
  return `【日程变更】${leaderName} 外出：${away.destination}${away.reason ? `，${away.reason}` : ''}（${span}）`;
}

function participants(v: VisibleEntry): string {
  return [v.accompany ? `陪同：${v.accompany}` : '', v.attendees ? `参加：${v.attendees}` : ''].filter(Boolean).join('；');
}

/** 主持召开县政府常务会议（地点：三楼会议室；陪同：李秘书）, as sched-core's visibleText writes an entry. */
export function describe(v: VisibleEntry): string {
  const notes = [v.place ? `地点：${v.place}` : '', participants(v)].filter(Boolean).join('；');
  return `${v.activity}${notes ? `（${notes}）` : ''}`;
}
