import type { Tx } from '../../../../db/handles.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import { beijingDate, beijingMinuteOfDay, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { chatsForPurpose } from '../../../org/index.js';
import { visibleEntry } from '../domain/day.js';
import { presentDutyCard } from '../presenters/day-card.js';
import { draftNotice } from '../presenters/preview.js';
import { allInsiderOpenIds, claimedChats, createBroadcast, holdDay, isUniqueViolation, rosterOn, secretaries } from '../repositories/day.js';
import { CATCH_UP_UNTIL_MINUTE, LATE_AFTER_MS, scheduleSettings } from '../settings.js';
import { audienceOf, mapLimited } from './audience.js';
import { loadDay, postDayCard, type DayData } from './day-view.js';

export interface BroadcastOutcome {
  date: IsoDate;
  kind: 'schedule' | 'duty' | 'none';
  /** Why nothing went out (a day off without 值班表, too late, …). */
  reason?: string;
  catchUp: boolean;
  groups: number;
  /** Groups whose card this run queued; the others had theirs already (another instance, a re-run). */
  queued: number;
}

/** Member lookups at once: enough to keep up with Lark's send limit, gentle on its member API. */
const LOOKUPS_AT_ONCE = 32;

/** Groups claimed per transaction (tests pass a smaller one, to change the day between two claims). */
const BATCH = 50;

/**
 * The morning broadcast for the day of `firedAt`: on a working day each bound 日程 group gets the
 * leaders' day (visibility applied for that group); on a day off, 今日值班 if the settings and the
 * 值班表 say so; otherwise nothing. Exactly once per group and day: each group's card is queued in the
 * transaction that creates its (date, chatId) row, which a second instance or run cannot create again.
 * Run late (the bot was down at the broadcast time) it is marked 补发, and after noon it is not sent.
 */
export async function runBroadcast(deps: FeatureDeps, firedAt: Date, now: Date, options: { batch?: number } = {}): Promise<BroadcastOutcome> {
  const o = { batch: BATCH, ...options };
  const date = beijingDate(firedAt);
  const catchUp = now.getTime() - firedAt.getTime() > LATE_AFTER_MS;
  const base = { date, catchUp, groups: 0, queued: 0 };
  if (beijingDate(now) !== date || beijingMinuteOfDay(now) >= CATCH_UP_UNTIL_MINUTE) return { ...base, kind: 'none', reason: 'too_late' };
  const calendar = deps.calendar.current();
  const working = calendar.isWorkingDay(date);
  const settings = scheduleSettings(deps);
  const holiday = calendar.holidayName(date);
  if (!working && (settings.dutyOn === 'off' || (settings.dutyOn === 'holidays' && !holiday))) return { ...base, kind: 'none', reason: 'day_off' };
  const roster = working ? [] : await rosterOn(deps.prisma, date);
  if (!working && !roster.length) return { ...base, kind: 'none', reason: 'no_roster' };

  const claimed = new Set((await claimedChats(deps.prisma, date)).map((c) => c.chatId));
  const chats = (await chatsForPurpose(deps.prisma, 'schedule')).filter((c) => !claimed.has(c));
  const duty = working ? undefined : presentDutyCard(date, roster, holiday, catchUp);
  const kind = working ? 'schedule' : 'duty';

  // Batch by batch: the batch's member lookups side by side (outside any transaction), then its claims and
  // cards in one commit (not one per group), then a kick, so delivery starts at once and queueing keeps
  // ahead of 50/s. Each commit renders its cards from the day as it is then, having taken the day's turn
  // (holdDay): a change committed while the run goes on is on every later card, and finds the earlier
  // groups' claims (their cards are updated and corrected by the change itself).
  const insiders = working ? await allInsiderOpenIds(deps.prisma) : undefined;
  const results: boolean[] = [];
  let day: DayData | undefined;
  for (let from = 0; from < chats.length; from += o.batch) {
    const batch = chats.slice(from, from + o.batch);
    const audiences = working
      ? await mapLimited(batch, LOOKUPS_AT_ONCE, (chatId) => audienceOf(deps, chatId, deps.prisma, insiders))
      : batch.map(() => 'external' as const);
    const claim = async (tx: Tx, ks: readonly number[]) => {
      if (working) {
        await holdDay(tx, date);
        day = await loadDay(deps, date, tx);
      }
      for (const k of ks) {
        const chatId = batch[k]!;
        await createBroadcast(tx, { date, chatId, kind, catchUp, audience: audiences[k]! });
        if (day) await postDayCard(tx, chatId, day, audiences[k]!, catchUp);
        else
          await enqueue(tx, { to: { chatId }, content: { type: 'card', card: duty! }, key: `sched-duty:${date}:${chatId}`, origin: 'job:schedules.broadcast' });
      }
    };
    const all = batch.map((_, k) => k);
    if (await claimAll(deps, all, claim)) results.push(...all.map(() => true));
    // Some group of the batch was claimed meanwhile (another instance): one by one, each claim decides.
    else for (const k of all) results.push(await claimAll(deps, [k], claim));
    deps.outbox.kick();
  }
  const queued = results.filter(Boolean).length;
  if (working) await tellDrafts(deps, day ?? (await loadDay(deps, date)));
  return { ...base, kind, groups: chats.length + claimed.size, queued };
}

/** True when every group of `ks` was claimed and queued here; false (nothing written) when any was claimed already. */
async function claimAll(deps: FeatureDeps, ks: readonly number[], claim: (tx: Tx, ks: readonly number[]) => Promise<void>): Promise<boolean> {
  try {
    await deps.prisma.$transaction((tx) => claim(tx, ks));
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Entries still 拟定 went out marked so: each secretary is told which of their leaders' (once a day). */
async function tellDrafts(deps: FeatureDeps, day: DayData): Promise<void> {
  const drafts = day.entries.filter((e) => e.status === 'draft');
  if (!drafts.length) return;
  const names = new Map(day.leaders.map((l) => [l.id, l.name]));
  for (const s of await secretaries(deps.prisma)) {
    const own = drafts.filter((e) => s.leaderIds.includes(e.leaderId));
    if (!own.length || !s.openId) continue;
    const items = own.map((e) => ({ leader: names.get(e.leaderId) ?? '', entry: visibleEntry(e, 'keeper')! }));
    await deps.outbox.deliver({
      to: { openId: s.openId },
      content: { type: 'text', text: draftNotice(day.date, items) },
      key: `sched-drafts:${day.date}:${s.personId}`,
      origin: 'job:schedules.broadcast',
    });
  }
}
