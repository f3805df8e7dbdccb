import { actionButton, buttonRow, card, markdown } from '../../../../cards/elements.js';
import type { Card } from '../../../../cards/types.js';
import { formatChineseDate, type IsoDate } from '../../../../platform/time.js';
import { visibleEntry, type DayEntry, type DayLeader, type VisibleEntry } from '../domain/day.js';
import { leaderLines } from './day-card.js';

export const PREVIEW_CONFIRM = 'sched.preview.confirm';
export const PREVIEW_MODIFY = 'sched.preview.modify';

export interface PreviewInput {
  date: IsoDate;
  leaders: DayLeader[];
  entries: DayEntry[];
  /** Set once 确认无误 was clicked: the buttons give way to who confirmed and when. */
  confirmed?: { by: string; at: string };
}

/** What 确认无误 names: the date, and the leaders and entries the card showed (comma-separated ids). */
export interface PreviewValue {
  d: IsoDate;
  l: string;
  e: string;
}

const monthDay = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The evening preview a secretary gets: the next working day's entries of the leaders they keep, in
 * full (the secretary keeps them, visibility does not apply), drafts marked, with 确认无误 / 修改. The
 * day is named (after a weekend or a holiday it is not tomorrow). The buttons carry the date and what
 * the card showed: the handler confirms no more than that, and only what the clicker may confirm.
 */
export function presentPreview(p: PreviewInput): Card {
  const drafts = p.entries.filter((e) => e.status === 'draft').length;
  const blocks = p.leaders.map((leader) =>
    markdown(
      leaderLines({
        leader,
        entries: p.entries
          .filter((e) => e.leaderId === leader.id)
          .sort((a, b) => (a.startMinute ?? 0) - (b.startMinute ?? 0))
          .flatMap((e) => visibleEntry(e, 'keeper') ?? []),
      }),
    ),
  );
  const day = formatChineseDate(p.date);
  const note = drafts
    ? `其中 ${drafts} 项仍为**拟定**。确认无误后将改为确定；未确定的将在${monthDay(p.date)}早上的日程中标注「拟定」。`
    : '请核对。如有变动，请发送「日程 修改」。';
  const value: PreviewValue = { d: p.date, l: p.leaders.map((l) => l.id).join(','), e: p.entries.map((e) => e.id).join(',') };
  const footer = p.confirmed
    ? markdown(`<font color='green'>已由 ${p.confirmed.by} 于 ${p.confirmed.at} 确认无误。</font>`)
    : buttonRow([actionButton('确认无误', PREVIEW_CONFIRM, { ...value }, { type: 'primary' }), actionButton('修改', PREVIEW_MODIFY, { d: p.date })]);
  return card({
    title: `日程预览 ${day}`,
    template: drafts ? 'yellow' : 'blue',
    summary: `${day}日程预览`,
    elements: [markdown(`以下为下一个工作日${day}的领导日程，将于当日早上发送到日程群。`), ...blocks, markdown(note), footer],
  });
}

/** After the broadcast: the drafts that went out marked 拟定, told to their secretary. */
export function draftNotice(date: IsoDate, items: { leader: string; entry: VisibleEntry }[]): string {
  const lines = items.map((i) => `- ${i.leader} ${i.entry.time} ${i.entry.activity}`);
  return `${formatChineseDate(date)}日程已发送，以下日程仍为「拟定」，已在群内标注。请尽快核实后确定或修改：\n${lines.join('\n')}`;
}

/** The DM before an entry, to the leader and the secretary: what, when, where, and how soon. */
export function reminderText(leaderName: string, minutesBefore: number, e: VisibleEntry, date: IsoDate): string {
  const soon = minutesBefore > 0 ? `${minutesBefore}分钟后开始` : '即将开始';
  const place = e.place ? `\n地点：${e.place}` : '';
  const who = [e.accompany ? `陪同：${e.accompany}` : '', e.attendees ? `参加：${e.attendees}` : ''].filter(Boolean).join('；');
  return `【日程提醒】${leaderName}：${formatChineseDate(date)}${e.time} ${e.activity}，${soon}。${place}${who ? `\n${who}` : ''}${e.draft ? '\n（该日程仍为拟定）' : ''}`;
}
