import { addDays, atBeijing, beijingDate, type IsoDate } from '../../../../platform/time.js';

/**
 * When the event happened, as the report says it (今天下午3时20分, 昨晚11点, 12月1日16:00, 16时许): the
 * 3-hour clock runs from it. Read on the Beijing calendar of the reporting instant; a time of day later
 * than the report is taken as the day before (a report at 08:00 of 23时 means last night). Undefined when
 * the text names no time of day (the clock then runs from the report).
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function numeral(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return undefined;
  if (!text.includes('十')) return [...text].reduce((n, c) => n * 10 + DIGITS[c]!, 0);
  const [tens, ones] = text.split('十');
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

const N = '(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';
const PART = '(凌晨|早上|清晨|上午|中午|下午|傍晚|晚上|夜间|深夜|晚)?';
const DAY = `(今天|今日|今晨|昨天|昨日|昨晚|(${N})月(${N})日)?`;
const CLOCK = new RegExp(`${DAY}${PART}${N}(?:[时点:：])(?:(\\d{1,2}|[零〇一二三四五六七八九十]{1,3})分?|(半))?`);

export function parseEventTime(text: string, reportedAt: Date): Date | undefined {
  const m = CLOCK.exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const [, dayWord, , monthText, , dayText, partWord, hourText, minuteText, half] = m;
  let hour = numeral(hourText!);
  const minute = half ? 30 : minuteText ? numeral(minuteText) : 0;
  if (hour === undefined || minute === undefined || hour > 24 || minute > 59) return undefined;
  const part = partWord ?? (dayWord === '昨晚' ? '晚上' : dayWord === '今晨' ? '凌晨' : undefined);
  if (part && /下午|傍晚|晚上|夜间|深夜|晚/.test(part) && hour < 12) hour += 12;
  if (part === '中午' && hour < 6) hour += 12;
  if (hour === 24) hour = 0;
  const today = beijingDate(reportedAt);
  let date: IsoDate = today;
  if (dayWord === '昨天' || dayWord === '昨日' || dayWord === '昨晚') date = addDays(today, -1);
  else if (monthText && dayText) {
    const month = numeral(monthText);
    const day = numeral(dayText);
    if (!month || !day || month > 12 || day > 31) return undefined;
    date = `${today.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (date > today) date = `${Number(today.slice(0, 4)) - 1}${date.slice(4)}`;
  }
  const at = atBeijing(date, `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  // 23时 reported at 08:00 with no day named: last night.
  if (!dayWord && at.getTime() > reportedAt.getTime()) return new Date(at.getTime() - 86_400_000);
  return at;
}
