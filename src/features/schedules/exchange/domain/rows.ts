import { BotError } from '../../../../errors.js';
import type { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { parseDatePhrase, parseTimePhrase } from '../../../../platform/phrases/index.js';
import { isValidIsoDate, type IsoDate } from '../../../../platform/time.js';
import { resolveLeader, type Directory, type DirPerson } from '../../../org/index.js';
import { IMPORT_COLUMNS, STATUS_WORDS, VISIBILITY_WORDS, type ImportColumn } from './columns.js';
import type { ImportProblem, RawImportRow } from './table.js';
import type { DayPartCode } from './wording.js';

/** One imported row as understood: what the confirmation card shows and what is saved on 确认导入. */
export interface ImportDraft {
  row: number;
  leaderId: string;
  leaderName: string;
  date: IsoDate;
  dayPart: DayPartCode;
  startMinute: number | null;
  endMinute: number | null;
  activity: string;
  place: string;
  accompany: string;
  attendees: string;
  contact: string;
  visibility: 'public' | 'internal' | 'private';
  status: 'draft' | 'confirmed';
  /**
   * Its day had passed when it was read (补录): listed so by row number on the confirmation card, saved
   * marked 补录 as the one-line path saves one; a row whose day passes before 确认导入 is listed again.
   */
  backfilled: boolean;
}

export interface RowContext {
  today: IsoDate;
  calendar: WorkCalendar;
  directory: Directory;
  /** Whether the importing person may keep this leader's entries (re-checked when saving). */
  mayKeep: (leader: DirPerson) => boolean;
}

const PARTS: Record<string, DayPartCode> = { 上午: 'morning', 下午: 'afternoon', 晚上: 'evening', 全天: 'all_day' };
const MAX_TEXT = { activity: 200, place: 60, accompany: 100, attendees: 200, contact: 60 } as const;

/** Reads every row; returns the drafts, or every problem found (nothing is saved when there is one). */
export function readRows(rows: readonly RawImportRow[], ctx: RowContext): { drafts: ImportDraft[]; problems: ImportProblem[] } {
  const drafts: ImportDraft[] = [];
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    const read = readRow(r, ctx);
    if ('problems' in read) problems.push(...read.problems);
    else drafts.push(read);
  }
  return { drafts, problems };
}

function readRow(r: RawImportRow, ctx: RowContext): ImportDraft | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const at = (field: ImportColumn, message: string) =>
    problems.push({ row: r.rowNumber, field: IMPORT_COLUMNS[field].header, message: `第${r.rowNumber}行「${IMPORT_COLUMNS[field].header}」：${message}` });
  const value = (field: ImportColumn) => (r.values[field] ?? '').trim();
  const attempt = <T>(field: ImportColumn, fn: () => T): T | undefined => {
    if (!value(field) && IMPORT_COLUMNS[field].required) return void at(field, '未填写。');
    try {
      return fn();
    } catch (err) {
      if (err instanceof BotError) return void at(field, firstSentences(err.userMessage));
      throw err;
    }
  };

  const date = attempt('date', () => tableDate(value('date'), ctx));
  const time = attempt('time', () => parseTimePhrase(value('time'), '时间'));
  let dayPart: DayPartCode = 'exact';
  let startMinute: number | null = null;
  let endMinute: number | null = null;
  if (time?.kind === 'part') {
    const part = PARTS[time.part];
    if (part) dayPart = part;
    else at('time', `「${time.part}」无法对应到上午、下午、晚上或全天，请写明具体时间，如 12:00-13:30。`);
  } else if (time) {
    startMinute = time.start;
    endMinute = time.kind === 'span' ? time.end : null;
  }
  const leader = attempt('leader', () => resolveLeader(ctx.directory, value('leader'), { label: '领导' }));
  if (leader && !ctx.mayKeep(leader)) at('leader', `您不是${leader.name}的秘书，也不是秘书科人员，无权录入其日程。`);
  const activity = value('activity');
  if (!activity) at('activity', '未填写。');
  for (const field of Object.keys(MAX_TEXT) as (keyof typeof MAX_TEXT)[]) {
    if ([...value(field)].length > MAX_TEXT[field]) at(field, `超过 ${MAX_TEXT[field]} 字，请精简。`);
  }
  const visibilityText = value('visibility');
  const visibility = visibilityText ? VISIBILITY_WORDS[visibilityText.replace(/\s+/g, '')] : 'internal';
  if (!visibility) at('visibility', `「${visibilityText}」无法识别，请填写 公开、内部 或 不公开（不填为内部）。`);
  const statusText = value('status');
  const status = statusText ? STATUS_WORDS[statusText.replace(/\s+/g, '')] : 'confirmed';
  if (!status) at('status', `「${statusText}」无法识别，请填写 拟定 或 确定（不填为确定）。`);

  if (problems.length || !date || !time || !leader || !visibility || !status) return { problems };
  const backfilled = date < ctx.today;
  return {
    row: r.rowNumber,
    leaderId: leader.id,
    leaderName: leader.name,
    date,
    dayPart,
    startMinute,
    endMinute,
    // 补录 written into the activity by habit (检查安全生产（补录）) is the mark the entry carries anyway.
    activity: backfilled ? withoutBackfillNote(activity) : activity,
    place: value('place'),
    accompany: value('accompany'),
    attendees: value('attendees'),
    contact: value('contact'),
    visibility,
    status,
    backfilled,
  };
}

/** 检查安全生产（补录） → 检查安全生产; an activity that is nothing but the note is kept as written. */
function withoutBackfillNote(activity: string): string {
  return activity.replace(/\s*[（(]\s*补录\s*[）)]\s*$|\s+补录$/, '').trim() || activity;
}

/**
 * A date in a weekly table: a month and day without a year (12月4日) is the nearest such day — a week
 * just past is 补录, not next year's — while the phrase parser alone would read it forward.
 */
function tableDate(text: string, ctx: RowContext): IsoDate {
  const u = parseDatePhrase(text, { today: ctx.today, calendar: ctx.calendar, label: '日期' });
  if (u.form !== 'month_day' || daysBetween(ctx.today, u.date) <= 183) return u.date;
  const lastYear = `${Number(u.date.slice(0, 4)) - 1}${u.date.slice(4)}`;
  return isValidIsoDate(lastYear) ? lastYear : u.date;
}

const daysBetween = (a: IsoDate, b: IsoDate) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The phrase parser's message without its list of accepted forms (one line per row in the reply). */
function firstSentences(message: string): string {
  return message
    .split(/\n/)[0]!
    .replace(/可以这样写：$/, '')
    .trim();
}
