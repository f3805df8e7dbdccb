import { BotError } from '../../errors.js';
import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { recordRef } from '../../platform/cards/index.js';
import { actorOf, authorize } from '../org/index.js';
import { ITEM_TYPE } from './object-type.js';
import { DUPLICATE_CANCEL_ACTION, DUPLICATE_CONFIRM_ACTION, presentDuplicateCancelled } from './presenters/duplicate-card.js';
import { presentItemCard } from './presenters/item-card.js';
import { duplicateCancelValue, duplicateConfirmValue, parseCard } from './schemas.js';
import { confirmDuplicate } from './use-cases/confirm-duplicate.js';

/** 确认重复立项 / 取消 on the duplicate warning (use-cases/confirm-duplicate.ts). */
export function registerDuplicateActions(router: Router, deps: FeatureDeps): void {
  router.action(DUPLICATE_CONFIRM_ACTION, async (ctx) => {
    const { once, draft } = parseCard(duplicateConfirmValue, ctx.value);
    const actor = actorOf(ctx);
    authorize(actor, 'supervision.create');
    try {
      const { item, view, notes } = await confirmDuplicate(deps, actor, draft, once, ctx.chatId);
      await recordRef(deps.prisma, { objectType: ITEM_TYPE, objectId: item.id, messageId: ctx.action.messageId, chatId: ctx.chatId, view: 'group' });
      return { toast: { type: notes.length ? 'warning' : 'success', content: notes[0] ?? `已立项：${item.number}` }, card: presentItemCard(view, 'group') };
    } catch (err) {
      // The second click of a double click (or a click after the command was handled again): already created.
      if (err instanceof BotError && err.code === 'conflict') return { toast: { type: 'info', content: '该事项已经立项，未重复创建。' } };
      throw err;
    }
  });
  router.action(DUPLICATE_CANCEL_ACTION, async (ctx) => {
    const { n } = parseCard(duplicateCancelValue, ctx.value);
    return { toast: { type: 'info', content: '已取消，未重复立项。' }, card: presentDuplicateCancelled(n) };
  });
}
