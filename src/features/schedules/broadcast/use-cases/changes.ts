import { enqueue, uuidFor } from '../../../../platform/outbox/outbox.js';
import { beijingDate, beijingMinuteOfDay } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { correctionText, visibleEntry, type Audience, type DayEntry } from '../domain/day.js';
import { broadcastsOn, sentMessageId, setBroadcastMessage } from '../repositories/day.js';
import { HHmm } from '../settings.js';
import { audienceOf } from './audience.js';
import { broadcastKey, loadDay, postDayCard } from './day-view.js';

export interface EntryChange {
  /** The entry as it was (null: it was just added). */
  before: DayEntry | null;
  /** The entry as it is now (a cancelled entry has status cancelled). */
  after: DayEntry | null;
  /** The leader's name, as the correction names them. */
  leaderName: string;
}

/**
 * After a change to an entry has been committed: if it touches today and the morning card went out,
 * every group's card is brought up to date in place (marked 已更新 with the time) and a short correction
 * is posted in the card's thread, in that group's visibility (a 不公开 entry reads 公务活动 there too), so
 * nobody acts on the old version. Call it from the use-case that saved the change (sched-core's 修改 /
 * 取消 / 新增 and the preview's 确认无误). Idempotent per entry version and group.
 */
export async function announceEntryChange(deps: FeatureDeps, change: EntryChange, now: Date): Promise<{ patched: number; corrections: number }> {
  const today = beijingDate(now);
  const touches = [change.before?.date, change.after?.date].includes(today);
  if (!touches) return { patched: 0, corrections: 0 };
  const broadcasts = await broadcastsOn(deps.prisma, today);
  if (!broadcasts.length) return { patched: 0, corrections: 0 };
  const day = await loadDay(deps, today);
  const updatedAt = HHmm(beijingMinuteOfDay(now));
  const onToday = (e: DayEntry | null) => (e && e.date === today && e.status !== 'cancelled' ? e : undefined);
  const versionKey = `${change.after?.id ?? change.before?.id}:${change.after?.version ?? 'gone'}`;
  let corrections = 0;
  for (const b of broadcasts) {
    const audience: Audience = await audienceOf(deps, b.chatId);
    const messageId = b.messageId || (await sentMessageId(deps.prisma, uuidFor(broadcastKey(today, b.chatId))));
    if (messageId && !b.messageId) await setBroadcastMessage(deps.prisma, b.id, messageId);
    const before = onToday(change.before);
    const after = onToday(change.after);
    const text = correctionText(change.leaderName, before && visibleEntry(before, audience), after && visibleEntry(after, audience));
    await deps.prisma.$transaction(async (tx) => {
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
    });
  }
  deps.outbox.kick();
  return { patched: broadcasts.length, corrections };
}
