import { BotError, forbidden, notFound } from '../../../errors.js';
import type { Actor } from '../../org/index.js';
import { DRAFT_MACHINE, STEP_LABEL, type DraftAction, type DraftStatus } from '../domain/states.js';
import type { Db } from '../repositories/db.js';
import { findDraft, findStep, type DraftRow, type StepRow } from '../repositories/drafts.js';

/** What a step's button carries: the draft, the step and the step's version the card was drawn at. */
export interface StepRef {
  draftId: string;
  stepId: string;
  version: number;
  /** The draft's revision the card showed (a re-confirm is for exactly that revision). */
  revision?: number;
}

export const staleCard = (message: string) => new BotError('stale_card', message);

/**
 * The level a click acts on, checked against the person who clicked — never the card: only the level's
 * holder may act (a card forwarded elsewhere or clicked by someone else is refused), and only while the
 * level is where the card says (a click on a level that has moved on is a stale card, answered with the
 * card as it now is).
 */
export async function loadHolding(
  db: Db,
  actor: Actor,
  ref: StepRef,
  action: DraftAction,
  expect: 'current' | 'voided' = 'current',
): Promise<{ draft: DraftRow; step: StepRow }> {
  const draft = await findDraft(db, ref.draftId);
  if (!draft) throw notFound('未找到该文稿，可能已被删除。');
  const step = await findStep(db, ref.stepId);
  if (!step || step.draftId !== draft.id) throw staleCard('卡片内容已失效，请刷新后重试。');
  if (step.openId !== actor.openId) {
    throw forbidden(`该审核卡片仅限${step.personName}（${step.label}）本人操作。如需他人审核，请由${step.personName}使用「转交」。`);
  }
  checkHolding(draft, step, ref, action, expect);
  return { draft, step };
}

/** The same checks again inside the transaction, on rows read there. */
export function checkHolding(draft: DraftRow, step: StepRow, ref: StepRef, action: DraftAction, expect: 'current' | 'voided' = 'current'): void {
  const why = DRAFT_MACHINE.whyNot(action, draft.status as DraftStatus, { comment: 'x' });
  if (why) throw staleCard(why);
  if (step.status !== expect) throw staleCard(`您的${step.label}审核已处理（${STEP_LABEL[step.status] ?? step.status}），卡片已更新为最新状态。`);
  if (step.version !== ref.version) throw staleCard('该审核已有新的变化，卡片已更新为最新状态，请核对后再操作。');
}
