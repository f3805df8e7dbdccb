import { escapeMarkdown, inlineText } from '../../../cards/elements.js';
import { formatBeijing } from '../../../platform/time.js';

/** Small wording helpers shared by the reviews cards. */
export const inline = (text: string): string => inlineText(text);

/** User text over several lines, escaped; kept short on a card. */
export const block = (text: string, max = 500): string => escapeMarkdown(text.length > max ? `${text.slice(0, max)}…` : text);

export const when = (d: Date): string => formatBeijing(d).slice(5);

/** 3小时20分, 2天4小时: how long a level held the draft (clock time). */
export function duration(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return '不到1分钟';
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}小时${minutes % 60}分` : `${hours}小时`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}天${hours % 24}小时` : `${days}天`;
}

/** 第3版 */
export const revisionText = (r: number | null): string => (r === null ? '' : `第${r}版`);
