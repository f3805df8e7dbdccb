import { randomUUID } from 'node:crypto';
import type { Answer, ApiCall, Routes } from './types.js';

export interface FakeCalendarEvent {
  eventId: string;
  summary: string;
  description: string;
  location: string;
  start: { timestamp?: string; date?: string; timezone?: string };
  end: { timestamp?: string; date?: string; timezone?: string };
  visibility: string;
  /** open_ids added by calendarEventAttendee.create. */
  attendees: string[];
  status: 'confirmed' | 'cancelled';
  idempotencyKey?: string;
}

export interface FakeCalendarRecord {
  calendarId: string;
  summary: string;
  description: string;
  permissions: string;
  /** open_id (or `bot`) → role. */
  acl: Map<string, string>;
  events: Map<string, FakeCalendarEvent>;
}

const BASE = '/open-apis/calendar/v4/calendars';
const ROLES = new Set(['reader', 'writer', 'owner', 'free_busy_reader']);
const PERMISSIONS = new Set(['private', 'show_only_free_busy', 'public']);

type Time = FakeCalendarEvent['start'];

function readTime(t: unknown): Time | undefined {
  const v = t as { timestamp?: unknown; date?: unknown; timezone?: unknown } | undefined;
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.timestamp === 'string' && /^\d{9,11}$/.test(v.timestamp))
    return { timestamp: v.timestamp, timezone: typeof v.timezone === 'string' ? v.timezone : 'Asia/Shanghai' };
  if (typeof v.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date)) return { date: v.date };
  return undefined;
}

const startOf = (t: Time) => (t.timestamp ? Number(t.timestamp) : Date.parse(`${t.date}T00:00:00Z`) / 1000);

/**
 * Calendar v4 as the bot uses it (feature-notes §1): calendar create, ACL create (owner only), event
 * create with `idempotency_key` (the same key answers the same event) and without attendees in the body,
 * event patch and delete, and attendees added in their own call (organizer only). Only the bot's own
 * calendars exist here: like Lark with a tenant token, a person's primary calendar cannot be reached.
 */
export class FakeCalendar implements Routes {
  readonly calendars = new Map<string, FakeCalendarRecord>();

  handle(call: ApiCall, a: Answer): boolean {
    if (!call.path.startsWith(BASE)) return false;
    const rest = call.path.slice(BASE.length).split('/').filter(Boolean);
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (rest.length === 0 && call.method === 'POST') this.createCalendar(body, a);
    else if (rest.length === 2 && rest[1] === 'acls' && call.method === 'POST') this.createAcl(rest[0]!, call, body, a);
    else if (rest.length === 2 && rest[1] === 'events' && call.method === 'POST') this.createEvent(rest[0]!, call, body, a);
    else if (rest.length === 3 && rest[1] === 'events' && call.method === 'PATCH') this.patchEvent(rest[0]!, rest[2]!, body, a);
    else if (rest.length === 3 && rest[1] === 'events' && call.method === 'DELETE') this.deleteEvent(rest[0]!, rest[2]!, a);
    else if (rest.length === 4 && rest[1] === 'events' && rest[3] === 'attendees' && call.method === 'POST')
      this.addAttendees(rest[0]!, rest[2]!, call, body, a);
    else if (rest[0] === 'primary' || rest[0] === 'primarys') a.fail(400, 190004, '应用身份不支持搜索用户主日历');
    else a.fail(404, 190002, `calendar route not implemented by the fake: ${call.method} ${call.path}`);
    return true;
  }

  /** Every live (not deleted) event of the bot's calendars, oldest first. */
  events(): FakeCalendarEvent[] {
    return [...this.calendars.values()]
      .flatMap((c) => [...c.events.values()].filter((e) => e.status === 'confirmed'))
      .sort((x, y) => startOf(x.start) - startOf(y.start));
  }

  private calendar(id: string, a: Answer): FakeCalendarRecord | undefined {
    const c = this.calendars.get(id);
    // 191002: no access (the fake knows no calendar but the bot's own).
    if (!c) a.fail(403, 191002, 'no calendar access');
    return c;
  }

  private createCalendar(body: Record<string, unknown>, a: Answer): void {
    const summary = typeof body.summary === 'string' ? body.summary : '';
    const permissions = typeof body.permissions === 'string' ? body.permissions : 'private';
    if (!summary || summary.length > 255 || !PERMISSIONS.has(permissions)) return a.fail(400, 99992402, 'field validation failed: summary / permissions');
    const calendarId = `feishu.cn_${randomUUID().replace(/-/g, '').slice(0, 22)}@group.calendar.feishu.cn`;
    const c: FakeCalendarRecord = {
      calendarId,
      summary,
      description: String(body.description ?? ''),
      permissions,
      acl: new Map([['bot', 'owner']]),
      events: new Map(),
    };
    this.calendars.set(calendarId, c);
    a.reply(200, {
      code: 0,
      msg: 'success',
      data: { calendar: { calendar_id: calendarId, summary, description: c.description, permissions, role: 'owner', type: 'shared' } },
    });
  }

  private createAcl(calendarId: string, call: ApiCall, body: Record<string, unknown>, a: Answer): void {
    const c = this.calendar(calendarId, a);
    if (!c) return;
    const scope = body.scope as { type?: unknown; user_id?: unknown } | undefined;
    if (
      call.query.user_id_type !== 'open_id' ||
      typeof body.role !== 'string' ||
      !ROLES.has(body.role) ||
      scope?.type !== 'user' ||
      typeof scope.user_id !== 'string' ||
      !scope.user_id
    )
      return a.fail(400, 99992402, 'field validation failed: role / scope.user_id (the fake knows open_ids only)');
    c.acl.set(scope.user_id, body.role);
    a.reply(200, { code: 0, msg: 'success', data: { acl_id: `user_${scope.user_id}`, role: body.role, scope: { type: 'user', user_id: scope.user_id } } });
  }

  private readEvent(
    body: Record<string, unknown>,
    a: Answer,
    base?: FakeCalendarEvent,
  ): Omit<FakeCalendarEvent, 'eventId' | 'attendees' | 'status'> | undefined {
    const start = body.start_time === undefined && base ? base.start : readTime(body.start_time);
    const end = body.end_time === undefined && base ? base.end : readTime(body.end_time);
    if (!start || !end) return void a.fail(400, 99992402, 'field validation failed: start_time / end_time');
    if (startOf(end) < startOf(start)) return void a.fail(400, 193103, 'end time is before start time');
    const summary = typeof body.summary === 'string' ? body.summary : (base?.summary ?? '');
    if (summary.length > 1000) return void a.fail(400, 99992402, 'field validation failed: summary');
    const location = (body.location as { name?: unknown } | undefined)?.name;
    return {
      summary,
      description: typeof body.description === 'string' ? body.description : (base?.description ?? ''),
      location: typeof location === 'string' ? location : (base?.location ?? ''),
      start,
      end,
      visibility: typeof body.visibility === 'string' ? body.visibility : (base?.visibility ?? 'default'),
    };
  }

  private view(e: FakeCalendarEvent) {
    return {
      event_id: e.eventId,
      summary: e.summary,
      description: e.description,
      location: { name: e.location },
      start_time: e.start,
      end_time: e.end,
      visibility: e.visibility,
      status: e.status,
    };
  }

  private createEvent(calendarId: string, call: ApiCall, body: Record<string, unknown>, a: Answer): void {
    const c = this.calendar(calendarId, a);
    if (!c) return;
    if ('attendees' in body) return a.fail(400, 99992402, 'field validation failed: attendees are added with calendarEventAttendee.create');
    const key = call.query.idempotency_key;
    const again = key ? [...c.events.values()].find((e) => e.idempotencyKey === key) : undefined;
    if (again) return a.reply(200, { code: 0, msg: 'success', data: { event: this.view(again) } });
    const fields = this.readEvent(body, a);
    if (!fields) return;
    const e: FakeCalendarEvent = { ...fields, eventId: `${randomUUID()}_0`, attendees: [], status: 'confirmed', ...(key ? { idempotencyKey: key } : {}) };
    c.events.set(e.eventId, e);
    a.reply(200, { code: 0, msg: 'success', data: { event: this.view(e) } });
  }

  private liveEvent(c: FakeCalendarRecord, eventId: string, a: Answer): FakeCalendarEvent | undefined {
    const e = c.events.get(eventId);
    if (!e) return void a.fail(404, 193001, 'event not found');
    if (e.status === 'cancelled') return void a.fail(400, 193002, 'event has been deleted');
    return e;
  }

  private patchEvent(calendarId: string, eventId: string, body: Record<string, unknown>, a: Answer): void {
    const c = this.calendar(calendarId, a);
    const e = c && this.liveEvent(c, eventId, a);
    if (!e) return;
    const fields = this.readEvent(body, a, e);
    if (!fields) return;
    Object.assign(e, fields);
    a.reply(200, { code: 0, msg: 'success', data: { event: this.view(e) } });
  }

  private deleteEvent(calendarId: string, eventId: string, a: Answer): void {
    const c = this.calendar(calendarId, a);
    const e = c && this.liveEvent(c, eventId, a);
    if (!e) return;
    e.status = 'cancelled';
    a.reply(200, { code: 0, msg: 'success', data: {} });
  }

  private addAttendees(calendarId: string, eventId: string, call: ApiCall, body: Record<string, unknown>, a: Answer): void {
    const c = this.calendar(calendarId, a);
    const e = c && this.liveEvent(c, eventId, a);
    if (!e) return;
    const list = body.attendees;
    if (call.query.user_id_type !== 'open_id' || !Array.isArray(list) || !list.length || list.length > 3000)
      return a.fail(400, 99992402, 'field validation failed: attendees (1 to 3000, open_ids)');
    const ids: string[] = [];
    for (const item of list as { type?: unknown; user_id?: unknown }[]) {
      if (item?.type !== 'user' || typeof item.user_id !== 'string' || !item.user_id) return a.fail(400, 99992402, 'field validation failed: attendee');
      ids.push(item.user_id);
    }
    for (const id of ids) if (!e.attendees.includes(id)) e.attendees.push(id);
    a.reply(200, {
      code: 0,
      msg: 'success',
      data: { attendees: e.attendees.map((user_id) => ({ type: 'user', user_id, attendee_id: `user_${user_id}`, rsvp_status: 'needs_action' })) },
    });
  }
}
