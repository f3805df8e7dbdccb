import { badInput } from '../../../errors.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { parseDatePhrase, parseTimePhrase } from '../../../platform/phrases/index.js';
import type { IsoDate } from '../../../platform/time.js';
import type { RawEntry } from './input.js';

/**
 * `日程 新增 明天上午9:00-11:30 张县长 三楼会议室 主持召开县政府常务会议 陪同:李明 内部 拟定`:
 * the date and time (together or apart), the leader, then the place and the activity (one word left is
 * the activity alone). Keyed parts (陪同:, 参加:, 联系人:, 地点:, 提醒:) and the words 公开/内部/不公开,
 * 拟定/确定 and 补录 may come anywhere after the leader. Pure; the leader is looked up by the use case.
 */
export const ONE_LINE_EXAMPLE = '日程 新增 明天上午9:00-11:30 张县长 三楼会议室 主持召开县政府常务会议';

const KEYS: Record<string, keyof RawEntry> = {
  陪同: 'accompany',
  参加: 'attendees',
  参加人员: 'attendees',
  联系人: 'contact',
  联系: 'contact',
  地点: 'place',
  活动: 'activity',
  提醒: 'remind',
  公开范围: 'visibility',
  状态: 'status',
};
const FLAG_VISIBILITY = new Set(['公开', '内部', '不公开']);
const FLAG_STATUS = new Set(['拟定', '确定', '待定']);

export interface OneLine {
  leader: string;
  raw: RawEntry;
}

const canRead = (f: () => unknown) => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

/** The first tokens as a date and a time: `明天上午9:00-11:30`, `明天 上午9:00-11:30`, `12月8日 全天`. */
function splitWhen(tokens: string[], today: IsoDate, calendar: WorkCalendar): { date: string; time: string; used: number } {
  const first = tokens[0] ?? '';
  const isDate = (s: string) => canRead(() => parseDatePhrase(s, { today, calendar }));
  for (let i = first.length; i > 0; i--) {
    const head = first.slice(0, i);
    if (!isDate(head)) continue;
    const tail = first.slice(i);
    if (tail) return { date: head, time: tail, used: 1 };
    const next = tokens[1] ?? '';
    if (next && canRead(() => parseTimePhrase(next))) return { date: head, time: next, used: 2 };
    // A date with a time that does not read: the time is the next word, so its message names it.
    if (next && /^[上下中晚早全整傍\d]/.test(next)) return { date: head, time: next, used: 2 };
    throw badInput(`请在日期后写明时间，如「${ONE_LINE_EXAMPLE.replace('日程 新增 ', '')}」；半天或全天可写「上午」「下午」「晚上」「全天」。`);
  }
  // No date at the start: the message names the date the way the phrase parser does.
  const dateText = first.replace(/(上午|下午|中午|晚上|早上|全天|\d{1,2}[:：点]).*$/, '') || first;
  return { date: dateText, time: first.slice(dateText.length) || '上午', used: 1 };
}

export function parseOneLine(text: string, ctx: { today: IsoDate; calendar: WorkCalendar }): OneLine {
  const tokens = text.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  if (tokens.length < 3) throw badInput(`请依次写明日期时间、领导和活动内容，如「${ONE_LINE_EXAMPLE}」。`);
  const when = splitWhen(tokens, ctx.today, ctx.calendar);
  const leader = tokens[when.used];
  if (!leader) throw badInput(`请写明领导，如「${ONE_LINE_EXAMPLE}」。`);
  const raw: RawEntry = { date: when.date, time: when.time, activity: '' };
  const words: string[] = [];
  for (const t of tokens.slice(when.used + 1)) {
    const kv = /^([^:]{1,4}):(.*)$/.exec(t);
    if (kv && KEYS[kv[1]!]) {
      const key = KEYS[kv[1]!]!;
      if (key === 'backfill') continue;
      const prev = raw[key];
      (raw as unknown as Record<string, string>)[key] = typeof prev === 'string' && prev ? `${prev} ${kv[2]}` : kv[2]!;
    } else if (FLAG_VISIBILITY.has(t)) raw.visibility = t;
    else if (FLAG_STATUS.has(t)) raw.status = t;
    else if (t === '补录') raw.backfill = true;
    else words.push(t);
  }
  if (raw.place === undefined && words.length >= 2) raw.place = words.shift()!;
  raw.activity = [raw.activity, ...words].filter(Boolean).join(' ');
  return { leader, raw };
}
