import { formatMinute } from '../../../../platform/phrases/index.js';

/** The fields that say when an entry is. */
export interface WhenFields {
  dayPart: string;
  startMinute: number | null;
  endMinute: number | null;
}

const PART_LABEL: Record<string, string> = { morning: '上午', afternoon: '下午', evening: '晚上', all_day: '全天' };

/** 09:00-11:30, 09:00, 上午, 全天. */
export function timeText(e: WhenFields): string {
  if (e.dayPart !== 'exact' || e.startMinute === null) return PART_LABEL[e.dayPart] ?? '';
  return e.endMinute !== null ? `${formatMinute(e.startMinute)}-${formatMinute(e.endMinute)}` : formatMinute(e.startMinute);
}

/** Minutes of the day an entry takes, for overlaps: a part of the day as the office counts it. */
export function span(e: WhenFields): [number, number] {
  if (e.dayPart === 'exact' && e.startMinute !== null) return [e.startMinute, e.endMinute ?? e.startMinute + 60];
  if (e.dayPart === 'morning') return [8 * 60, 12 * 60];
  if (e.dayPart === 'afternoon') return [12 * 60, 18 * 60];
  if (e.dayPart === 'evening') return [18 * 60, 23 * 60];
  return [0, 24 * 60];
}

export const VISIBILITY_LABEL: Record<string, string> = { public: '公开', internal: '内部', private: '不公开' };
export const STATUS_LABEL: Record<string, string> = { draft: '拟定', confirmed: '确定', cancelled: '已取消' };

/** Where an export or a card is seen: by keepers, in an internal group, or elsewhere. */
export type ExchangeAudience = 'keepers' | 'internal' | 'other';

/** What shows of an entry's activity for an audience; undefined: not shown at all (内部 outside internal groups). */
export function visibleActivity(e: { visibility: string; activity: string }, audience: ExchangeAudience): { activity: string; full: boolean } | undefined {
  if (audience === 'keepers' || e.visibility === 'public') return { activity: e.activity, full: true };
  if (e.visibility === 'internal') return audience === 'internal' ? { activity: e.activity, full: true } : undefined;
  return { activity: '公务活动', full: false };
}
