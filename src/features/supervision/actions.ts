import { BotError } from '../../errors.js';
import type { ActionContext, ActionResponse } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import { cardActionKey } from '../../router/dedup.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize } from '../org/index.js';
import { canApply, notApplicableReason, type ItemAction, type ItemStatus } from './domain/states.js';
import { presentClosureForm, presentCreateForm, presentExtensionForm, presentProgressForm, presentRefuseForm } from './presenters/forms.js';
import { presentItemCard, type ItemAudience } from './presenters/item-card.js';
import { doneToast } from './presenters/toasts.js';
import { findItem } from './repository.js';
import { recordRef } from '../../platform/cards/index.js';
import { ITEM_TYPE } from './object-type.js';
import { actOnItem, type ActInput } from './use-cases/act-on-item.js';
import { createItem } from './use-cases/create-item.js';
import { formLists, rankOrder, readDirectory } from '../org/index.js';
import { registerDuplicateActions } from './duplicate-actions.js';
import { DuplicateItemError } from './use-cases/create-item.js';
import { duplicateConfirmCard } from './use-cases/confirm-duplicate.js';
import { readCardRef, readItem, readItemView, readTimeline, type ItemRead } from './read-model.js';
import { beijingDate } from '../../platform/time.js';
import { presentFollowUpCard } from './presenters/follow-up.js';
import { recordFollowUp } from './use-cases/follow-up.js';
import type { ItemView } from './view.js';
import { closureForm, createForm, extensionForm, extensionValue, followUpValue, itemValue, parseCard, progressForm, refuseForm } from './schemas.js';

/** The view of the clicked card: the one it was posted with, or the details view. */
async function audienceOf(deps: FeatureDeps, messageId: string): Promise<ItemAudience> {
  const ref = await readCardRef(deps.sql, messageId);
  return ref && ['assignee', 'group', 'detail'].includes(ref.view) ? (ref.view as ItemAudience) : 'detail';
}

async function cardFor(deps: FeatureDeps, ctx: ActionContext, view: ItemView) {
  const audience = await audienceOf(deps, ctx.action.messageId);
  return presentItemCard(view, audience, audience === 'detail' ? await readTimeline(deps.sql, view.id) : []);
}

/** The item as it is now (committed), with the names and figures its card shows. */
async function readItemOrFail(deps: FeatureDeps, id: string): Promise<ItemRead> {
  const read = await readItem(deps.sql, id);
  if (!read) throw new BotError('not_found', '未找到该督办事项。');
  return read;
}

function viewOf(deps: FeatureDeps, read: ItemRead): Promise<ItemView> {
  return readItemView(deps.sql, read, beijingDate(deps.clock.now()), deps.calendar.current());
}

async function loadView(deps: FeatureDeps, id: string): Promise<ItemView> {
  return viewOf(deps, await readItemOrFail(deps, id));
}

/** A click that changes the item. A stale card answers why, and shows the item as it now is. */
function act(deps: FeatureDeps, label: string, build: (ctx: ActionContext) => ActInput) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const { id } = parseCard(itemValue, ctx.value);
    try {
      const view = await actOnItem(deps, actorOf(ctx), id, build(ctx), ctx.action.messageId);
      return { toast: { type: 'success', content: doneToast(label) }, card: await cardFor(deps, ctx, view) };
    } catch (err) {
      if (err instanceof BotError && err.code === 'stale_card') {
        return { toast: { type: 'warning', content: err.userMessage }, card: await cardFor(deps, ctx, await loadView(deps, id)) };
      }
      throw err;
    }
  };
}

/** A click that opens a form in place of the card: only for someone allowed to submit it, in a state where it applies. */
function openForm(deps: FeatureDeps, action: ItemAction, present: (v: ItemView) => ReturnType<typeof presentProgressForm>) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const read = await readItemOrFail(deps, parseCard(itemValue, ctx.value).id);
    const { item } = read;
    const decide = action === 'refuse_closure';
    authorize(actorOf(ctx), decide ? 'supervision.decide' : 'supervision.handle', { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId });
    const view = await viewOf(deps, read);
    if (!canApply(action, view.status as ItemStatus)) {
      return { toast: { type: 'warning', content: notApplicableReason(action, view.status) }, card: await cardFor(deps, ctx, view) };
    }
    return { card: present(view) };
  };
}

/**
 * 退回 asks the supervisor who clicked for a reason: the form goes to them privately, not in place of the
 * card the whole 督查 group sees. Whoever submits it is authorized again (actOnItem), never the card.
 */
function openRefuseForm(deps: FeatureDeps) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const read = await readItemOrFail(deps, parseCard(itemValue, ctx.value).id);
    const { item } = read;
    authorize(actorOf(ctx), 'supervision.decide', { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId });
    const view = await viewOf(deps, read);
    if (!canApply('refuse_closure', view.status as ItemStatus)) {
      return { toast: { type: 'warning', content: notApplicableReason('refuse_closure', view.status) }, card: await cardFor(deps, ctx, view) };
    }
    // One form per person and state of the item: a second click sends no second form.
    const version = (await findItem(deps.prisma, item.id))?.version ?? 0;
    await deps.outbox.deliver({
      to: { openId: ctx.actorOpenId },
      content: { type: 'card', card: presentRefuseForm(view) },
      key: `sv-refuse-form:${item.id}:${version}:${ctx.actorOpenId}`,
      origin: `supervision:${item.number}`,
    });
    return { toast: { type: 'info', content: '退回理由填写表单已私信发送给您，请在与机器人的单聊中填写。' } };
  };
}

export function registerSupervisionActions(router: Router, deps: FeatureDeps): void {
  const form = <S extends Parameters<typeof parseCard>[0]>(schema: S, ctx: ActionContext) => parseCard(schema, ctx.action.formValue);
  router.action(
    'sv.ack',
    act(deps, '签收', () => ({ action: 'acknowledge' })),
  );
  router.action('sv.progress.open', openForm(deps, 'report_progress', presentProgressForm));
  router.action(
    'sv.progress.submit',
    act(deps, '进展反馈', (c) => ({ action: 'report_progress', ...form(progressForm, c) })),
  );
  router.action('sv.ext.open', openForm(deps, 'request_extension', presentExtensionForm));
  router.action(
    'sv.ext.submit',
    act(deps, '延期申请提交', (c) => ({ action: 'request_extension', ...form(extensionForm, c) })),
  );
  router.action(
    'sv.ext.approve',
    act(deps, '同意延期', (c) => ({ action: 'decide_extension', extensionId: parseCard(extensionValue, c.value).ext, approve: true })),
  );
  router.action(
    'sv.ext.refuse',
    act(deps, '不同意延期', (c) => ({ action: 'decide_extension', extensionId: parseCard(extensionValue, c.value).ext, approve: false })),
  );
  router.action('sv.closure.open', openForm(deps, 'request_closure', presentClosureForm));
  router.action(
    'sv.closure.submit',
    act(deps, '办结申请提交', (c) => ({ action: 'request_closure', ...form(closureForm, c) })),
  );
  router.action(
    'sv.close',
    act(deps, '销号', () => ({ action: 'close' })),
  );
  router.action('sv.refuse.open', openRefuseForm(deps));
  router.action(
    'sv.refuse.submit',
    act(deps, '退回', (c) => ({ action: 'refuse_closure', ...form(refuseForm, c) })),
  );
  router.action('sv.followup', async (ctx) => {
    const { id, holds } = parseCard(followUpValue, ctx.value);
    const item = await findItem(deps.prisma, id);
    if (!item) throw new BotError('not_found', '未找到该督办事项。');
    authorize(actorOf(ctx), 'supervision.handle', { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId });
    try {
      const view = await recordFollowUp(deps, actorOf(ctx).openId, item, holds);
      return { toast: { type: 'success', content: '已反馈，谢谢。' }, card: presentFollowUpCard(view, holds ? 'holds' : 'relapsed') };
    } catch (err) {
      if (err instanceof BotError && err.code === 'stale_card') return { toast: { type: 'warning', content: err.userMessage } };
      throw err;
    }
  });
  router.action('sv.back', async (ctx) => {
    const { id } = parseCard(itemValue, ctx.value);
    // 返回 restores what this card showed. A value naming another item (a tampered click) shows it only to
    // someone who may see that item.
    const [ref, read] = await Promise.all([readCardRef(deps.sql, ctx.action.messageId), readItemOrFail(deps, id)]);
    if (ref?.objectType !== 'supervision_item' || ref.objectId !== id) {
      const { item } = read;
      authorize(actorOf(ctx), 'supervision.view', { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId });
    }
    const audience: ItemAudience = ref && ['assignee', 'group', 'detail'].includes(ref.view) ? (ref.view as ItemAudience) : 'detail';
    const [view, timeline] = await Promise.all([viewOf(deps, read), audience === 'detail' ? readTimeline(deps.sql, id) : []]);
    return { card: presentItemCard(view, audience, timeline) };
  });
  router.action('sv.create.submit', async (ctx) => {
    const f = form(createForm, ctx);
    try {
      const { item, view, notes } = await createItem(
        deps,
        actorOf(ctx),
        {
          content: f.content ?? '',
          standard: f.standard,
          unit: { id: f.unit ?? '' },
          personName: f.person,
          ...(f.leader ? { leader: { id: f.leader } } : {}),
          deadline: f.deadline ?? '',
          sourceType: f.source,
          sourceRef: f.ref,
          urgent: f.urgency === 'urgent',
          progressCycle: f.cycle,
          promised: f.promised === 'yes',
          milestones: f.milestones,
          followUp: f.followup,
        },
        { chatId: ctx.chatId, once: cardActionKey(ctx.action) },
      );
      await recordRef(deps.prisma, { objectType: ITEM_TYPE, objectId: item.id, messageId: ctx.action.messageId, chatId: ctx.chatId, view: 'group' });
      return { toast: { type: notes.length ? 'warning' : 'success', content: notes[0] ?? `已立项：${item.number}` }, card: presentItemCard(view, 'group') };
    } catch (err) {
      if (err instanceof DuplicateItemError)
        return { toast: { type: 'warning', content: err.userMessage }, card: duplicateConfirmCard(deps, err, cardActionKey(ctx.action)) };
      if (err instanceof BotError && err.code === 'bad_input') {
        return {
          toast: { type: 'error', content: err.userMessage },
          card: presentCreateForm(formLists(await readDirectory(deps.prisma), rankOrder(deps.settings.leaderRanks)), err.userMessage, f),
        };
      }
      throw err;
    }
  });
  registerDuplicateActions(router, deps);
}
