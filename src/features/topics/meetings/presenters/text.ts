import { inlineText } from '../../../../cards/elements.js';
import { formatChineseDate } from '../../../../platform/time.js';
import { beijingDate, beijingMinuteOfDay } from '../../../../platform/time.js';

/** User text inside one line of card markdown. */
export const inline = inlineText;

/** 上午9:00 / 下午3:30 / 晚上7:00 for a minute of the day. */
export function clockText(minute: number): string {
  const h = Math.floor(minute / 60) % 24;
  const m = String(minute % 60).padStart(2, '0');
  if (h < 12) return `上午${h}:${m}`;
  if (h === 12) return `中午12:${m}`;
  return `${h >= 18 ? '晚上' : '下午'}${h - 12}:${m}`;
}

/** 9:00-9:20: a slot, the way an agenda prints it. */
export function slotText(start: number, end: number): string {
  const hm = (x: number) => `${Math.floor(x / 60) % 24}:${String(x % 60).padStart(2, '0')}`;
  return `${hm(start)}-${hm(end)}`;
}

/** 12月8日（周二）上午9:00: when a meeting starts. */
export function whenText(startsAt: Date): string {
  return `${formatChineseDate(beijingDate(startsAt))}${clockText(beijingMinuteOfDay(startsAt))}`;
}
