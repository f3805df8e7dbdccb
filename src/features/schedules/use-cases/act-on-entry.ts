import { chatAudienceFor } from '../../../platform/audience.js';
import type { ActionResponse } from '../../../router/context.js';
import { BotError, notFound } from '../../../errors.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, type Actor } from '../../org/index.js';
import type { Entry } from '../domain/entry.js';
import { presentEntryCard } from '../presenters/entry-card.js';
import { findEntry } from '../repositories/entries.js';
import { clickedAlone } from './audience.js';
import { dateText, leaderOf, readLeaders } from './directory.js';
import { updateEntryWithHistory } from './save-entry.js';

/**
 * 取消日程 and 确认日程 on an entry card. The card names the entry and the version it showed: a click on
 * an older card changes nothing and shows the entry as it now is. Whoever clicks is checked against the
 * entry's leader as stored, never anything on the card.
 */
export async function actOnEntry(
  deps: FeatureDeps,
  actor: Actor,
  ref: { e: string; v: number },
  act: 'cancel' | 'confirm',
  /** The chat the card was clicked in: where others read too, the card shows no newer content than it did. */
  chatId: string,
): Promise<ActionResponse> {
  const entry = await findEntry(deps.prisma, ref.e);
  if (!entry) throw notFound('未找到该日程。');
  authorize(actor, act === 'cancel' ? 'schedule.keep' : 'schedule.confirm', { leaderId: entry.leaderId });
  const leaders = await readLeaders(deps);
  const cardOf = (e: Entry) => presentEntryCard(e, leaderOf(leaders, e.leaderId), dateText(deps, e.date));
  // The entry as it now is, in full: on the card clicked only when that card showed this version, or the
  // clicker reads it alone (an entry changed privately since is not shown to a group).
  const alone = entry.version === ref.v || (await clickedAlone(chatAudienceFor(deps.messenger), { chatId, actorOpenId: actor.openId }));
  const current = (content: string): ActionResponse => ({ toast: { type: 'warning', content }, ...(alone ? { card: cardOf(entry) } : {}) });
  if (entry.status === 'cancelled') return current('该日程已取消。');
  if (entry.version !== ref.v) return current('该日程刚被修改，卡片已更新为最新内容，请核对后再操作。');
  if (act === 'confirm' && entry.status === 'confirmed') return current('该日程已确定。');
  const by = { openId: actor.openId, at: deps.clock.now() };
  try {
    const change = await deps.prisma.$transaction((tx) =>
      updateEntryWithHistory(tx, entry, { status: act === 'cancel' ? 'cancelled' : 'confirmed' }, by, act === 'cancel' ? 'cancelled' : 'confirmed'),
    );
    return { toast: { type: 'success', content: act === 'cancel' ? '日程已取消。' : '日程已确定。' }, card: cardOf(change.after) };
  } catch (err) {
    if (err instanceof BotError && err.code === 'stale_card') {
      const now = await findEntry(deps.prisma, entry.id);
      const show = now && (await clickedAlone(chatAudienceFor(deps.messenger), { chatId, actorOpenId: actor.openId }));
      return { toast: { type: 'warning', content: err.userMessage }, ...(show ? { card: cardOf(now) } : {}) };
    }
    throw err;
  }
}
