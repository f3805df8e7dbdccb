import type { Tx } from '../../../../db/handles.js';
import { postCard, type Posted } from '../../../../platform/cards/index.js';
import { dayNote } from '../../../../platform/phrases/index.js';
import type { IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { orderLeaders, rankOrder } from '../../../org/index.js';
import { dayFor, type Audience, type DayAway, type DayEntry, type DayLeader } from '../domain/day.js';
import { presentDayCard } from '../presenters/day-card.js';
import type { Db } from '../../repositories/entries.js';
import { entriesOfDay } from '../../repositories/entries.js';
import { awaysOn, leaders } from '../repositories/day.js';

export const DAY_OBJECT = 'schedule_day';

/** Everything a day's cards are built from, read in the transaction that queues or updates them. */
export interface DayData {
  date: IsoDate;
  leaders: DayLeader[];
  entries: DayEntry[];
  aways: DayAway[];
  dayNote?: string;
}

export async function loadDay(deps: FeatureDeps, date: IsoDate, db: Db = deps.prisma): Promise<DayData> {
  // One after another: `db` may be a transaction (a change listener), which takes one query at a time.
  const people = await leaders(db);
  const entries = await entriesOfDay(db, date);
  const aways = await awaysOn(db, date);
  const note = dayNote(date, deps.calendar.current());
  return { date, leaders: orderLeaders(people, rankOrder(deps.settings.leaderRanks)), entries, aways, ...(note ? { dayNote: note } : {}) };
}

/** One stable key per group and day: the same card queued twice (two instances, a re-run) is one message. */
export const broadcastKey = (date: IsoDate, chatId: string) => `sched-bc:${date}:${chatId}`;

/** The view a group's card is in: its audience, and whether it went out late. */
export const viewOf = (audience: Audience, catchUp: boolean) => `${audience}${catchUp ? ':catchup' : ''}`;

export function dayCard(day: DayData, audience: Audience, catchUp: boolean, updatedAt?: string) {
  return presentDayCard({
    date: day.date,
    days: dayFor(day.date, day.leaders, day.entries, day.aways, audience),
    catchUp,
    ...(updatedAt ? { updatedAt } : {}),
    ...(day.dayNote ? { dayNote: day.dayNote } : {}),
  });
}

/**
 * Queues (or brings up to date) the group's card for the day: not yet sent, the queued card takes the
 * new content; being sent, it is patched once sent; sent, it is patched in place (postCard decides by
 * the key's outbox row, and says which).
 */
export async function postDayCard(tx: Tx, chatId: string, day: DayData, audience: Audience, catchUp: boolean, updatedAt?: string): Promise<Posted> {
  return postCard(tx, {
    object: { objectType: DAY_OBJECT, objectId: day.date },
    view: viewOf(audience, catchUp),
    to: { chatId },
    card: dayCard(day, audience, catchUp, updatedAt),
    key: broadcastKey(day.date, chatId),
    origin: 'job:schedules.broadcast',
  });
}
