import { card, divider, markdown, inlineText } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { formatChineseDate, type IsoDate } from '../../../../platform/time.js';
import { HIDDEN_DAY_TEXT } from '../../domain/visibility.js';
import { describe, type LeaderDay } from '../domain/day.js';

/**
 * The morning card a 日程 group gets: 今日领导日程, leaders in rank order, each leader's entries by time,
 * 在单位办公 or 外出 for a leader without entries (另有公务安排 when the group may see none of them). Pure: the group's view of the day comes in.
 */
export interface DayCardInput {
  date: IsoDate;
  days: LeaderDay[];
  /** Sent late, after the bot was down at the broadcast time. */
  catchUp: boolean;
  /** The time (HH:mm) of the latest change since it was sent. */
  updatedAt?: string;
  /** What kind of day it is, when not an ordinary weekday (调休上班). */
  dayNote?: string;
}

const shortDate = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function leaderLines(day: LeaderDay): string {
  const head = `**${inlineText(day.leader.name)}**${day.leader.title ? ` ${inlineText(day.leader.title)}` : ''}`;
  const lines: string[] = [];
  if (day.away) {
    const span = day.away.startDate === day.away.endDate ? shortDate(day.away.startDate) : `${shortDate(day.away.startDate)}至${shortDate(day.away.endDate)}`;
    lines.push(`- 外出：${inlineText(day.away.destination)}${day.away.reason ? `，${inlineText(day.away.reason)}` : ''}（${span}）`);
  }
  for (const e of day.entries) lines.push(`- ${e.time} ${inlineText(describe(e))}${e.draft ? '（拟定）' : ''}`);
  if (!lines.length) lines.push(day.hidden ? `- ${HIDDEN_DAY_TEXT}` : '- 在单位办公');
  return [head, ...lines].join('\n');
}

export function presentDayCard(i: DayCardInput): Card {
  const tags = [i.catchUp ? '补发' : '', i.updatedAt ? `已更新 ${i.updatedAt}` : ''].filter(Boolean);
  const elements: CardElement[] = [];
  if (i.catchUp) elements.push(markdown('因系统原因未能按时发送，现补发今日日程。'));
  i.days.forEach((d, n) => {
    if (n) elements.push(divider());
    elements.push(markdown(leaderLines(d)));
  });
  if (i.updatedAt) elements.push(markdown(`<font color='grey'>日程已于 ${i.updatedAt} 更新，以本卡片为准。</font>`));
  const c = card({
    title: `今日领导日程 ${formatChineseDate(i.date)}`,
    ...(i.dayNote ? { subtitle: i.dayNote } : {}),
    template: i.updatedAt ? 'orange' : 'blue',
    summary: `今日领导日程${tags.length ? `（${tags.join('，')}）` : ''}`,
    elements,
  });
  if (tags.length)
    c.header!.text_tag_list = tags.map((t) => ({ tag: 'text_tag', text: { tag: 'plain_text', content: t }, color: t === '补发' ? 'orange' : 'red' }));
  return c;
}

export interface DutyRow {
  leaderName: string;
  staff: string;
  phone: string;
}

/** 今日值班 on a day off: 带班领导, 值班人员 and the duty phone. */
export function presentDutyCard(date: IsoDate, rows: readonly DutyRow[], holiday: string | undefined, catchUp: boolean): Card {
  const lines = rows.map(
    (r) => `- 带班领导：${inlineText(r.leaderName)}　值班人员：${inlineText(r.staff)}${r.phone ? `　值班电话：${inlineText(r.phone)}` : ''}`,
  );
  return card({
    title: `今日值班 ${formatChineseDate(date)}`,
    ...(holiday ? { subtitle: `${holiday}假期` } : {}),
    template: 'turquoise',
    summary: `今日值班${catchUp ? '（补发）' : ''}`,
    elements: [...(catchUp ? [markdown('因系统原因未能按时发送，现补发今日值班安排。')] : []), markdown(lines.join('\n'))],
  });
}
