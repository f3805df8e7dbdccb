import { beijingDate, beijingMinuteOfDay, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { orderLeaders, rankOrder } from '../../../org/index.js';
import type { DayEntry } from '../domain/day.js';
import { presentPreview } from '../presenters/preview.js';
import { confirmDraft, entriesOfLeaders, leaders, recordChange, secretaries } from '../repositories/day.js';
import { HHmm } from '../settings.js';
import { announceEntryChange } from './changes.js';

/**
 * The evening preview, on a working day: each secretary gets the next working day's entries of the
 * leaders they keep, once per secretary and day (a stable key), whether or not there are entries.
 */
export async function runPreview(deps: FeatureDeps, firedAt: Date): Promise<{ date: IsoDate; sent: number }> {
  const date = deps.calendar.current().nextWorkingDay(beijingDate(firedAt));
  const ranks = rankOrder(deps.settings.leaderRanks);
  const all = orderLeaders(await leaders(deps.prisma), ranks);
  let sent = 0;
  for (const s of await secretaries(deps.prisma)) {
    if (!s.openId) continue;
    const own = all.filter((l) => s.leaderIds.includes(l.id));
    if (!own.length) continue;
    const entries = await entriesOfLeaders(
      deps.prisma,
      date,
      own.map((l) => l.id),
    );
    await deps.outbox.deliver({
      to: { openId: s.openId },
      content: { type: 'card', card: presentPreview({ date, leaders: own, entries }) },
      key: `sched-preview:${date}:${s.personId}`,
      origin: 'job:schedules.preview',
    });
    sent++;
  }
  return { date, sent };
}

/**
 * 确认无误 on a preview: the clicker's own leaders' drafts of that date become 确定, each by
 * compare-and-set on the version read (a second click, or a secretary's change in between, wins once).
 * Whose entries they are comes from the clicker's grants, never from the card.
 */
export async function confirmPreview(
  deps: FeatureDeps,
  c: { actorOpenId: string; actorName: string; leaderIds: readonly string[]; date: IsoDate; now: Date },
): Promise<{ confirmed: number; card: ReturnType<typeof presentPreview> }> {
  const all = orderLeaders(await leaders(deps.prisma), rankOrder(deps.settings.leaderRanks)).filter((l) => c.leaderIds.includes(l.id));
  const entries = await entriesOfLeaders(deps.prisma, c.date, [...c.leaderIds]);
  const changed: { before: DayEntry; after: DayEntry }[] = [];
  for (const e of entries.filter((x) => x.status === 'draft')) {
    const ok = await deps.prisma.$transaction(async (tx) => {
      if (!(await confirmDraft(tx, e.id, e.version))) return false;
      await recordChange(tx, { entryId: e.id, at: c.now, actor: c.actorOpenId, kind: 'confirmed', before: 'draft', after: 'confirmed' });
      return true;
    });
    if (ok) changed.push({ before: e, after: { ...e, status: 'confirmed', version: e.version + 1 } });
  }
  const names = new Map(all.map((l) => [l.id, l.name]));
  for (const ch of changed) await announceEntryChange(deps, { ...ch, leaderName: names.get(ch.after.leaderId) ?? '' }, c.now);
  const fresh = await entriesOfLeaders(deps.prisma, c.date, [...c.leaderIds]);
  const at = `${beijingDate(c.now).slice(5).replace('-', '月')}日 ${HHmm(beijingMinuteOfDay(c.now))}`;
  return { confirmed: changed.length, card: presentPreview({ date: c.date, leaders: all, entries: fresh, confirmed: { by: c.actorName, at } }) };
}
