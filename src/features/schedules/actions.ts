import { BotError } from '../../errors.js';
import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize } from '../org/index.js';
import { CONFIRM_ACTION, DISCARD_ACTION, EDIT_PROPOSAL_ACTION, presentDiscarded } from './presenters/confirm-card.js';
import { ENTRY_CANCEL_ACTION, ENTRY_CONFIRM_ACTION, ENTRY_EDIT_ACTION } from './presenters/entry-card.js';
import { FORM_SUBMIT_ACTION, presentEntryForm } from './presenters/form.js';
import { findProposal } from './repositories/proposals.js';
import { entryForm, entryValue, formSubmitValue, parseCard, proposalValue, readPayload } from './schemas.js';
import { actOnEntry } from './use-cases/act-on-entry.js';
import { confirmProposal, discardProposal } from './use-cases/confirm.js';
import { readLeaders, scheduleActor } from './use-cases/directory.js';
import { keptLeaders } from './policy.js';
import { openEditForm, submitForm, valuesOf } from './use-cases/form.js';

/**
 * The 日程 cards' clicks. Each value names a proposal or an entry; the person who clicked is loaded by the
 * org middleware and checked in the use case against the stored leader, never against the card.
 */
export function registerScheduleActions(router: Router, deps: FeatureDeps): void {
  router.action(CONFIRM_ACTION, async (ctx) => {
    const { p, force } = parseCard(proposalValue, ctx.value);
    return confirmProposal(deps, await scheduleActor(deps, actorOf(ctx)), p, force === true, ctx.chatId);
  });
  router.action(DISCARD_ACTION, async (ctx) => {
    await discardProposal(deps, await scheduleActor(deps, actorOf(ctx)), parseCard(proposalValue, ctx.value).p);
    return { toast: { type: 'info', content: '已放弃，未保存。' }, card: presentDiscarded() };
  });
  router.action(EDIT_PROPOSAL_ACTION, async (ctx) => {
    const actor = await scheduleActor(deps, actorOf(ctx));
    const proposal = await findProposal(deps.prisma, parseCard(proposalValue, ctx.value).p);
    if (!proposal || proposal.consumedAt) throw new BotError('stale_card', '该确认卡片已处理或已失效。');
    const payload = readPayload(proposal.payload);
    authorize(actor, 'schedule.keep', { leaderId: payload.fields.leaderId });
    const all = await readLeaders(deps);
    const kept = keptLeaders(actor);
    const entry = proposal.kind === 'modify' && proposal.entryId ? { id: proposal.entryId, version: payload.entryVersion ?? 0 } : undefined;
    return {
      card: presentEntryForm({
        leaders: kept === 'all' ? all : all.filter((l) => kept.includes(l.id)),
        values: valuesOf(payload.fields),
        ...(entry ? { entry } : {}),
      }),
    };
  });
  router.action(FORM_SUBMIT_ACTION, async (ctx) =>
    submitForm(deps, await scheduleActor(deps, actorOf(ctx)), parseCard(formSubmitValue, ctx.value), parseCard(entryForm, ctx.action.formValue), ctx.chatId),
  );
  router.action(ENTRY_EDIT_ACTION, async (ctx) => openEditForm(deps, await scheduleActor(deps, actorOf(ctx)), parseCard(entryValue, ctx.value).e, ctx.chatId));
  router.action(ENTRY_CANCEL_ACTION, async (ctx) =>
    actOnEntry(deps, await scheduleActor(deps, actorOf(ctx)), parseCard(entryValue, ctx.value), 'cancel', ctx.chatId),
  );
  router.action(ENTRY_CONFIRM_ACTION, async (ctx) =>
    actOnEntry(deps, await scheduleActor(deps, actorOf(ctx)), parseCard(entryValue, ctx.value), 'confirm', ctx.chatId),
  );
}
