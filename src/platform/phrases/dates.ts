import type { WorkCalendar } from '../calendar/work-calendar.js';
import { addDays, isValidIsoDate, weekday, type IsoDate } from '../time.js';
import { PhraseError, dateFormsHint } from './errors.js';
import { describeDate } from './format.js';
import { NUMERAL_CHARS, parseCount } from './numerals.js';

/**
 * Chinese date phrases → one calendar date, with what was understood written out for confirmation.
 * Pure: today's date and the working calendar come in; nothing reads a clock. The result is any date,
 * past or on a day off: whether that is acceptable is the caller's rule (a deadline, a meeting…).
 */
export interface DatePhraseContext {
  today: IsoDate;
  calendar: WorkCalendar;
  /** What the date is for, in messages: 期限、日期、会议日期… (default 日期). */
  label?: string;
}

export type DateForm = 'exact' | 'month_day' | 'day_of_month' | 'relative_day' | 'weekday' | 'month_edge' | 'working_days' | 'days';

export interface UnderstoodDate {
  date: IsoDate;
  /** `exact`: the phrase named year, month and day; every other form was resolved against today. */
  form: DateForm;
  /** The date the office way, e.g. `12月18日（周五）` or `10月2日（周五，国庆节假期）`: show it to confirm. */
  understood: string;
  /** How a relative phrase was counted, e.g. `今天起第3个工作日`, `本月最后一个工作日`. */
  basis?: string;
  working: boolean;
  /** The festival of a day off (国庆节…). */
  holidayName?: string;
}

const N = `[${NUMERAL_CHARS}]+`;
const FULL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:[+-]\d{4})?$/; // the picker's `2026-12-15 +0800` too
const FULL_DATE_HAN = new RegExp(`^([0-9零〇一二三四五六七八九]{4})年(${N})月(${N})[日号]?$`);
const MONTH_DAY = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/;
const MONTH_DAY_HAN = new RegExp(`^(${N})月(${N})[日号]?$`);
const DAY_OF_MONTH = new RegExp(`^(?:本月)?(${N})[日号]$`);
const WORKING_DAYS = new RegExp(`^(${N})个?工作日(?:内|之内|以内|后)?$`);
const CALENDAR_DAYS = new RegExp(`^(${N})(?:天|日)(?:内|之内|以内|后)$|^(${N})天$`);
const WEEKDAY = /^(本|这|下下|下)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])$/;
const MONTH_EDGE = /^(本|这个?|下个?|下下个?)?月(底|末|初)$/;
const YEAR_END = /^(?:本|今)?年(?:底|末)$/;
const RELATIVE: Record<string, [number, string]> = {
  今天: [0, '今天'],
  今日: [0, '今天'],
  明天: [1, '明天'],
  明日: [1, '明天'],
  后天: [2, '后天'],
  大后天: [3, '大后天'],
};
const WEEKDAY_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** Read a date phrase; throws PhraseError (a `bad_input` BotError) with the accepted forms when it cannot. */
export function parseDatePhrase(text: string, ctx: DatePhraseContext): UnderstoodDate {
  const label = ctx.label ?? '日期';
  const raw = text.normalize('NFKC').replace(/\s+/g, '');
  const shown = text.trim().slice(0, 30);
  if (!raw) throw new PhraseError('unrecognised', `请填写${label}。${dateFormsHint()}`);
  // 12月18日前、下周五之前: a deadline's "by" changes nothing. (Not after 天: 3天前 means three days ago.)
  const t = /天(?:之|以)?前$/.test(raw) ? raw : raw.replace(/(?:之前|以前|前|为止)$/, '');
  const invalid = (why: string) => new PhraseError('invalid_date', `${label}「${shown}」不是有效日期：${why}。${dateFormsHint()}`);
  const unrecognised = () => new PhraseError('unrecognised', `无法识别${label}「${shown}」。${dateFormsHint()}`);
  // A count that is not a number (一一三个工作日) is a phrase we cannot read, not a date that does not exist.
  const notCount = () => unrecognised();
  const result = (date: IsoDate, form: DateForm, basis?: string): UnderstoodDate => {
    const info = ctx.calendar.dayInfo(date);
    return {
      date,
      form,
      understood: describeDate(date, ctx.today, ctx.calendar),
      ...(basis ? { basis } : {}),
      working: info.working,
      ...(info.reason === 'holiday' && info.name ? { holidayName: info.name } : {}),
    };
  };

  let m = FULL_DATE.exec(t) ?? FULL_DATE_HAN.exec(t);
  if (m) return result(checkedDate(parseCount(m[1]!)!, m[2]!, m[3]!, invalid), 'exact');

  m = MONTH_DAY.exec(t) ?? MONTH_DAY_HAN.exec(t);
  if (m) {
    const year = Number(ctx.today.slice(0, 4));
    const thisYear = checkedDate(year, m[1]!, m[2]!, invalid);
    // Already past this year: the person means next year (12月 typing 1月5日).
    return thisYear >= ctx.today ? result(thisYear, 'month_day') : result(checkedDate(year + 1, m[1]!, m[2]!, invalid), 'month_day', '今年该日已过，按明年');
  }

  m = DAY_OF_MONTH.exec(t);
  if (m) {
    const [y, mo] = [Number(ctx.today.slice(0, 4)), Number(ctx.today.slice(5, 7))];
    const day = countOf(m[1]!, invalid);
    if (day < 1 || day > 31) throw invalid('日应为 1 至 31');
    const here = isoOf(y, mo, day);
    if (day >= Number(ctx.today.slice(8, 10))) {
      // Still ahead this month, so this month is meant: 31号 in November is an error, not 12月31日.
      if (!isValidIsoDate(here)) throw invalid(`${y}年${mo}月只有${daysInMonth(y, mo)}天`);
      return result(here, 'day_of_month', '本月');
    }
    const [ny, nm] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
    const next = isoOf(ny, nm, day);
    if (!isValidIsoDate(next)) throw invalid(`${ny}年${nm}月只有${daysInMonth(ny, nm)}天`);
    return result(next, 'day_of_month', '本月该日已过，按下月');
  }

  if (RELATIVE[t]) {
    const [n, word] = RELATIVE[t]!;
    return result(addDays(ctx.today, n), 'relative_day', word);
  }

  m = WEEKDAY.exec(t);
  if (m) {
    const target = /\d/.test(m[2]!) ? Number(m[2]) : WEEKDAY_NUMBER[m[2]!]!;
    const dow = weekday(ctx.today) || 7; // Monday 1 … Sunday 7: an office week starts on Monday
    const monday = addDays(ctx.today, 1 - dow);
    const weeks = m[1] === '下下' ? 2 : m[1] === '下' ? 1 : m[1] ? 0 : target >= dow ? 0 : 1;
    const name = `周${'一二三四五六日'[target - 1]}`;
    const basis = m[1]
      ? `${m[1] === '这' ? '本' : m[1]}周${name.slice(1)}`
      : weeks
        ? `本周${name.slice(1)}已过，按下周${name.slice(1)}`
        : `本周${name.slice(1)}`;
    return result(addDays(monday, weeks * 7 + target - 1), 'weekday', basis);
  }

  m = MONTH_EDGE.exec(t);
  if (m) {
    const ahead = !m[1] || /^[本这]/.test(m[1]) ? 0 : m[1].startsWith('下下') ? 2 : 1;
    const first = firstOfMonth(ctx.today, ahead);
    const month = ['本月', '下月', '下下月'][ahead]!;
    // 月底 in an office is the month's last working day, 月初 its first: a day off is not meant.
    if (m[2] === '初') return result(ctx.calendar.workingDayOnOrAfter(first), 'month_edge', `${month}第一个工作日`);
    return result(ctx.calendar.previousWorkingDay(firstOfMonth(ctx.today, ahead + 1)), 'month_edge', `${month}最后一个工作日`);
  }

  if (YEAR_END.test(t)) {
    const next = `${Number(ctx.today.slice(0, 4)) + 1}-01-01`;
    return result(ctx.calendar.previousWorkingDay(next), 'month_edge', '今年最后一个工作日');
  }

  m = WORKING_DAYS.exec(t);
  if (m) {
    const n = countOf(m[1]!, notCount);
    if (n < 1 || n > 999) throw new PhraseError('out_of_range', `${label}「${shown}」应为 1 至 999 个工作日。`);
    // Counted from the next working day: the day it is given does not count (WorkCalendar.addWorkingDays).
    return result(ctx.calendar.addWorkingDays(ctx.today, n), 'working_days', `今天起第${n}个工作日`);
  }

  m = CALENDAR_DAYS.exec(raw);
  if (m) {
    const n = countOf(m[1] ?? m[2]!, notCount);
    if (n < 1 || n > 999) throw new PhraseError('out_of_range', `${label}「${shown}」应为 1 至 999 天。`);
    return result(addDays(ctx.today, n), 'days', `今天起第${n}天`);
  }

  throw unrecognised();
}

function countOf(text: string, invalid: (why: string) => PhraseError): number {
  const n = parseCount(text);
  if (n === undefined) throw invalid(`「${text.slice(0, 10)}」不是数字`);
  return n;
}

/** The ISO date of year/month/day as typed, or a precise reason it does not exist. */
function checkedDate(year: number, monthText: string, dayText: string, invalid: (why: string) => PhraseError): IsoDate {
  const month = countOf(monthText, invalid);
  const day = countOf(dayText, invalid);
  if (year < 1000) throw invalid('年份应为四位数');
  if (month < 1 || month > 12) throw invalid('月份应为 1 至 12');
  if (day < 1) throw invalid('日应从 1 日起');
  const days = daysInMonth(year, month);
  if (day > days) throw invalid(`${year}年${month}月只有${days}天`);
  return isoOf(year, month, day);
}

const isoOf = (y: number, m: number, d: number): IsoDate => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function daysInMonth(year: number, month: number): number {
  for (let d = 31; d > 28; d--) if (isValidIsoDate(isoOf(year, month, d))) return d;
  return 28;
}

/** The first day of the month `ahead` months after today's. */
function firstOfMonth(today: IsoDate, ahead: number): IsoDate {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + ahead;
  return isoOf(Math.floor(index / 12), (index % 12) + 1, 1);
}
