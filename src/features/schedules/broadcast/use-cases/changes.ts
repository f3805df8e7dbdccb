import type { Tx } from '../../../../db/handles.js';
import type { Posted } from '../../../../platform/cards/index.js';
import { enqueue, type OutboxItem } from '../../../../platform/outbox/outbox.js';
import { enqueueAfterSent } from '../../../../platform/outbox/awaiting.js';
import { beijingDate, beijingMinuteOfDay, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import type { AwayChange } from '../../changes.js';
import { awayCorrectionText, correctionText, movedTo, type DayEntry } from '../domain/day.js';
import { visibleEntry } from '../../domain/visibility.js';
import { broadcastsOn, holdDay, leaderName, setBroadcastMessage } from '../repositories/day.js';
import { HHmm } from '../settings.js';
import { broadcastKey, loadDay, postDayCard, type DayData } from './day-view.js';

export interface DayChange {
  /** The entry as it was (null: it was just added). */
  before: DayEntry | null;
  /** The entry as it is now (a cancelled entry has status cancelled). */
  after: DayEntry | null;
}

export interface Announced {
  patched: number;
  corrections: number;
}

const NOTHING: Announced = { patched: 0, corrections: 0 };

/**
 * After a change to an entry, in the transaction that writes it (sched-core's change listener): if it
 * touches today and the morning card went out, every group's card is brought up to date in place
 * (marked 已更新 with the time) and a short correction is posted in the card's thread, in that group's
 * visibility (a 内部 entry is not mentioned where it was never shown), so nobody acts on the old version.
 * Everything is queued in `tx`: a rolled-back change sends nothing. Idempotent per entry version and group.
 */
export async function announceEntryChange(deps: FeatureDeps, change: DayChange, now: Date, tx: Tx): Promise<Announced> {
  const today = beijingDate(now);
  if (![change.before?.date, change.after?.date].includes(today)) return NOTHING;
  const name = await leaderName(tx, (change.after ?? change.before)!.leaderId);
  // A change to a 内部 entry is not shown in an internal group from inside this transaction: the group's
  // members are read again once it commits (someone outside may have joined since 07:30), and its card
  // and correction go out then, in the audience it has now (after-commit.ts).
  const internalOnly = [change.before, change.after].some((e) => e?.visibility === 'internal');
  return refreshDayCards(deps, tx, today, now, entryCorrection(name, today, change), { skipInternal: internalOnly });
}

/** The correction of an entry change as a group of `audience` is told it (empty: nothing it could see changed). */
export function entryCorrection(name: string, today: IsoDate, change: DayChange): (audience: 'internal' | 'external') => { text: string; key: string } {
  const onToday = (e: DayEntry | null) => (e && e.date === today ? e : null);
  const before = onToday(change.before);
  const after = onToday(change.after);
  const versionKey = `${change.after?.id ?? change.before?.id}:${change.after?.version ?? 'gone'}`;
  return (audience) => ({
    text: correctionText(name, before && visibleEntry(before, audience), after && visibleEntry(after, audience), movedTo(today, change, audience)),
    key: `sched-fix:${versionKey}`,
  });
}

/**
 * After a 外出 record is filed or withdrawn, in its transaction: if it covers today and the morning card
 * went out, every group's card shows it (已更新) and the thread gets a correction, like an entry change.
 * 外出 is shown to every group, so every group is told.
 */
export async function announceAwayChange(deps: FeatureDeps, change: Pick<AwayChange, 'kind' | 'away'>, now: Date, tx: Tx): Promise<Announced> {
  const today = beijingDate(now);
  const { away } = change;
  if (away.startDate > today || away.endDate < today) return NOTHING;
  const name = await leaderName(tx, away.leaderId);
  const text = awayCorrectionText(name, away, change.kind);
  return refreshDayCards(deps, tx, today, now, () => ({ text, key: `sched-away:${away.id}:${away.version}` }));
}

/**
 * Every group's morning card of `today` re-rendered from the day as it is in `tx`, each in the audience
 * stored with its claim (no Lark call inside the transaction), with the correction `say` gives for it in
 * the thread — only where the group may have seen the older card: sent (a reply to it), or being sent
 * (a reply once its message id is known). A card still queued and untried goes out as it now is.
 */
async function refreshDayCards(
  deps: FeatureDeps,
  tx: Tx,
  today: IsoDate,
  now: Date,
  say: (audience: 'internal' | 'external') => { text: string; key: string },
  o: { skipInternal?: boolean } = {},
): Promise<Announced> {
  // The day's turn first: a broadcast claiming groups right now commits before this reads its claims.
  await holdDay(tx, today);
  const broadcasts = (await broadcastsOn(tx, today)).filter((b) => !(o.skipInternal && b.audience === 'internal'));
  if (!broadcasts.length) return NOTHING;
  const day = await loadDay(deps, today, tx);
  const updatedAt = HHmm(beijingMinuteOfDay(now));
  let corrections = 0;
  for (const b of broadcasts) if (await refreshGroupCard(tx, day, b, b.audience, updatedAt, say(b.audience))) corrections++;
  return { patched: broadcasts.length, corrections };
}

/** One group's card re-rendered in `audience`, and the correction (if any) in its thread; true when a correction was queued. */
export async function refreshGroupCard(
  tx: Tx,
  day: DayData,
  b: { id: string; chatId: string; catchUp: boolean; messageId: string },
  audience: 'internal' | 'external',
  updatedAt: string,
  said: { text: string; key: string } | undefined,
): Promise<boolean> {
  const posted: Posted = await postDayCard(tx, b.chatId, day, audience, b.catchUp, updatedAt);
  if (posted.state === 'patched' && !b.messageId) await setBroadcastMessage(tx, b.id, posted.messageId);
  if (!said?.text) return false;
  const item = { content: { type: 'text' as const, text: said.text }, key: `${said.key}:${b.chatId}`, origin: 'schedules.change' };
  return correct(tx, posted, broadcastKey(day.date, b.chatId), item);
}

/** The correction in the card's thread, where the group may have seen the older card; true when queued. */
async function correct(tx: Tx, posted: Posted, cardKey: string, item: Omit<OutboxItem, 'to'>): Promise<boolean> {
  if (posted.state === 'patched') {
    await enqueue(tx, { ...item, to: { replyTo: posted.messageId } });
    return true;
  }
  if (posted.state !== 'in_flight') return false;
  return (await enqueueAfterSent(tx, cardKey, { ...item, op: 'reply' })) !== 'dropped';
}
