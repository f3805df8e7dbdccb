import { BotError } from '../../../errors.js';
import type { ActionResponse } from '../../../router/context.js';
import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, can, type Actor } from '../../org/index.js';
import { MEETING_ACTIONS } from './presenters/actions.js';
import { presentNewMeetingDiscarded } from './presenters/confirm-card.js';
import { agendaValue, newMeetingForm, newMeetingValue, parseCard, topicAgendaValue } from './schemas.js';
import { arrange, type ArrangeOp } from './use-cases/arrange.js';
import { confirmMeeting, editForm, submitForm } from './use-cases/create.js';
import { arrangeCard } from './use-cases/load.js';
import { postponeTopics } from './use-cases/postpone.js';
import { publishAgenda } from './use-cases/publish.js';

/**
 * A refused or stale click on the office's card: the toast says why, and the card shows the agenda as it
 * now is (the meeting named by the value; who may see it was checked by the use case or is checked here).
 */
async function orFresh(deps: FeatureDeps, actor: Actor, meetingId: string, run: () => Promise<ActionResponse>): Promise<ActionResponse> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof BotError) || (err.code !== 'stale_card' && err.code !== 'bad_input' && err.code !== 'conflict')) throw err;
    if (!can(actor, 'topics.office').ok) throw err;
    return {
      toast: { type: err.code === 'bad_input' ? 'error' : 'warning', content: err.userMessage.slice(0, 300) },
      card: await arrangeCard(deps, meetingId),
    };
  }
}

/** The meetings part's clicks: new meeting (确认 / 修改 / 放弃), the agenda (列入 / ↑ / ↓ / 移出 / 顺延), 发布议程. */
export function registerMeetingActions(router: Router, deps: FeatureDeps): void {
  router.action(MEETING_ACTIONS.confirm, async (ctx) => confirmMeeting(deps, actorOf(ctx), parseCard(newMeetingValue, ctx.value)));
  router.action(MEETING_ACTIONS.edit, async (ctx) => ({ card: await editForm(deps, actorOf(ctx), parseCard(newMeetingValue, ctx.value)) }));
  router.action(MEETING_ACTIONS.form, async (ctx) => submitForm(deps, actorOf(ctx), parseCard(newMeetingForm, ctx.action.formValue)));
  router.action(MEETING_ACTIONS.discard, async () => ({ toast: { type: 'info', content: '已放弃，未新建会议。' }, card: presentNewMeetingDiscarded() }));

  const agendaOp = (key: string, op: ArrangeOp, done: string) =>
    router.action(key, async (ctx) => {
      const actor = actorOf(ctx);
      const v = parseCard(topicAgendaValue, ctx.value);
      return orFresh(deps, actor, v.m, async () => {
        const r = await arrange(deps, actor, { meetingId: v.m, topicId: v.t, seen: v.v }, op);
        return { toast: { type: 'success', content: done }, card: await arrangeCard(deps, r.meeting.id, r.text) };
      });
    });
  agendaOp(MEETING_ACTIONS.add, { kind: 'add' }, '已列入议程。');
  agendaOp(MEETING_ACTIONS.up, { kind: 'up' }, '已上移。');
  agendaOp(MEETING_ACTIONS.down, { kind: 'down' }, '已下移。');
  agendaOp(MEETING_ACTIONS.remove, { kind: 'remove' }, '已移出议程，议题回到待列入议程。');

  router.action(MEETING_ACTIONS.postpone, async (ctx) => {
    const actor = actorOf(ctx);
    const v = parseCard(topicAgendaValue, ctx.value);
    return orFresh(deps, actor, v.m, async () => {
      const r = await postponeTopics(deps, actor, { meetingId: v.m, topicId: v.t, seen: v.v });
      const where = r.next ? `已顺延至${r.next.number}。` : '已顺延，待下次会议列入。';
      return { toast: { type: 'success', content: where }, card: await arrangeCard(deps, v.m, `${r.numbers.join('、')}${where}`) };
    });
  });

  router.action(MEETING_ACTIONS.publish, async (ctx) => {
    const actor = actorOf(ctx);
    const v = parseCard(agendaValue, ctx.value);
    return orFresh(deps, actor, v.m, async () => {
      const r = await publishAgenda(deps, actor, { meetingId: v.m, seen: v.v });
      const missing = r.unreachable.length ? `；${r.unreachable.join('、')}未绑定飞书账号，未能私信` : '';
      const text = `议程已发布至会议群，已私信${r.sent}人${missing}。`;
      return { toast: { type: 'success', content: text.slice(0, 200) }, card: await arrangeCard(deps, v.m, text) };
    });
  });
}
