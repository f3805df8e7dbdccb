import { beijingDate, beijingMinuteOfDay } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { findEntry } from '../../repositories/entries.js';
import { broadcastsOn, holdDay, leaderName, narrowBroadcastAudience } from '../repositories/day.js';
import { HHmm } from '../settings.js';
import { audienceOf, mapLimited } from './audience.js';
import { entryCorrection, refreshGroupCard, type DayChange } from './changes.js';
import { loadDay } from './day-view.js';

const LOOKUPS_AT_ONCE = 8;

export interface Rechecked {
  /** Internal groups found to have someone from outside now: stored as external, card re-rendered so. */
  narrowed: number;
  corrections: number;
}

/**
 * After an entry change touching today commits (never inside its transaction: this asks Lark), each
 * group that was internal at its broadcast has its members read again. One that now has someone from
 * outside becomes external (compare-and-set on the stored audience) and its card is re-rendered without
 * 内部 entries. A change to a 内部 entry, left out of internal groups in the change's transaction
 * (announceEntryChange), reaches them here: card and correction in the audience each group has now, so
 * a group that took in an outsider is told nothing of the 内部 entry. The change is first waited for (the
 * day's turn it holds) and checked to have committed (its version is stored); rolled back, nothing is sent.
 */
export async function recheckAfterChange(deps: FeatureDeps, change: DayChange, now: Date): Promise<Rechecked> {
  const none = { narrowed: 0, corrections: 0 };
  const today = beijingDate(now);
  const changed = change.after ?? change.before;
  if (!changed || ![change.before?.date, change.after?.date].includes(today)) return none;
  const internalOnly = [change.before, change.after].some((e) => e?.visibility === 'internal');
  const groups = (await broadcastsOn(deps.prisma, today)).filter((b) => b.audience === 'internal');
  if (!groups.length) return none;
  const audiences = new Map(
    (await mapLimited(groups, LOOKUPS_AT_ONCE, async (b) => [b.id, await audienceOf(deps, b.chatId, deps.prisma, undefined, true)] as const)).map(([id, a]) => [
      id,
      a,
    ]),
  );
  return deps.prisma.$transaction(async (tx) => {
    // Waits for the change's own transaction (it holds the day's turn), then makes sure it committed.
    await holdDay(tx, today);
    if (change.after && (await findEntry(tx, change.after.id))?.version !== change.after.version) return none;
    const say = entryCorrection(await leaderName(tx, changed.leaderId), today, change);
    const day = await loadDay(deps, today, tx);
    const updatedAt = HHmm(beijingMinuteOfDay(now));
    let narrowed = 0;
    let corrections = 0;
    for (const b of (await broadcastsOn(tx, today)).filter((x) => x.audience === 'internal')) {
      // Looked up before this transaction (a group broadcast meanwhile was not): fail closed.
      const audience = audiences.get(b.id) ?? 'external';
      if (audience === 'external' && (await narrowBroadcastAudience(tx, b.id))) narrowed++;
      else if (!internalOnly) continue;
      if (await refreshGroupCard(tx, day, b, audience, updatedAt, internalOnly ? say(audience) : undefined)) corrections++;
    }
    return { narrowed, corrections };
  });
}
