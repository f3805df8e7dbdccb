import { beijingDate, beijingMinuteOfDay, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { orderLeaders, rankOrder } from '../../../org/index.js';
import { presentPreview } from '../presenters/preview.js';
import { updateEntryWithHistory } from '../../use-cases/save-entry.js';
import { entriesOfLeaders, leaders, secretaries } from '../repositories/day.js';
import { HHmm } from '../settings.js';

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
  let confirmed = 0;
  for (const e of entries.filter((x) => x.status === 'draft')) {
    // sched-core's save: compare-and-set on the version read, history, and the change listeners (the
    // morning card, when the date is today) in one transaction. Changed meanwhile: left as it is.
    const saved = await deps.prisma
      .$transaction((tx) => updateEntryWithHistory(tx, e, { status: 'confirmed' }, { openId: c.actorOpenId, at: c.now }, 'confirmed'))
      .then(
        () => true,
        (err: unknown) => (err instanceof Error && 'code' in err && (err as { code: string }).code === 'stale_card' ? false : Promise.reject(err)),
      );
    if (saved) confirmed++;
  }
  const fresh = await entriesOfLeaders(deps.prisma, c.date, [...c.leaderIds]);
  const at = `${beijingDate(c.now).slice(5).replace('-', '月')}日 ${HHmm(beijingMinuteOfDay(c.now))}`;
  return { confirmed, card: presentPreview({ date: c.date, leaders: all, entries: fresh, confirmed: { by: c.actorName, at } }) };
}
