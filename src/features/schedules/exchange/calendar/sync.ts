import type { FeatureDeps } from '../../../deps.js';
import type { CalendarRole } from '../../../../ports/calendar.js';
import { addGranted, claimCalendarLink, readCalendarLink, reclaimStaleLink, saveCalendarId } from '../repositories/calendar-link.js';
import { leaderAndSecretaries } from '../repositories/keepers.js';
import { findEntry } from '../../repositories/entries.js';
import { setCalendarEventId, unsyncedEntryIds } from '../repositories/week.js';
import { beijingDate } from '../../../../platform/time.js';
import { eventKey, eventOf } from './event.js';

/** A claim older than this without a calendar is taken over (its instance died before Lark answered). */
const STALE_CLAIM_MS = 2 * 60_000;

export type SyncOutcome = 'off' | 'created' | 'updated' | 'deleted' | 'unchanged' | 'failed';

export function calendarSyncOn(deps: FeatureDeps): boolean {
  return Boolean(deps.settings.scheduleCalendar?.sync && deps.larkCalendar);
}

/**
 * The shared calendar's id, creating it once: the first instance to insert the link row creates the
 * calendar in Lark; the others wait for it (undefined: not ready yet, try on the next change).
 */
async function sharedCalendar(deps: FeatureDeps): Promise<string | undefined> {
  const cal = deps.larkCalendar!;
  const link = await readCalendarLink(deps.prisma);
  if (link?.calendarId) return link.calendarId;
  const now = deps.clock.now();
  const mine = link ? await reclaimStaleLink(deps.prisma, new Date(now.getTime() - STALE_CLAIM_MS), now) : await claimCalendarLink(deps.prisma, now);
  if (!mine) {
    // Another instance is creating it: wait a little for its answer rather than drop this change.
    for (const waitMs of [100, 300, 1000, 2000]) {
      await new Promise((r) => setTimeout(r, waitMs).unref());
      const ready = await readCalendarLink(deps.prisma);
      if (ready?.calendarId) return ready.calendarId;
    }
    return undefined;
  }
  const name = deps.settings.scheduleCalendar?.name ?? '县领导日程';
  const created = await cal.createCalendar(name, '县领导日程（由三办助手维护）：各位领导的日程安排，秘书可编辑，领导可查看。');
  if (!created.ok) {
    deps.log.error({ error: created.error }, 'shared calendar could not be created');
    return undefined;
  }
  await saveCalendarId(deps.prisma, created.value);
  deps.log.info({ calendarId: created.value }, 'shared schedule calendar created');
  return created.value;
}

/** Readers and writers not yet granted: the leader reads, the leader's secretaries write. */
async function grantAccess(deps: FeatureDeps, calendarId: string, wanted: { openId: string; role: CalendarRole }[]): Promise<void> {
  const link = await readCalendarLink(deps.prisma);
  const done: string[] = [];
  for (const w of wanted) {
    const key = `${w.role}:${w.openId}`;
    // A secretary who is also a reader elsewhere keeps writer; writer covers reader.
    if (link?.granted.has(key) || (w.role === 'reader' && link?.granted.has(`writer:${w.openId}`))) continue;
    const r = await deps.larkCalendar!.grant(calendarId, w.openId, w.role);
    if (r.ok) done.push(key);
    else deps.log.warn({ error: r.error, role: w.role }, 'calendar access could not be granted');
  }
  if (done.length) await addGranted(deps.prisma, done);
}

/**
 * Brings one entry's event in the shared calendar in line with the entry: created (idempotency key per
 * entry; the leader added as attendee in the second call Lark requires), patched, or deleted when the
 * entry is cancelled. Never throws: a failure is logged and the entry stands as saved.
 */
export async function syncEntry(deps: FeatureDeps, entryId: string, atLeastVersion = 0): Promise<SyncOutcome> {
  if (!calendarSyncOn(deps)) return 'off';
  const cal = deps.larkCalendar!;
  try {
    const entry = await committed(deps, entryId, atLeastVersion);
    if (!entry) return 'unchanged';
    const calendarId = await sharedCalendar(deps);
    if (!calendarId) return 'failed';
    if (entry.status === 'cancelled') {
      if (!entry.calendarEventId) return 'unchanged';
      const r = await cal.deleteEvent(calendarId, entry.calendarEventId);
      if (!r.ok) return failed(deps, r.error, 'delete');
      await setCalendarEventId(deps.prisma, entry.id, entry.calendarEventId, '');
      return 'deleted';
    }
    const people = await leaderAndSecretaries(deps.prisma, entry.leaderId);
    const leaderOpenId = people.leader?.openId ?? undefined;
    await grantAccess(deps, calendarId, [
      ...people.secretaryOpenIds.map((openId) => ({ openId, role: 'writer' as const })),
      ...(leaderOpenId ? [{ openId: leaderOpenId, role: 'reader' as const }] : []),
    ]);
    const event = eventOf(entry, people.leader?.name ?? '');
    if (entry.calendarEventId) {
      const r = await cal.patchEvent(calendarId, entry.calendarEventId, event);
      return r.ok ? 'updated' : failed(deps, r.error, 'patch');
    }
    const created = await cal.createEvent(calendarId, event, eventKey(entry.id));
    if (!created.ok) return failed(deps, created.error, 'create');
    // Another instance may have recorded the same event (same idempotency key): either way it is this one.
    await setCalendarEventId(deps.prisma, entry.id, '', created.value);
    if (leaderOpenId) {
      const r = await cal.addAttendees(calendarId, created.value, [leaderOpenId]);
      if (!r.ok) deps.log.warn({ error: r.error }, 'leader could not be added to the calendar event');
    }
    return 'created';
  } catch (err) {
    deps.log.error({ err, entryId }, 'calendar sync failed');
    return 'failed';
  }
}

/**
 * The entry once the write that announced it has committed: listeners run inside the writing
 * transaction, so the sync reads again until the row shows that version (a rolled-back write never does).
 */
async function committed(deps: FeatureDeps, entryId: string, version: number) {
  for (const waitMs of [0, 50, 200, 1000, 3000]) {
    if (waitMs) await new Promise((r) => setTimeout(r, waitMs).unref());
    const entry = await findEntry(deps.prisma, entryId);
    if (entry && entry.version >= version) return entry;
  }
  return undefined;
}

function failed(deps: FeatureDeps, error: unknown, step: string): SyncOutcome {
  deps.log.warn({ error, step }, 'calendar event sync failed');
  return 'failed';
}

/** Entries changed together (an import): one after another, so that the calendar is created once. */
export async function syncEntries(deps: FeatureDeps, entryIds: readonly string[]): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  for (const id of entryIds) out.push(await syncEntry(deps, id));
  return out;
}

/**
 * Entries from today on that have no event yet: a sync that failed (Lark down, a scope not yet granted),
 * a process that stopped between the commit and the sync, or entries saved before the sync was turned
 * on. Run by the job `schedules.calendar.sync`; one at a time like every sync.
 */
export async function pendingEntryIds(deps: FeatureDeps): Promise<string[]> {
  return calendarSyncOn(deps) ? unsyncedEntryIds(deps.prisma, beijingDate(deps.clock.now())) : [];
}
