import { beijingDate, beijingMinuteOfDay, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { orderLeaders, rankOrder, type Actor } from '../../../org/index.js';
import { isKeeperOrLeader } from '../../policy.js';
import { presentPreview } from '../presenters/preview.js';
import { updateEntryWithHistory } from '../../use-cases/save-entry.js';
import { entriesOfLeaders, leaders, secretaries } from '../repositories/day.js';
import { HHmm } from '../settings.js';

/**
 * The evening preview, on a working day: each secretary gets the next working day's entries of the
 * leaders they keep — 秘书科 those of a leader with no secretary (repositories/day.ts secretaries) — once
 * per person and day (a stable key), whether or not there are entries.
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

/** What a 确认无误 click names, parsed: the date, and (cards sent since they carry it) what the card showed. */
export interface PreviewClick {
  date: IsoDate;
  leaderIds?: readonly string[];
  entryIds?: readonly string[];
}

/**
 * 确认无误 on a preview: of what the card showed, the drafts of the leaders the clicker may confirm (their
 * secretaries, 秘书科, the leader themself: policy.ts) become 确定, each by compare-and-set on the version
 * read (a second click, or a secretary's change in between, wins once). The card narrows, never widens:
 * entries added since it was sent, and leaders the clicker does not keep, are left as they are. A card
 * sent before it carried what it showed stands for the leaders whose preview the clicker is sent.
 */
export async function confirmPreview(
  deps: FeatureDeps,
  actor: Actor,
  click: PreviewClick,
  now: Date,
): Promise<{ confirmed: number; card: ReturnType<typeof presentPreview> } | { refused: true }> {
  const told = async () => (await secretaries(deps.prisma)).find((s) => s.openId === actor.openId)?.leaderIds ?? (actor.person ? [actor.person.id] : []);
  const shown = click.leaderIds ?? (await told());
  const leaderIds = shown.filter((id) => isKeeperOrLeader(actor, id));
  if (!leaderIds.length) return { refused: true };
  const all = orderLeaders(await leaders(deps.prisma), rankOrder(deps.settings.leaderRanks)).filter((l) => leaderIds.includes(l.id));
  const seen = click.entryIds && new Set(click.entryIds);
  const entries = await entriesOfLeaders(deps.prisma, click.date, leaderIds);
  let confirmed = 0;
  for (const e of entries.filter((x) => x.status === 'draft' && (!seen || seen.has(x.id)))) {
    // sched-core's save: compare-and-set on the version read, history, and the change listeners (the
    // morning card, when the date is today) in one transaction. Changed meanwhile: left as it is.
    const saved = await deps.prisma
      .$transaction((tx) => updateEntryWithHistory(tx, e, { status: 'confirmed' }, { openId: actor.openId, at: now }, 'confirmed'))
      .then(
        () => true,
        (err: unknown) => (err instanceof Error && 'code' in err && (err as { code: string }).code === 'stale_card' ? false : Promise.reject(err)),
      );
    if (saved) confirmed++;
  }
  const fresh = await entriesOfLeaders(deps.prisma, click.date, leaderIds);
  const at = `${beijingDate(now).slice(5).replace('-', '月')}日 ${HHmm(beijingMinuteOfDay(now))}`;
  return { confirmed, card: presentPreview({ date: click.date, leaders: all, entries: fresh, confirmed: { by: actor.person?.name ?? '', at } }) };
}
