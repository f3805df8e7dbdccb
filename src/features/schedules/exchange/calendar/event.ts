import type { CalendarEventInput } from '../../../../ports/calendar.js';
import { formatMinute } from '../../../../platform/phrases/index.js';
import { atBeijing } from '../../../../platform/time.js';
import type { Entry } from '../../domain/entry.js';
import { occupiedSpan, STATUS_LABEL } from '../domain/wording.js';

/**
 * An entry as an event of the shared calendar. Only leaders (reader) and secretaries (writer) see that
 * calendar, so 公开 and 内部 entries go in full; a 不公开 one is written as 公务活动 with Lark's `private`
 * visibility and no details, as elsewhere outside its keepers.
 */
export function eventOf(e: Entry, leaderName: string): CalendarEventInput {
  const hidden = e.visibility === 'private';
  const [start, end] = occupiedSpan(e);
  const at = (minute: number) => ({ timestamp: Math.floor(atBeijing(e.date, formatMinute(Math.min(minute, 23 * 60 + 59))).getTime() / 1000) });
  const when = e.dayPart === 'all_day' ? { start: { date: e.date }, end: { date: e.date } } : { start: at(start), end: at(end) };
  const details = hidden
    ? []
    : [e.accompany && `陪同：${e.accompany}`, e.attendees && `参加：${e.attendees}`, e.contact && `联系人：${e.contact}`].filter((s): s is string =>
        Boolean(s),
      );
  if (e.status === 'draft') details.unshift(`状态：${STATUS_LABEL.draft}`);
  return {
    summary: `${leaderName} ${hidden ? '公务活动' : e.activity}`,
    description: [...details, '（由三办助手按领导日程同步，请在助手中修改。）'].join('\n'),
    location: hidden ? '' : e.place,
    ...when,
    visibility: hidden ? 'private' : 'default',
  };
}

/** Lark's idempotency key for the entry's event: a retried create answers the same event. */
export const eventKey = (entryId: string) => `sanban-schedule-${entryId}`;
