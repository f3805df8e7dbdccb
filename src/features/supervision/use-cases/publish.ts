import type { Tx } from '../../../db/client.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { chatsForPurpose } from '../../org/index.js';
import { presentItemCard, type ItemAudience } from '../presenters/item-card.js';
import { cardRefs, supervisionLiaisons, type ItemRow } from '../repository.js';
import { loadItemView, loadTimeline } from '../views.js';
import type { ItemView } from '../view.js';

export const tracks = (itemId: string, view: ItemAudience) => ({ objectType: 'supervision_item', objectId: itemId, view });

/** Who handles the item: the named person, or else the unit's supervision liaisons (open ids known). */
export async function assigneeOpenIds(tx: Tx, item: ItemRow): Promise<string[]> {
  if (item.personId) {
    const p = await tx.person.findUnique({ where: { id: item.personId }, select: { openId: true } });
    if (p?.openId) return [p.openId];
  }
  return (await supervisionLiaisons(tx, item.unitId)).flatMap((l) => (l.openId ? [l.openId] : []));
}

export async function currentView(deps: FeatureDeps, tx: Tx, item: ItemRow): Promise<ItemView> {
  return loadItemView(tx, item, beijingDate(deps.clock.now()), deps.calendar.current());
}

/**
 * Re-renders every card that shows the item (except the one being answered directly), so no card in any
 * chat keeps stale buttons.
 */
export async function refreshCards(deps: FeatureDeps, tx: Tx, item: ItemRow, view: ItemView, skipMessageId?: string): Promise<void> {
  const refs = (await cardRefs(tx, item.id)).filter((r) => r.messageId !== skipMessageId);
  const timeline = refs.some((r) => r.view === 'detail') ? await loadTimeline(tx, item.id) : [];
  for (const ref of refs) {
    const audience = (['assignee', 'group', 'detail'].includes(ref.view) ? ref.view : 'detail') as ItemAudience;
    await enqueue(tx, { to: { patch: ref.messageId }, content: { type: 'card', card: presentItemCard(view, audience, audience === 'detail' ? timeline : []) } });
  }
}

/** A fresh card in the 督查 group(s), for what the supervisors must decide (closure, extension). */
export async function postToSupervisionGroups(tx: Tx, item: ItemRow, view: ItemView, key: string, exceptChatId?: string): Promise<void> {
  for (const chatId of await chatsForPurpose(tx, 'supervision')) {
    if (chatId === exceptChatId) continue;
    await enqueue(tx, { to: { chatId }, content: { type: 'card', card: presentItemCard(view, 'group') }, key: `${key}:${chatId}`, tracks: tracks(item.id, 'group'), origin: `supervision:${item.number}` });
  }
}

export async function tellAssignees(tx: Tx, item: ItemRow, text: string, key: string): Promise<void> {
  for (const openId of await assigneeOpenIds(tx, item)) {
    await enqueue(tx, { to: { openId }, content: { type: 'text', text }, key: `${key}:${openId}`, origin: `supervision:${item.number}` });
  }
}
