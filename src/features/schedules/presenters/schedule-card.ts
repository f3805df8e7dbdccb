import { card, divider, markdown } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { HIDDEN_DAY_TEXT } from '../domain/visibility.js';
import { inline, leaderLabel, type LeaderName } from './text.js';

export interface ScheduleDay {
  date: string;
  /** 12月8日（周二） */
  label: string;
  working: boolean;
}

export interface LeaderRows {
  leader: LeaderName;
  /** Visible lines by date (visibleText, already filtered for the reader). */
  lines: Record<string, string[]>;
  /** 外出 by date: 赴北京（12月8日至12月10日）. */
  away: Record<string, string>;
  /** Dates whose every live entry is hidden from the reader: 另有公务安排, not 在单位办公 (nor nothing). */
  hidden?: Record<string, boolean>;
}

export const IDLE_TEXT = '在单位办公';

/**
 * A day or a week of leaders' schedules: each day, leaders in rank order, each leader's entries by time.
 * On a working day a leader with nothing is 在单位办公 (or 外出 with destination and dates); on a day off
 * only leaders with something are listed. A leader whose entries are all hidden from the reader reads 另有公务安排. Lines arrive filtered for the reader (visibility applied).
 */
export function presentScheduleCard(o: { title: string; days: ScheduleDay[]; leaders: LeaderRows[]; note?: string }): Card {
  const elements: CardElement[] = [];
  o.days.forEach((day, i) => {
    if (i) elements.push(divider());
    const rows: string[] = [];
    for (const l of o.leaders) {
      const lines = l.lines[day.date] ?? [];
      const away = l.away[day.date];
      const name = `**${inline(leaderLabel(l.leader))}**`;
      if (away) rows.push(`${name}　外出：${inline(away)}`);
      if (lines.length) rows.push(`${away ? '' : `${name}\n`}${lines.map((t) => `- ${inline(t)}`).join('\n')}`);
      else if (!away && l.hidden?.[day.date]) rows.push(`${name}　${HIDDEN_DAY_TEXT}`);
      else if (!away && day.working) rows.push(`${name}　${IDLE_TEXT}`);
    }
    const body = rows.length ? rows.join('\n') : day.working ? '暂无领导信息。' : '无安排。';
    elements.push(markdown(`**${inline(day.label)}**${day.working ? '' : "　<font color='grey'>休息日</font>"}\n${body}`));
  });
  if (o.note) elements.push(markdown(`<font color='grey'>${inline(o.note)}</font>`));
  return card({ title: o.title, template: 'blue', summary: o.title, elements });
}
