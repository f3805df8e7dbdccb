import { badInput } from '../../../../errors.js';
import type { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { parseDatePhrase, parseTimePhrase, type UnderstoodDate } from '../../../../platform/phrases/index.js';
import { formatMinute } from '../../../../platform/phrases/index.js';
import { atBeijing, type IsoDate } from '../../../../platform/time.js';

export const NEW_MEETING_EXAMPLE = '会议 新建 常务会 12月8日上午9:00 三楼会议室';

/** What `会议 新建 <类型> <日期时间> <地点>` says, before the type is looked up. */
export interface MeetingLine {
  typeText: string;
  date: UnderstoodDate;
  /** Minute of the Beijing day the meeting starts. */
  startMinute: number;
  /** How the time was read (下午3点 for 3点), said back on the confirmation card. */
  notes: string[];
  place: string;
}

const MAX_PLACE = 100;

/**
 * Reads the words after 新建: the type, then the date and the time (together or apart: 12月8日上午9:00,
 * 12月8日 上午9:00, 下周一 9点), then the place (the rest). The time must be a start time: 上午 alone is
 * not a meeting time. Throws bad_input with the accepted forms.
 */
export function parseMeetingLine(argv: readonly string[], ctx: { today: IsoDate; calendar: WorkCalendar }): MeetingLine {
  const [typeText, ...rest] = argv;
  if (!typeText) throw badInput(`请写明会议类型、时间和地点，如「${NEW_MEETING_EXAMPLE}」。`);
  if (!rest.length) throw badInput(`请写明会议时间和地点，如「${NEW_MEETING_EXAMPLE}」。`);
  const first = rest[0]!;
  let date: UnderstoodDate | undefined;
  let timeText = '';
  let used = 1;
  // The longest head of the first word that reads as a date; what follows is the time.
  for (let i = first.length; i > 0 && !date; i--) {
    try {
      date = parseDatePhrase(first.slice(0, i), { ...ctx, label: '会议日期' });
      timeText = first.slice(i);
    } catch {
      /* a shorter head may be the date */
    }
  }
  if (!date) date = parseDatePhrase(first, { ...ctx, label: '会议日期' });
  if (!timeText) {
    timeText = rest[1] ?? '';
    used = 2;
  }
  if (!timeText) throw badInput(`请写明会议开始时间，如「${NEW_MEETING_EXAMPLE}」。`);
  const time = parseTimePhrase(timeText, '会议时间');
  if (time.kind === 'part') throw badInput(`请写明会议的具体开始时间（如「上午9:00」），「${time.understood}」不能作为会议时间。`);
  const place = rest.slice(used).join(' ').trim();
  if (!place) throw badInput(`请写明会议地点，如「${NEW_MEETING_EXAMPLE}」。`);
  if (place.length > MAX_PLACE) throw badInput(`会议地点过长（不超过${MAX_PLACE}字）。`);
  return { typeText, date, startMinute: time.start, notes: time.basis ? [time.basis] : [], place };
}

/** The instant a meeting starts. */
export const startOf = (date: IsoDate, minute: number): Date => atBeijing(date, formatMinute(minute));
