import type { Tx } from '../../../../db/handles.js';
import { enqueue, uuidFor } from '../../../../platform/outbox/outbox.js';
import { beijingDate, beijingMinuteOfDay } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { correctionText, movedTo, type DayEntry } from '../domain/day.js';
import { visibleEntry } from '../../domain/visibility.js';
import { broadcastsOn, leaderName, sentMessageId, setBroadcastMessage } from '../repositories/day.js';
import { HHmm } from '../settings.js';
import { audienceOf } from './audience.js';
import { broadcastKey, loadDay, postDayCard } from './day-view.js';

export interface DayChange {
  /** The entry as it was (null: it was just added). */
  before: DayEntry | null;
  /** The entry as it is now (a cancelled entry has status cancelled). */
  after: DayEntry | null;
}

/**
 * After a change to an entry, in the transaction that writes it (sched-core's change listener): if it
 * touches today and the morning card went out, every group's card is brought up to date in place
 * (marked 已更新 with the time) and a short correction is posted in the card's thread, in that group's
 * visibility (a 内部 entry is not mentioned where it was never shown), so nobody acts on the old version.
 * Everything is queued in `tx`: a rolled-back change sends nothing. Idempotent per entry version and group.
 */
export async function announceEntryChange(deps: FeatureDeps, change: DayChange, now: Date, tx: Tx): Promise<{ patched: number; corrections: number }> {
  const today = beijingDate(now);
  if (![change.before?.date, change.after?.date].includes(today)) return { patched: 0, corrections: 0 };
  const broadcasts = await broadcastsOn(tx, today);
  if (!broadcasts.length) return { patched: 0, corrections: 0 };
  const day = await loadDay(deps, today, tx);
  const name = await leaderName(tx, (change.after ?? change.before)!.leaderId);
  const updatedAt = HHmm(beijingMinuteOfDay(now));
  const onToday = (e: DayEntry | null) => (e && e.date === today ? e : null);
  const versionKey = `${change.after?.id ?? change.before?.id}:${change.after?.version ?? 'gone'}`;
  let corrections = 0;
  for (const b of broadcasts) {
    const audience = await audienceOf(deps, b.chatId, tx);
    const messageId = b.messageId || (await sentMessageId(tx, uuidFor(broadcastKey(today, b.chatId))));
    if (messageId && !b.messageId) await setBroadcastMessage(tx, b.id, messageId);
    const before = onToday(change.before);
    const after = onToday(change.after);
    const text = correctionText(name, before && visibleEntry(before, audience), after && visibleEntry(after, audience), movedTo(today, change, audience));
    await postDayCard(tx, b.chatId, day, audience, b.catchUp, updatedAt);
    // Not sent yet: the queued card already shows the change, nothing to correct.
    if (text && messageId) {
      await enqueue(tx, {
        to: { replyTo: messageId },
        content: { type: 'text', text },
        key: `sched-fix:${versionKey}:${b.chatId}`,
        origin: 'schedules.change',
      });
      corrections++;
    }
  }
  return { patched: broadcasts.length, corrections };
}
