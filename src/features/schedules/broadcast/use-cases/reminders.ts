import { enqueue } from '../../../../platform/outbox/outbox.js';
import { addDays, atBeijing, beijingDate, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { reminderDueMs, visibleEntry, type DayEntry } from '../domain/day.js';
import { reminderText } from '../presenters/preview.js';
import { leaders, openIdOf, recordChange, reminderCandidates, remindedKeys, secretaries } from '../repositories/day.js';
import { scheduleSettings } from '../settings.js';

const startMs = (date: IsoDate, minute: number) => atBeijing(date).getTime() + minute * 60_000;

/** The dates an entry due for a reminder at `at` can be on (reminders reach up to a day ahead). */
const datesAround = (at: Date): [IsoDate, IsoDate] => {
  const today = beijingDate(at);
  return [addDays(today, -1), addDays(today, 2)];
};

/** What marks an entry's reminder sent: the entry, its date and start (a moved entry is reminded again). */
const remindedAs = (e: DayEntry) => `${e.date}|${e.startMinute}`;

/** The entries whose reminder is due at `at` and not yet sent: due, and the activity not yet begun. */
async function dueAt(deps: FeatureDeps, at: Date): Promise<DayEntry[]> {
  const minutes = scheduleSettings(deps).remindMinutes;
  const candidates = (await reminderCandidates(deps.prisma, ...datesAround(at))).filter((e) => {
    const due = reminderDueMs(e, minutes, startMs);
    return due !== undefined && due <= at.getTime() && at.getTime() < startMs(e.date, e.startMinute!);
  });
  if (!candidates.length) return [];
  const sent = await remindedKeys(
    deps.prisma,
    candidates.map((e) => e.id),
  );
  return candidates.filter((e) => !sent.has(`${e.id}|${remindedAs(e)}`));
}

/**
 * The per-minute check behind reminders, cheap when nothing is due: the earliest pending reminder is
 * read once and kept for a second of real time (or until this process reminds or is told of a change),
 * so moving the clock a week costs a few queries rather than one a minute.
 */
export class ReminderWatch {
  private earliest: { at: number; checkedAt: number } | undefined;
  constructor(private readonly deps: FeatureDeps) {}

  invalidate(): void {
    this.earliest = undefined;
  }

  async pending(at: Date): Promise<boolean> {
    const t = performance.now();
    if (!this.earliest || t - this.earliest.checkedAt > 1000) this.earliest = { at: await this.nextDue(at), checkedAt: t };
    // A cached "due" may have been answered since (an entry moved, sent elsewhere): read again before saying yes.
    if (this.earliest.at <= at.getTime()) this.earliest = { at: await this.nextDue(at), checkedAt: t };
    return this.earliest.at <= at.getTime();
  }

  private async nextDue(at: Date): Promise<number> {
    const minutes = scheduleSettings(this.deps).remindMinutes;
    const rows = await reminderCandidates(this.deps.prisma, addDays(beijingDate(at), -1), addDays(beijingDate(at), 7));
    const sent = rows.length
      ? await remindedKeys(
          this.deps.prisma,
          rows.map((e) => e.id),
        )
      : new Set<string>();
    let next = Number.POSITIVE_INFINITY;
    for (const e of rows) {
      const due = reminderDueMs(e, minutes, startMs);
      if (due === undefined || sent.has(`${e.id}|${remindedAs(e)}`) || startMs(e.date, e.startMinute!) <= at.getTime()) continue;
      next = Math.min(next, due);
    }
    // Nothing within the week read: look again once the clock has moved past it.
    return Number.isFinite(next) ? next : atBeijing(addDays(beijingDate(at), 7)).getTime();
  }
}

/**
 * Sends the reminders due at `at` by DM to the leader and the leader's secretaries, at any hour (activities
 * happen on weekends too). Each is recorded as a `reminded` change in the transaction that queues it,
 * with keys per entry, start and person, so a re-run or a second instance sends nothing twice.
 */
export async function runReminders(deps: FeatureDeps, at: Date): Promise<number> {
  const due = await dueAt(deps, at);
  if (!due.length) return 0;
  const minutes = scheduleSettings(deps).remindMinutes;
  const [people, secs] = await Promise.all([leaders(deps.prisma), secretaries(deps.prisma)]);
  for (const e of due) {
    const leader = people.find((l) => l.id === e.leaderId);
    const openIds = new Set<string>();
    const own = await openIdOf(deps.prisma, e.leaderId);
    if (own) openIds.add(own);
    for (const s of secs) if (s.openId && s.leaderIds.includes(e.leaderId)) openIds.add(s.openId);
    // The minutes actually left: an entry added late is reminded at once, with the time that remains.
    const left = Math.max(0, Math.round((startMs(e.date, e.startMinute!) - at.getTime()) / 60_000));
    const text = reminderText(leader?.name ?? '', Math.min(left, e.remindMinutes ?? minutes), visibleEntry(e, 'keeper')!, e.date);
    await deps.prisma.$transaction(async (tx) => {
      await recordChange(tx, { entryId: e.id, at, actor: 'system', kind: 'reminded', after: remindedAs(e) });
      for (const openId of openIds)
        await enqueue(tx, {
          to: { openId },
          content: { type: 'text', text },
          key: `sched-remind:${e.id}:${remindedAs(e)}:${openId}`,
          origin: 'job:schedules.remind',
        });
    });
  }
  deps.outbox.kick();
  return due.length;
}
