import type { Tx } from '../../../db/handles.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import {
  ensureCardInChat,
  objectsWithCards,
  objectsWithCardsBefore,
  postCard,
  refreshCards as refreshTracked,
  REPOST_AFTER_MS,
} from '../../../platform/cards/index.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { chatsForPurpose } from '../../org/index.js';
import { isOpen, type ItemStatus } from '../domain/states.js';
import { ITEM_TYPE } from '../object-type.js';
import { presentItemCard, type ItemAudience } from '../presenters/item-card.js';
import { findItem, holdItemIf, openItemsAmong, personOpenId, supervisionLiaisons, type ItemRow } from '../repository.js';
import { loadItemView, loadTimeline } from '../views.js';
import type { ItemView, TimelineEntry } from '../view.js';

const itemObject = (itemId: string) => ({ objectType: ITEM_TYPE, objectId: itemId });

/** What an outbox row carries for a card of the item (platform/cards records it once sent). */
export const tracks = (itemId: string, view: ItemAudience, chatId?: string) => ({ ...itemObject(itemId), view, ...(chatId ? { chatId } : {}) });

const audienceOf = (view: string): ItemAudience => (['assignee', 'group', 'detail'].includes(view) ? view : 'detail') as ItemAudience;

/** Who handles the item: the named person, or else the unit's supervision liaisons (open ids known). */
export async function assigneeOpenIds(tx: Tx, item: ItemRow): Promise<string[]> {
  if (item.personId) {
    const openId = await personOpenId(tx, item.personId);
    if (openId) return [openId];
  }
  return (await supervisionLiaisons(tx, item.unitId)).flatMap((l) => (l.openId ? [l.openId] : []));
}

export async function currentView(deps: FeatureDeps, tx: Tx, item: ItemRow): Promise<ItemView> {
  return loadItemView(tx, item, beijingDate(deps.clock.now()), deps.calendar.current());
}

/**
 * Re-renders every card that shows the item (except the one being answered directly), so no card in any
 * chat keeps stale buttons: platform/cards patches each, or re-posts one near Lark's 14-day limit.
 */
export async function refreshCards(deps: FeatureDeps, tx: Tx, item: ItemRow, view: ItemView, skipMessageId?: string): Promise<void> {
  let timeline: Promise<TimelineEntry[]> | undefined;
  await refreshTracked(
    tx,
    itemObject(item.id),
    async (v) => {
      const audience = audienceOf(v);
      return presentItemCard(view, audience, audience === 'detail' ? await (timeline ??= loadTimeline(tx, item.id)) : []);
    },
    skipMessageId ? { skipMessageId } : {},
  );
}

/** A fresh card in the 督查 group(s) (a new item; a 回访 relapse put before the supervisors again). */
export async function postToSupervisionGroups(tx: Tx, item: ItemRow, view: ItemView, key: string, exceptChatId?: string): Promise<void> {
  for (const chatId of await chatsForPurpose(tx, 'supervision')) {
    if (chatId === exceptChatId) continue;
    await postCard(tx, {
      object: itemObject(item.id),
      view: 'group',
      to: { chatId },
      card: presentItemCard(view, 'group'),
      key: `${key}:${chatId}`,
      origin: `supervision:${item.number}`,
    });
  }
}

/**
 * What the supervisors must decide (a closure, an extension) shows on the item's one card in each 督查
 * group, updated in place by `refreshCards`; a group that has no card of the item yet gets one.
 */
export async function showInSupervisionGroups(tx: Tx, item: ItemRow, view: ItemView): Promise<void> {
  for (const chatId of await chatsForPurpose(tx, 'supervision')) {
    await ensureCardInChat(tx, {
      object: itemObject(item.id),
      view: 'group',
      to: { chatId },
      card: presentItemCard(view, 'group'),
      key: `sv-group:${item.id}:${chatId}`,
      origin: `supervision:${item.number}`,
    });
  }
}

export async function tellAssignees(tx: Tx, item: ItemRow, text: string, key: string): Promise<void> {
  for (const openId of await assigneeOpenIds(tx, item)) {
    await enqueue(tx, { to: { openId }, content: { type: 'text', text }, key: `${key}:${openId}`, origin: `supervision:${item.number}` });
  }
}

/**
 * Brings the cards of the items given (and of every open item with a card near Lark's 14-day limit) up
 * to date as of today: the daily chase's pass, so a posted card turns 超期 when its deadline passes. Each
 * item in its own transaction, holding the item's row at the version read: an act on it meanwhile waits,
 * and its own refresh comes after; an item changed since it was read is left to that act's refresh.
 */
export async function refreshItemCards(deps: FeatureDeps, itemIds: readonly string[], now = new Date()): Promise<number> {
  const touched = new Set(itemIds);
  const aging = await objectsWithCardsBefore(deps.prisma, ITEM_TYPE, new Date(now.getTime() - REPOST_AFTER_MS));
  // Aging cards of closed items are left as they are: only open items' cards are re-posted.
  const agingOpen = await openItemsAmong(
    deps.prisma,
    aging.filter((id) => !touched.has(id)),
  );
  const ids = [...(await objectsWithCards(deps.prisma, ITEM_TYPE, itemIds)), ...agingOpen];
  let refreshed = 0;
  for (const id of ids) {
    const item = await findItem(deps.prisma, id);
    if (!item || (!touched.has(id) && !isOpen(item.status as ItemStatus))) continue;
    const done = await deps.prisma.$transaction(async (tx) => {
      if (!(await holdItemIf(tx, item))) return false;
      await refreshCards(deps, tx, item, await currentView(deps, tx, item));
      return true;
    });
    if (done) refreshed++;
  }
  if (refreshed) deps.outbox.kick();
  return refreshed;
}
