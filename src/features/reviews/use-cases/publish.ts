import type { Tx } from '../../../db/handles.js';
import { ensureCardInChat, postCard, refreshCards as refreshTracked } from '../../../platform/cards/index.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { chatsForPurpose } from '../../org/index.js';
import { DRAFT_TYPE } from '../object-type.js';
import { presentChainCard } from '../presenters/chain-card.js';
import { presentHolderCard, presentReconfirmCard, presentTransferredAway } from '../presenters/holder-card.js';
import type { DraftRow, StepRow } from '../repositories/drafts.js';
import { loadDraftView, loadTimeline } from '../repositories/views.js';
import type { DraftView, TimelineView } from '../view.js';

/**
 * The cards of a draft: the holder's card (DM, one per holding), the chain card (drafter's DM and each
 * 审核 group) and re-confirm cards, all tracked (platform/cards) so every one is refreshed in place at
 * every step. The view names what a card shows: `drafter`, `group`, `detail`, `holder:<step>:<open_id>`,
 * `reconfirm:<step>`.
 */
const draftObject = (draftId: string) => ({ objectType: DRAFT_TYPE, objectId: draftId });
const origin = (d: { number: string }) => `reviews:${d.number}`;

export const holderView = (s: Pick<StepRow, 'id' | 'openId'>) => `holder:${s.id}:${s.openId}`;
export const reconfirmView = (s: Pick<StepRow, 'id'>) => `reconfirm:${s.id}`;

/** A card for `view` of the draft as it now is. */
export async function presentView(view: string, v: DraftView, timeline: () => Promise<TimelineView[]>) {
  const [kind, stepId = '', openId = ''] = view.split(':');
  if (kind === 'holder') {
    const step = v.steps.find((s) => s.id === stepId);
    // A card of a level since 转交 to someone else: it says so, with no buttons.
    if (step && step.openId !== openId) return presentTransferredAway(v, step);
    return presentHolderCard(v, stepId);
  }
  if (kind === 'reconfirm') return presentReconfirmCard(v, stepId);
  if (kind === 'drafter' || kind === 'group') return presentChainCard(v, kind);
  return presentChainCard(v, 'detail', await timeline());
}

/** Every card of the draft brought up to date (except the one a click answers directly). Returns the view. */
export async function refreshDraftCards(tx: Tx, draft: DraftRow, now: Date, skipMessageId?: string): Promise<DraftView> {
  const v = await loadDraftView(tx, draft, now);
  let timeline: Promise<TimelineView[]> | undefined;
  await refreshTracked(tx, draftObject(draft.id), (view) => presentView(view, v, () => (timeline ??= loadTimeline(tx, draft.id))), {
    ...(skipMessageId ? { skipMessageId } : {}),
  });
  return v;
}

/** The holder's card for a level that has just reached them (one per holding: `round` tells holdings apart). */
export async function postHolderCard(tx: Tx, v: DraftView, step: StepRow, round: string): Promise<void> {
  await postCard(tx, {
    object: draftObject(v.id),
    view: holderView(step),
    to: { openId: step.openId },
    card: presentHolderCard(v, step.id),
    key: `rv-holder:${step.id}:${round}`,
    origin: origin(v),
  });
  await sendFile(tx, v, step.openId, `rv-holder-file:${step.id}:${round}`);
}

export async function postReconfirmCard(tx: Tx, v: DraftView, step: StepRow, revision: number): Promise<void> {
  await postCard(tx, {
    object: draftObject(v.id),
    view: reconfirmView(step),
    to: { openId: step.openId },
    card: presentReconfirmCard(v, step.id),
    key: `rv-reconfirm:${step.id}:${revision}`,
    origin: origin(v),
  });
  await sendFile(tx, v, step.openId, `rv-reconfirm-file:${step.id}:${revision}`);
}

/** A file draft's file itself, right after the card that names it (queued after it, so it arrives after). */
async function sendFile(tx: Tx, v: DraftView, openId: string, key: string): Promise<void> {
  if (v.sourceType !== 'file' || !v.sentFileKey) return;
  await enqueue(tx, { to: { openId }, content: { type: 'file', fileKey: v.sentFileKey }, key, origin: origin(v) });
}

/** At submission: the chain card to the drafter and to each 审核 group (one per chat, refreshed after). */
export async function postChainCards(tx: Tx, v: DraftView): Promise<void> {
  await postCard(tx, {
    object: draftObject(v.id),
    view: 'drafter',
    to: { openId: v.drafterOpenId },
    card: presentChainCard(v, 'drafter'),
    key: `rv-drafter:${v.id}`,
    origin: origin(v),
  });
  for (const chatId of await chatsForPurpose(tx, 'reviews')) {
    await ensureCardInChat(tx, {
      object: draftObject(v.id),
      view: 'group',
      to: { chatId },
      card: presentChainCard(v, 'group'),
      key: `rv-group:${v.id}:${chatId}`,
      origin: origin(v),
    });
  }
}

export async function tell(tx: Tx, d: { number: string }, openId: string, text: string, key: string): Promise<void> {
  await enqueue(tx, { to: { openId }, content: { type: 'text', text }, key, origin: origin(d) });
}
