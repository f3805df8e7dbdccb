import { inlineText } from '../../../cards/elements.js';
import { VISIBILITY_LABEL, STATUS_LABEL, timeLabel, type EntryFields } from '../domain/entry.js';

/** User text inside one line of card markdown: escaped, line breaks folded. */
export const inline = (text: string) => inlineText(text.replace(/[\v\f\u0085]+/g, ' '));

/** A leader as the office names them on a card: 张伟（县长）. */
export interface LeaderName {
  id: string;
  name: string;
  title: string;
}
export const leaderLabel = (l: Pick<LeaderName, 'name' | 'title'>) => (l.title ? `${l.name}（${l.title}）` : l.name);

/** The labelled lines of an entry, as its cards show it (every field: these cards go to keepers). */
export function entryLines(f: EntryFields, leader: Pick<LeaderName, 'name' | 'title'>, dateText: string): string[] {
  const line = (label: string, value: string) => (value ? [`**${label}**：${inline(value)}`] : []);
  return [
    ...line('领导', leaderLabel(leader)),
    `**日期**：${inline(dateText)}${f.backfilled ? '（补录）' : ''}`,
    ...line('时间', timeLabel(f)),
    ...line('活动', f.activity),
    ...line('地点', f.place),
    ...line('陪同', f.accompany),
    ...line('参加', f.attendees),
    ...line('联系人', f.contact),
    `**公开范围**：${VISIBILITY_LABEL[f.visibility]}　**状态**：${STATUS_LABEL[f.status]}${f.remindMinutes !== null ? `　**提前提醒**：${f.remindMinutes} 分钟` : ''}`,
  ];
}
