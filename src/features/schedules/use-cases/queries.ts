import type { Card } from '../../../cards/types.js';
import { badInput } from '../../../errors.js';
import type { ChatAudience } from '../../../platform/audience.js';
import { describeDate, inParens, parseDatePhrase } from '../../../platform/phrases/index.js';
import { addDays, weekday, type IsoDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { readDirectory, resolveLeader, type Actor, type MentionRef } from '../../org/index.js';
import { onlyHidden, visibleDay } from '../domain/visibility.js';
import { presentScheduleCard, type LeaderRows, type ScheduleDay } from '../presenters/schedule-card.js';
import { awaysBetween } from '../repositories/aways.js';
import { entriesBetween } from '../repositories/entries.js';
import { readerOf } from './audience.js';
import { leadersIn, todayOf } from './directory.js';

/** The days a query covers: 今天/明天/后天, 本周/下周 (Monday to Sunday), or any one date phrase. */
export interface Period {
  word: string;
  from: IsoDate;
  to: IsoDate;
}

export const PERIOD_WORDS = ['今天', '明天', '后天', '本周', '这周', '下周'] as const;

export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - (weekday(date) || 7));
}

export function periodOf(word: string, today: IsoDate, deps: Pick<FeatureDeps, 'calendar'>): Period {
  if (word === '本周' || word === '这周') return { word: '本周', from: mondayOf(today), to: addDays(mondayOf(today), 6) };
  if (word === '下周') return { word: '下周', from: addDays(mondayOf(today), 7), to: addDays(mondayOf(today), 13) };
  const d = parseDatePhrase(word, { today, calendar: deps.calendar.current(), label: '查询日期' }).date;
  return { word, from: d, to: d };
}

function daysOf(p: Period, deps: Pick<FeatureDeps, 'calendar'>, today: IsoDate): ScheduleDay[] {
  const days: ScheduleDay[] = [];
  const cal = deps.calendar.current();
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) days.push({ date: d, label: describeDate(d, today, cal), working: cal.dayInfo(d).working });
  return days;
}

/**
 * 日程 今天 / 本周 / 张县长 下周: the entries of the period, visibility applied for whoever reads the answer
 * here, with 外出 records; a week is one card of seven days.
 */
export async function scheduleCard(
  deps: FeatureDeps,
  members: ChatAudience,
  asked: { chatId: string; chatType: 'p2p' | 'group'; actor: Actor; mentions?: readonly MentionRef[] },
  q: { period: string; leader?: string },
): Promise<Card> {
  const today = todayOf(deps);
  const period = periodOf(q.period, today, deps);
  const dir = await readDirectory(deps.prisma);
  let leaders = leadersIn(deps, dir);
  if (q.leader) {
    const one = resolveLeader(dir, q.leader, { label: '领导', ...(asked.mentions ? { mentions: asked.mentions } : {}) });
    leaders = leaders.filter((l) => l.id === one.id);
  }
  if (!leaders.length) throw badInput('名册中尚无县（区）领导，请管理员先导入人员名册。');
  const reader = await readerOf(deps, members, dir, asked);
  const [entries, aways] = await Promise.all([
    entriesBetween(deps.prisma, period.from, period.to, q.leader ? leaders[0]!.id : undefined),
    awaysBetween(
      deps.prisma,
      period.from,
      period.to,
      leaders.map((l) => l.id),
    ),
  ]);
  const cal = deps.calendar.current();
  const rows: LeaderRows[] = leaders.map((leader) => {
    const lines: Record<string, string[]> = {};
    const away: Record<string, string> = {};
    const hidden: Record<string, boolean> = {};
    const mine = entries.filter((e) => e.leaderId === leader.id);
    for (let d = period.from; d <= period.to; d = addDays(d, 1)) {
      const ofDay = mine.filter((e) => e.date === d);
      lines[d] = visibleDay(ofDay, reader(leader.id)).map((x) => x.text);
      if (onlyHidden(ofDay, reader(leader.id))) hidden[d] = true;
      const a = aways.find((x) => x.leaderId === leader.id && x.startDate <= d && x.endDate >= d);
      if (a) away[d] = awayText(a, today, cal);
    }
    return { leader, lines, away, hidden };
  });
  const span =
    period.from === period.to ? describeDate(period.from, today, cal) : `${describeDate(period.from, today, cal)}至${describeDate(period.to, today, cal)}`;
  const who = q.leader ? `${leaders[0]!.name} · ` : '';
  return presentScheduleCard({ title: `领导日程 · ${who}${period.word}${inParens(span)}`, days: daysOf(period, deps, today), leaders: rows });
}

export function awayText(
  a: { startDate: string; endDate: string; destination: string; reason: string },
  today: IsoDate,
  cal: ReturnType<FeatureDeps['calendar']['current']>,
): string {
  const dates =
    a.startDate === a.endDate ? describeDate(a.startDate, today, cal) : `${describeDate(a.startDate, today, cal)}至${describeDate(a.endDate, today, cal)}`;
  return `${a.destination}${a.reason ? `，${a.reason}` : ''}${inParens(dates)}`;
}
