import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import type { CalendarEventInput, CalendarRole, LarkCalendar } from '../ports/calendar.js';
import type { Result } from '../ports/messenger.js';
import { callLark, type LarkBody } from './lark-call.js';

/** Lark's ids are letters, digits and a few marks; anything else is refused before a call (path parameters go into the URL verbatim). */
const ID = /^[A-Za-z0-9_.@-]{1,128}$/;
/** calendarEvent.delete of an event already deleted (193001 not found, 193002 deleted). */
const EVENT_GONE = new Set([193001, 193002]);

const TZ = 'Asia/Shanghai';

function time(t: CalendarEventInput['start']): { timestamp?: string; date?: string; timezone: string } {
  return 'date' in t ? { date: t.date, timezone: TZ } : { timestamp: String(t.timestamp), timezone: TZ };
}

function eventBody(e: CalendarEventInput) {
  return {
    summary: e.summary,
    description: e.description,
    location: { name: e.location },
    start_time: time(e.start),
    end_time: time(e.end),
    visibility: e.visibility,
  };
}

/**
 * The LarkCalendar port over the real SDK client (feature-notes §1): calendar.create, calendarAcl.create,
 * calendarEvent.create/patch/delete and calendarEventAttendee.create. Errors are the messenger's
 * (lark-errors.ts), with the same single retry on a refused tenant token.
 */
export class LarkCalendarAdapter implements LarkCalendar {
  constructor(
    private readonly client: lark.Client,
    private readonly tokenCache: lark.DefaultCache,
    private readonly log: Logger,
  ) {}

  private call<T>(ids: readonly string[], fn: () => Promise<unknown>, pick: (body: LarkBody) => Result<T>): Promise<Result<T>> {
    if (ids.some((id) => !ID.test(id))) return Promise.resolve({ ok: false, error: { kind: 'other', code: 99992402, message: 'not a calendar or event id' } });
    return callLark(fn as () => Promise<LarkBody>, (b) => b, this.tokenCache, this.log).then((r) => (r.ok ? pick(r.value) : r));
  }

  createCalendar(summary: string, description: string): Promise<Result<string>> {
    return this.call(
      [],
      () => this.client.calendar.v4.calendar.create({ data: { summary, description, permissions: 'private' } }),
      (b) => {
        const id = (b.data as { calendar?: { calendar_id?: string } } | undefined)?.calendar?.calendar_id;
        return id
          ? { ok: true, value: id }
          : { ok: false, error: { kind: 'server_error', status: 200, message: 'calendar.create answered without calendar_id' } };
      },
    );
  }

  grant(calendarId: string, openId: string, role: CalendarRole): Promise<Result<void>> {
    return this.call(
      [calendarId],
      () =>
        this.client.calendar.v4.calendarAcl.create({
          path: { calendar_id: calendarId },
          params: { user_id_type: 'open_id' },
          data: { role, scope: { type: 'user', user_id: openId } },
        }),
      () => ({ ok: true, value: undefined }),
    );
  }

  createEvent(calendarId: string, event: CalendarEventInput, idempotencyKey: string): Promise<Result<string>> {
    return this.call(
      [calendarId],
      () =>
        this.client.calendar.v4.calendarEvent.create({
          path: { calendar_id: calendarId },
          params: { idempotency_key: idempotencyKey, user_id_type: 'open_id' },
          data: eventBody(event),
        }),
      (b) => {
        const id = (b.data as { event?: { event_id?: string } } | undefined)?.event?.event_id;
        return id ? { ok: true, value: id } : { ok: false, error: { kind: 'server_error', status: 200, message: 'event.create answered without event_id' } };
      },
    );
  }

  patchEvent(calendarId: string, eventId: string, event: CalendarEventInput): Promise<Result<void>> {
    return this.call(
      [calendarId, eventId],
      () =>
        this.client.calendar.v4.calendarEvent.patch({
          path: { calendar_id: calendarId, event_id: eventId },
          params: { user_id_type: 'open_id' },
          data: eventBody(event),
        }),
      () => ({ ok: true, value: undefined }),
    );
  }

  async deleteEvent(calendarId: string, eventId: string): Promise<Result<void>> {
    const r = await this.call(
      [calendarId, eventId],
      () => this.client.calendar.v4.calendarEvent.delete({ path: { calendar_id: calendarId, event_id: eventId }, params: { need_notification: 'false' } }),
      () => ({ ok: true, value: undefined }),
    );
    if (!r.ok && 'code' in r.error && r.error.code !== undefined && EVENT_GONE.has(r.error.code)) return { ok: true, value: undefined };
    return r;
  }

  addAttendees(calendarId: string, eventId: string, openIds: readonly string[]): Promise<Result<void>> {
    return this.call(
      [calendarId, eventId],
      () =>
        this.client.calendar.v4.calendarEventAttendee.create({
          path: { calendar_id: calendarId, event_id: eventId },
          params: { user_id_type: 'open_id' },
          data: { attendees: openIds.map((user_id) => ({ type: 'user' as const, user_id })), need_notification: false },
        }),
      () => ({ ok: true, value: undefined }),
    );
  }
}
