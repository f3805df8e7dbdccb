import { BotError, notFound } from '../../errors.js';
import type { ActionContext, ActionResponse } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import { card, markdown, md } from '../../cards/elements.js';
import { refsOf } from '../../platform/cards/index.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, type Actor } from '../org/index.js';
import { TOPIC_TYPE } from './object-type.js';
import { findTopic } from './repositories/topics.js';
import { consentValue, leaderValue, legalValue, opinionForm, parseCard, submitForm, topicValue } from './schemas.js';
import { submitFormCard, submittedText, toSubmitInput } from './submit-command.js';
import { loadTopicView, presentView } from './use-cases/cards.js';
import { consentDecide, leaderDecide, legalDecide, resubmitTopic, withdrawTopic, type TopicAct } from './use-cases/decide.js';
import { submitTopic } from './use-cases/submit.js';

/** The card the clicked message shows now: its own view (CardRef), else `detail`. */
async function cardFor(deps: FeatureDeps, ctx: ActionContext, topicId: string) {
  const t = await findTopic(deps.prisma, topicId);
  if (!t) throw notFound('未找到该议题，可能已被删除。');
  const ref = (await refsOf(deps.prisma, TOPIC_TYPE, t.id)).find((r) => r.messageId === ctx.action.messageId);
  return presentView(ref?.view ?? 'detail', await loadTopicView(deps.prisma, t), t);
}

/**
 * A click that changes a topic. A stale click answers why with the card as it now is; a refusal of the
 * person answers only a toast (a forwarded card shows nothing new to whoever clicked it); refused input
 * (an opinion missing) is a toast and the card stays, with what was typed.
 */
function act(deps: FeatureDeps, done: string, run: (actor: Actor, a: TopicAct, ctx: ActionContext) => Promise<unknown>) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const v = parseCard(topicValue, ctx.value);
    const a: TopicAct = { topicId: v.t, version: v.v, messageId: ctx.action.messageId };
    try {
      await run(actorOf(ctx), a, ctx);
      return { toast: { type: 'success', content: done }, card: await cardFor(deps, ctx, v.t) };
    } catch (err) {
      if (err instanceof BotError && (err.code === 'stale_card' || err.code === 'conflict')) {
        return { toast: { type: 'warning', content: err.userMessage }, card: await cardFor(deps, ctx, v.t) };
      }
      if (err instanceof BotError && (err.code === 'bad_input' || err.code === 'forbidden')) return { toast: { type: 'error', content: err.userMessage } };
      throw err;
    }
  };
}

export function registerTopicActions(router: Router, deps: FeatureDeps): void {
  router.action(
    'topics.leader',
    act(deps, '已办理', (actor, a, ctx) => {
      const { d } = parseCard(leaderValue, ctx.value);
      const f = parseCard(opinionForm, ctx.action.formValue);
      return leaderDecide(deps, actor, a, d, f.opinion);
    }),
  );
  router.action(
    'topics.legal',
    act(deps, '已提交审查意见', (actor, a, ctx) => {
      const { d } = parseCard(legalValue, ctx.value);
      const f = parseCard(opinionForm, ctx.action.formValue);
      return legalDecide(deps, actor, a, d, f.opinion, f.conditions);
    }),
  );
  router.action(
    'topics.consent',
    act(deps, '已办理', (actor, a, ctx) => consentDecide(deps, actor, a, parseCard(consentValue, ctx.value).d)),
  );
  router.action(
    'topics.resubmit',
    act(deps, '已重新提交', (actor, a) => resubmitTopic(deps, actor, a)),
  );
  router.action(
    'topics.withdraw',
    act(deps, '已撤回', (actor, a) => withdrawTopic(deps, actor, a)),
  );

  // 提交申报 on the form: refused input comes back on the form with what was typed; nothing is written.
  router.action('topics.submit', async (ctx: ActionContext): Promise<ActionResponse> => {
    const actor = actorOf(ctx);
    const f = parseCard(submitForm, ctx.action.formValue);
    try {
      const { view } = await submitTopic(deps, actor, toSubmitInput(f));
      return {
        toast: { type: 'success', content: `已申报：${view.number}` },
        card: card({ title: `已申报 · ${view.number}`, template: 'green', elements: [markdown(md`${submittedText(view)}`)] }),
      };
    } catch (err) {
      if (err instanceof BotError && err.code === 'bad_input') {
        const values = Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
        return { toast: { type: 'error', content: err.userMessage }, card: await submitFormCard(deps, actor, { error: err.userMessage, values }) };
      }
      throw err;
    }
  });
}
