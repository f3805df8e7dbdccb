import { BotError, notFound } from '../../errors.js';
import type { ActionContext, ActionResponse } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import { refsOf } from '../../platform/cards/index.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, type Actor } from '../org/index.js';
import { DRAFT_TYPE } from './object-type.js';
import { presentAddForm, presentReturnForm, presentTransferForm } from './presenters/forms.js';
import { presentHolderCard } from './presenters/holder-card.js';
import { findDraft } from './repositories/drafts.js';
import { loadDraftView, loadTimeline } from './repositories/views.js';
import { addForm, draftValue, parseCard, returnForm, stepRef, transferForm } from './schemas.js';
import { approve, reconfirm, returnDraft } from './use-cases/decide.js';
import { addReviewer, transfer, transferTargets } from './use-cases/handover.js';
import { loadHolding, type StepRef } from './use-cases/holding.js';
import { holderView, presentView, reconfirmView } from './use-cases/publish.js';
import { resubmit } from './use-cases/resubmit.js';
import { registerSubmitActions } from './submit-actions.js';
import type { DraftView, StepView } from './view.js';

/** The card the clicked message shows now: its own view (CardRef), or the fallback given. */
async function cardFor(deps: FeatureDeps, ctx: ActionContext, v: DraftView, fallback: string) {
  const ref = (await refsOf(deps.prisma, DRAFT_TYPE, v.id)).find((r) => r.messageId === ctx.action.messageId);
  return presentView(ref?.view ?? fallback, v, () => loadTimeline(deps.prisma, v.id));
}

async function currentView(deps: FeatureDeps, draftId: string): Promise<DraftView> {
  const draft = await findDraft(deps.prisma, draftId);
  if (!draft) throw notFound('未找到该文稿，可能已被删除。');
  return loadDraftView(deps.prisma, draft, deps.clock.now());
}

const fallbackView = (v: DraftView, ref: StepRef, kind: 'holder' | 'reconfirm') => {
  const s = v.steps.find((x) => x.id === ref.stepId);
  if (!s) return 'detail';
  return kind === 'holder' ? holderView(s) : reconfirmView(s);
};

/**
 * A click that changes the draft. A stale click (the level moved on, a second click) answers why with the
 * card as it now is; a refusal of the person (not the holder) answers only a toast: a forwarded card
 * shows nothing new to whoever clicked it.
 */
function act(deps: FeatureDeps, done: string, kind: 'holder' | 'reconfirm', run: (actor: Actor, ref: StepRef, ctx: ActionContext) => Promise<DraftView>) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const ref = stepRef(ctx.value);
    try {
      const v = await run(actorOf(ctx), ref, ctx);
      return { toast: { type: 'success', content: done }, card: await cardFor(deps, ctx, v, fallbackView(v, ref, kind)) };
    } catch (err) {
      if (err instanceof BotError && (err.code === 'stale_card' || err.code === 'conflict')) {
        const v = await currentView(deps, ref.draftId);
        return { toast: { type: 'warning', content: err.userMessage }, card: await cardFor(deps, ctx, v, fallbackView(v, ref, kind)) };
      }
      throw err;
    }
  };
}

/** A form in place of the holder's card: only for the holder, while the level is theirs. */
function openForm(
  deps: FeatureDeps,
  action: 'return' | 'transfer' | 'add_reviewer',
  present: (v: DraftView, s: StepView) => Promise<ReturnType<typeof presentReturnForm>>,
) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const ref = stepRef(ctx.value);
    try {
      await loadHolding(deps.prisma, actorOf(ctx), ref, action);
    } catch (err) {
      if (err instanceof BotError && err.code === 'stale_card') {
        const v = await currentView(deps, ref.draftId);
        return { toast: { type: 'warning', content: err.userMessage }, card: await cardFor(deps, ctx, v, fallbackView(v, ref, 'holder')) };
      }
      throw err;
    }
    const v = await currentView(deps, ref.draftId);
    return {
      card: await present(
        v,
        v.steps.find((s) => s.id === ref.stepId)!,
      ),
    };
  };
}

/** A refused form comes back with the message and what was typed; other refusals as `act` answers them. */
function submitForm(
  deps: FeatureDeps,
  done: string,
  run: (actor: Actor, ref: StepRef, ctx: ActionContext) => Promise<DraftView>,
  again: (v: DraftView, s: StepView, error: string) => Promise<ReturnType<typeof presentReturnForm>>,
) {
  const handler = act(deps, done, 'holder', run);
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    try {
      return await handler(ctx);
    } catch (err) {
      if (!(err instanceof BotError && err.code === 'bad_input')) throw err;
      const ref = stepRef(ctx.value);
      const v = await currentView(deps, ref.draftId);
      const s = v.steps.find((x) => x.id === ref.stepId);
      if (!s) throw err;
      return { toast: { type: 'error', content: err.userMessage }, card: await again(v, s, err.userMessage) };
    }
  };
}

export function registerReviewActions(router: Router, deps: FeatureDeps): void {
  const form = <S extends Parameters<typeof parseCard>[0]>(schema: S, ctx: ActionContext) => parseCard(schema, ctx.action.formValue);
  const targets = async (v: DraftView, s: StepView) => (await transferTargets(deps, v, s)).map((p) => ({ id: p.id, name: p.name }));

  router.action(
    'rv.approve',
    act(deps, '已审核通过。', 'holder', (actor, ref, ctx) => approve(deps, actor, ref, form(returnForm, ctx).comment, ctx.action.messageId)),
  );
  router.action(
    'rv.return.open',
    openForm(deps, 'return', async (v, s) => presentReturnForm(v, s)),
  );
  router.action(
    'rv.return.submit',
    submitForm(
      deps,
      '已退回起草人修改。',
      (actor, ref, ctx) => returnDraft(deps, actor, ref, form(returnForm, ctx).comment, ctx.action.messageId),
      async (v, s, e) => presentReturnForm(v, s, e),
    ),
  );
  router.action(
    'rv.transfer.open',
    openForm(deps, 'transfer', async (v, s) => presentTransferForm(v, s, await targets(v, s))),
  );
  router.action(
    'rv.transfer.submit',
    submitForm(
      deps,
      '已转交。',
      (actor, ref, ctx) => {
        const f = form(transferForm, ctx);
        return transfer(deps, actor, ref, f.to, f.reason, ctx.action.messageId);
      },
      async (v, s, e) => presentTransferForm(v, s, await targets(v, s), e),
    ),
  );
  router.action(
    'rv.add.open',
    openForm(deps, 'add_reviewer', async (v, s) => presentAddForm(v, s)),
  );
  router.action(
    'rv.add.submit',
    submitForm(
      deps,
      '已加签。',
      (actor, ref, ctx) => {
        const f = form(addForm, ctx);
        return addReviewer(deps, actor, ref, f.person, f.label, ctx.action.messageId);
      },
      async (v, s, e) => presentAddForm(v, s, e),
    ),
  );
  router.action(
    'rv.reconfirm',
    act(deps, '已重新确认。', 'reconfirm', (actor, ref, ctx) => reconfirm(deps, actor, ref, ctx.action.messageId)),
  );
  router.action('rv.back', async (ctx) => {
    const ref = stepRef(ctx.value);
    const v = await currentView(deps, ref.draftId);
    // 返回 shows the holder's card only to the holder (a tampered value naming another draft shows nothing).
    const s = v.steps.find((x) => x.id === ref.stepId);
    if (!s || s.openId !== ctx.actorOpenId) return { toast: { type: 'warning', content: '卡片内容已失效，请刷新后重试。' } };
    return { card: presentHolderCard(v, s.id) };
  });
  router.action('rv.resubmit', async (ctx) => {
    const { d, v: version } = parseCard(draftValue, ctx.value);
    try {
      const v = await resubmit(deps, actorOf(ctx), d, version, ctx.action.messageId);
      return { toast: { type: 'success', content: '已重新提交修改稿。' }, card: await cardFor(deps, ctx, v, 'drafter') };
    } catch (err) {
      if (err instanceof BotError && err.code === 'stale_card') {
        const v = await currentView(deps, d);
        if (v.drafterOpenId !== ctx.actorOpenId) return { toast: { type: 'warning', content: err.userMessage } };
        return { toast: { type: 'warning', content: err.userMessage }, card: await cardFor(deps, ctx, v, 'drafter') };
      }
      throw err;
    }
  });
  registerSubmitActions(router, deps);
}
