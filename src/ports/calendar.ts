import type { Result } from './messenger.js';

/** One event as the bot writes it into its shared calendar (calendar v4; times in seconds). */
export interface CalendarEventInput {
  summary: string;
  description: string;
  location: string;
  /** A timed event (`timestamp`, Asia/Shanghai) or an all-day one (`date`, YYYY-MM-DD, fixed at UTC+0 by Lark). */
  start: { timestamp: number } | { date: string };
  end: { timestamp: number } | { date: string };
  /** Lark's event visibility: `default` follows the calendar, `private` hides the details from readers. */
  visibility: 'default' | 'private';
}

export type CalendarRole = 'reader' | 'writer';

/**
 * The bot's own shared calendar through calendar v4 (adapters/lark-calendar.ts). A tenant token reaches
 * only calendars the bot owns: a leader's primary calendar is out of reach, and this port does not offer
 * to read it (lark-notes §3.6, feature-notes §1).
 */
export interface LarkCalendar {
  /** `calendar.create`: a shared calendar the bot owns. Returns its calendar_id. */
  createCalendar(summary: string, description: string): Promise<Result<string>>;
  /** `calendarAcl.create` (the bot is the owner): a person gets reader or writer access. */
  grant(calendarId: string, openId: string, role: CalendarRole): Promise<Result<void>>;
  /** `calendarEvent.create` with `idempotency_key` (a retry returns the same event). Returns its event_id. */
  createEvent(calendarId: string, event: CalendarEventInput, idempotencyKey: string): Promise<Result<string>>;
  /** `calendarEvent.patch`. */
  patchEvent(calendarId: string, eventId: string, event: CalendarEventInput): Promise<Result<void>>;
  /** `calendarEvent.delete`; an event already gone counts as done. */
  deleteEvent(calendarId: string, eventId: string): Promise<Result<void>>;
  /** `calendarEventAttendee.create`: attendees go in this second call, never in the event's body. */
  addAttendees(calendarId: string, eventId: string, openIds: readonly string[]): Promise<Result<void>>;
}
