import { formatMinute } from '../../../../platform/phrases/index.js';
import { beijingDate, beijingMinuteOfDay } from '../../../../platform/time.js';

/** `16:00`, or `12月1日 16:00` when the instant is not on `sameDay`. */
export function clockText(at: Date, sameDay?: string): string {
  const time = formatMinute(beijingMinuteOfDay(at));
  const date = beijingDate(at);
  if (sameDay && date === sameDay) return time;
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${time}`;
}

/** The first line of a note, shortened, as it is quoted in reminders (user text: escape where it is placed). */
export function gist(body: string, max = 30): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return [...line].length > max ? `${[...line].slice(0, max).join('')}…` : line;
}
