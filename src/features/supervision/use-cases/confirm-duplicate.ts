import { describeDate } from '../../../platform/phrases/index.js';
import { addDays, beijingDate, formatBeijing } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import type { Actor } from '../../org/index.js';
import { presentDuplicateConfirm } from '../presenters/duplicate-card.js';
import type { Card } from '../../../cards/types.js';
import { createItem, type CreateDraft, type Created, type DuplicateItemError } from './create-item.js';

/**
 * 确认重复立项: the creator was told the same item was entered within the last day. The confirmation
 * re-submits the resolved draft under the request's own `once` key (the command's message, the form
 * submission), so a double click, or the original message handled again, still creates one item.
 */
export function duplicateConfirmCard(deps: FeatureDeps, err: DuplicateItemError, once: string): Card {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const day = beijingDate(err.existing.createdAt);
  const when = `${day === today ? '今天' : day === addDays(today, -1) ? '昨天' : describeDate(day, today, deps.calendar.current())} ${formatBeijing(err.existing.createdAt).slice(11)}`;
  return presentDuplicateConfirm(
    {
      existingNumber: err.existing.number,
      existingAt: when,
      content: err.draft.content,
      unitName: err.unitName,
      deadline: describeDate(err.draft.deadline, today, deps.calendar.current()),
    },
    { once, draft: JSON.stringify(err.draft) },
  );
}

export function confirmDuplicate(deps: FeatureDeps, actor: Actor, draft: CreateDraft, once: string, chatId: string): Promise<Created> {
  return createItem(deps, actor, { ...draft, allowDuplicate: true }, { chatId, once });
}
