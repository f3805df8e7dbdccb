import { badInput, BotError } from '../../../errors.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { parseDatePhrase, parseTimePhrase, type UnderstoodTime } from '../../../platform/phrases/index.js';
import type { IsoDate } from '../../../platform/time.js';
import { parseStatus, parseVisibility, type DayPartCode, type EntryFields } from './entry.js';

/**
 * An entry as typed (the one line or the form), before the leader is looked up: every field checked, each
 * problem named with its field, all in one message — nothing is kept of an input that does not fully read.
 */
export interface RawEntry {
  date: string;
  time: string;
  activity: string;
  place?: string;
  accompany?: string;
  attendees?: string;
  contact?: string;
  visibility?: string;
  status?: string;
  remind?: string;
  /** 补录: the secretary says the day has passed and the entry is recorded after the fact. */
  backfill?: boolean;
}

export type UnderstoodFields = Omit<EntryFields, 'leaderId' | 'source'>;

export interface Understood {
  fields: UnderstoodFields;
  /** The date as understood (12月8日（周二）) and how a phrase was read (下午3点 for 3点…). */
  dateText: string;
  notes: string[];
}

export const LIMITS = { activity: 200, place: 100, accompany: 200, attendees: 300, contact: 100 } as const;
const FIELD_NAME = { activity: '活动内容', place: '地点', accompany: '陪同人员', attendees: '参加人员', contact: '联系人' } as const;
export const MAX_REMIND_MINUTES = 24 * 60;

export interface InputContext {
  today: IsoDate;
  calendar: WorkCalendar;
}

export function dayPartOf(t: UnderstoodTime): { dayPart: DayPartCode; startMinute: number | null; endMinute: number | null } {
  if (t.kind === 'at') return { dayPart: 'exact', startMinute: t.start, endMinute: null };
  if (t.kind === 'span') return { dayPart: 'exact', startMinute: t.start, endMinute: t.end };
  const part = ({ 上午: 'morning', 下午: 'afternoon', 晚上: 'evening', 全天: 'all_day' } as const)[t.part as '上午'];
  if (!part) throw badInput(`时间「${t.understood}」不够明确，请写明具体时间，如「中午12:00-13:30」。`);
  return { dayPart: part, startMinute: null, endMinute: null };
}

/** Reads a typed entry; throws one bad-input message listing every field that does not read. */
export function understandEntry(raw: RawEntry, ctx: InputContext): Understood {
  const problems: string[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      if (err instanceof BotError && err.code === 'bad_input') problems.push(err.userMessage);
      else throw err;
      return undefined;
    }
  };
  let date = attempt(() => parseDatePhrase(raw.date, { today: ctx.today, calendar: ctx.calendar, label: '日期' }));
  // 12月1日 补录 on 12月7日 is this year's 12月1日, not next year's (the phrase parser's default for a date gone by).
  if (date && raw.backfill && date.form === 'month_day' && date.date > ctx.today && date.basis) {
    const lastYear = `${Number(date.date.slice(0, 4)) - 1}${date.date.slice(4)}`;
    date = attempt(() => parseDatePhrase(lastYear, { today: ctx.today, calendar: ctx.calendar, label: '日期' }));
  }
  const time = attempt(() => dayPartOf(parseTimePhrase(raw.time, '时间')));
  const parsedTime = time && attempt(() => parseTimePhrase(raw.time, '时间'));
  const text = (key: keyof typeof LIMITS, value: string | undefined, required = false): string => {
    const v = (value ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (required && !v) problems.push(`请填写${FIELD_NAME[key]}，如「主持召开县政府常务会议」。`);
    if (v.length > LIMITS[key]) problems.push(`${FIELD_NAME[key]}不超过 ${LIMITS[key]} 字（现为 ${v.length} 字）。`);
    return v;
  };
  const activity = text('activity', raw.activity, true);
  const place = text('place', raw.place);
  const accompany = text('accompany', raw.accompany);
  const attendees = text('attendees', raw.attendees);
  const contact = text('contact', raw.contact);
  const visibility = raw.visibility ? parseVisibility(raw.visibility) : 'internal';
  if (!visibility) problems.push(`公开范围「${raw.visibility!.slice(0, 10)}」无法识别，应为 公开、内部 或 不公开。`);
  const status = raw.status ? parseStatus(raw.status) : 'confirmed';
  if (!status || status === 'cancelled') problems.push(`状态「${(raw.status ?? '').slice(0, 10)}」无法识别，应为 拟定 或 确定。`);
  let remindMinutes: number | null = null;
  if (raw.remind?.trim()) {
    const m = /^(\d{1,4})\s*(?:分钟?)?$/.exec(raw.remind.normalize('NFKC').trim());
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= 0 && n <= MAX_REMIND_MINUTES)) problems.push(`提前提醒「${raw.remind.slice(0, 10)}」应为 0 至 ${MAX_REMIND_MINUTES} 分钟，如「提醒:30」。`);
    else remindMinutes = n;
  }
  // A past day is recorded only as 补录, said so on the card and in the table; today is not past.
  if (date && date.date < ctx.today && !raw.backfill)
    problems.push(`日期「${date.understood}」已过。如为事后补录，请注明「补录」（一句话末尾加「补录」，或在表单中选择“补录”）。`);
  if (problems.length) throw badInput([...new Set(problems)].join('\n'));
  const notes = [date!.basis, parsedTime && 'basis' in parsedTime ? parsedTime.basis : undefined].filter((x): x is string => !!x);
  return {
    dateText: date!.understood,
    notes,
    fields: {
      date: date!.date,
      ...time!,
      activity,
      place,
      accompany,
      attendees,
      contact,
      visibility: visibility!,
      status: status as 'draft' | 'confirmed',
      backfilled: date!.date < ctx.today,
      remindMinutes,
    },
  };
}
