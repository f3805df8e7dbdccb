import { PhraseError, timeFormsHint } from './errors.js';
import { formatMinute } from './format.js';
import { NUMERAL_CHARS, parseCount } from './numerals.js';

/**
 * Times of day as people type them for a schedule: a moment (`上午9点`, `9:30`, `下午3点半`), a span
 * (`14:00-16:00`, `上午9点至11点`) or a part of the day (`上午`, `下午`, `晚上`, `全天`). Pure; minutes
 * are minutes since midnight. A part of the day is returned as such, not turned into hours we would guess.
 */
export type DayPart = '上午' | '中午' | '下午' | '晚上' | '全天';

export type UnderstoodTime =
  | { kind: 'at'; start: number; understood: string; basis?: string }
  | { kind: 'span'; start: number; end: number; understood: string; basis?: string }
  | { kind: 'part'; part: DayPart; understood: string };

const PARTS: Record<string, DayPart> = {
  上午: '上午',
  早上: '上午',
  早晨: '上午',
  中午: '中午',
  下午: '下午',
  晚上: '晚上',
  傍晚: '晚上',
  全天: '全天',
  整天: '全天',
  一天: '全天',
};
const N = `[${NUMERAL_CHARS}]+`;
const MOMENT = new RegExp(`^(上午|早上|早晨|中午|下午|傍晚|晚上)?(?:(\\d{1,2}):(\\d{2})|(${N})[点时](?:(半)|(一刻)|(三刻)|(${N})分?)?)$`);
const RANGE_MARK = /[-–—~至到]/;

interface Moment {
  minute: number;
  part?: string;
  /** Set when an hour without 上午/下午 was read as afternoon. */
  basis?: string;
}

export function parseTimePhrase(text: string, label = '时间'): UnderstoodTime {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const shown = text.trim().slice(0, 30);
  const unrecognised = () => new PhraseError('unrecognised', `无法识别${label}「${shown}」。${timeFormsHint()}`);
  const invalid = (why: string) => new PhraseError('invalid_time', `${label}「${shown}」不是有效时间：${why}。${timeFormsHint()}`);
  if (!t) throw new PhraseError('unrecognised', `请填写${label}。${timeFormsHint()}`);
  if (PARTS[t]) return { kind: 'part', part: PARTS[t]!, understood: PARTS[t]! };

  const ends = t.split(RANGE_MARK);
  if (ends.length > 2) throw unrecognised();
  const start = readMoment(ends[0]!, undefined, unrecognised, invalid);
  if (ends.length === 1) return { kind: 'at', start: start.minute, understood: formatMinute(start.minute), ...(start.basis ? { basis: start.basis } : {}) };
  // 下午3点至5点: the end takes the start's part of the day.
  const end = readMoment(ends[1]!, start.part, unrecognised, invalid);
  if (end.minute <= start.minute) throw invalid('结束时间应晚于开始时间');
  const basis = start.basis ?? end.basis;
  return {
    kind: 'span',
    start: start.minute,
    end: end.minute,
    understood: `${formatMinute(start.minute)}至${formatMinute(end.minute)}`,
    ...(basis ? { basis } : {}),
  };
}

function readMoment(text: string, inheritedPart: string | undefined, unrecognised: () => PhraseError, invalid: (why: string) => PhraseError): Moment {
  const m = MOMENT.exec(text);
  if (!m) throw unrecognised();
  const part = m[1] ?? inheritedPart;
  const hour = m[2] !== undefined ? Number(m[2]) : parseCount(m[4]!);
  const minute = m[3] !== undefined ? Number(m[3]) : m[5] ? 30 : m[6] ? 15 : m[7] ? 45 : m[8] ? parseCount(m[8]) : 0;
  if (hour === undefined || minute === undefined) throw unrecognised();
  if (minute > 59) throw invalid('分钟应为 0 至 59');
  if (hour > 24 || (hour === 24 && minute > 0)) throw invalid('小时应为 0 至 24');
  let h = hour;
  let basis: string | undefined;
  if (part === '上午' || part === '早上' || part === '早晨') {
    if (h > 12) throw invalid(`上午没有${hour}点`);
  } else if (part === '中午') {
    if (h >= 1 && h <= 2) h += 12;
    else if (h !== 11 && h !== 12) throw invalid(`中午没有${hour}点`);
  } else if (part === '下午' || part === '傍晚' || part === '晚上') {
    if (h < 12) h += 12;
    else if (h === 12 && part !== '下午') throw invalid(`${part}没有12点，请写明日期与时间`);
  } else if (m[4] !== undefined && h >= 1 && h <= 6) {
    // 3点开会 in an office is 15:00; said aloud in the result, never assumed silently.
    h += 12;
    basis = `${hour}点按下午${hour}点`;
  }
  return { minute: h * 60 + minute, ...(m[1] ? { part: m[1] } : inheritedPart ? { part: inheritedPart } : {}), ...(basis ? { basis } : {}) };
}
