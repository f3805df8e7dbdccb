import { z } from 'zod';
import { BotError } from '../../../errors.js';
import type { ActionResponse } from '../../../router/context.js';
import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { TOPIC_OUTCOME_LABEL } from '../domain/topic-fields.js';
import { findTopic } from '../repositories/topics.js';
import { parseCard } from '../meetings/schemas.js';
import { MINUTES_ACTIONS } from './presenters/record-card.js';
import { presentDecisionForm, presentOutcomeForm, type RecordFormInput } from './presenters/record-forms.js';
import { meetingById } from './use-cases/lookup.js';
import { parseOutcome, recordDecision, recordOutcome } from './use-cases/record.js';
import { recordCard } from './use-cases/record-card.js';

const id = z.string().min(1).max(64);
const meetingValue = z.object({ m: id });
const topicValue = z.object({ m: id, t: id });
const text = (max: number) => z.string().max(max).optional().default('');
const outcomeForm = z.object({ outcome: text(20), note: text(500) });
const decisionForm = z.object({ content: text(500), unit: text(100), leader: text(50), deadline: text(50) });

/**
 * The 会议记录 card's clicks: 记录结果 and 添加议定事项 open a form on the card; 保存 runs the same use case
 * as `会议 结果` / `会议 议定` (topics.office checked there, against the person who clicked; the meeting and
 * the topic re-read, the topic must be on that meeting's agenda). A refusal returns the form with what was
 * typed and the reason; nothing is written.
 */
export function registerMinutesActions(router: Router, deps: FeatureDeps): void {
  /** The form's facts from the rows (never from the card): the meeting's number, the topic's title. */
  const formFacts = async (v: { m: string; t: string }): Promise<RecordFormInput> => {
    const { meeting } = await meetingById(deps, v.m);
    const topic = await findTopic(deps.prisma, v.t);
    if (!topic || topic.meetingId !== meeting.id) throw new BotError('stale_card', '该议题已不在本次会议议程中。');
    return { meetingId: meeting.id, meetingNumber: meeting.number, topicId: topic.id, topicTitle: topic.title };
  };

  /** A refusal of 保存: the toast and the form again, with what was typed and why. */
  const again = async (err: unknown, facts: RecordFormInput, values: Record<string, string>, form: typeof presentOutcomeForm): Promise<ActionResponse> => {
    if (!(err instanceof BotError) || (err.code !== 'bad_input' && err.code !== 'stale_card' && err.code !== 'conflict')) throw err;
    return { toast: { type: 'error', content: err.userMessage.slice(0, 300) }, card: form({ ...facts, values, error: err.userMessage }) };
  };

  router.action(MINUTES_ACTIONS.outcomeForm, async (ctx) => {
    authorize(actorOf(ctx), 'topics.office');
    const facts = await formFacts(parseCard(topicValue, ctx.value));
    const topic = (await findTopic(deps.prisma, facts.topicId))!;
    const values: Record<string, string> = topic.outcome
      ? { outcome: TOPIC_OUTCOME_LABEL[topic.outcome as keyof typeof TOPIC_OUTCOME_LABEL], note: topic.outcomeNote }
      : {};
    return { card: presentOutcomeForm({ ...facts, values }) };
  });

  router.action(MINUTES_ACTIONS.decisionForm, async (ctx) => {
    authorize(actorOf(ctx), 'topics.office');
    return { card: presentDecisionForm(await formFacts(parseCard(topicValue, ctx.value))) };
  });

  router.action(MINUTES_ACTIONS.back, async (ctx) => {
    authorize(actorOf(ctx), 'topics.office');
    return { card: await recordCard(deps, parseCard(meetingValue, ctx.value).m) };
  });

  router.action(MINUTES_ACTIONS.outcome, async (ctx) => {
    const actor = actorOf(ctx);
    authorize(actor, 'topics.office');
    const facts = await formFacts(parseCard(topicValue, ctx.value));
    const form = parseCard(outcomeForm, ctx.action.formValue);
    try {
      const outcome = parseOutcome(form.outcome || '（未选择）');
      await recordOutcome(deps, actor, facts.meetingId, facts.topicId, outcome, form.note);
      const done = `已记录：议题「${facts.topicTitle}」审议结果为「${TOPIC_OUTCOME_LABEL[outcome]}」。`;
      return { toast: { type: 'success', content: done.slice(0, 200) }, card: await recordCard(deps, facts.meetingId, done) };
    } catch (err) {
      return again(err, facts, form, presentOutcomeForm);
    }
  });

  router.action(MINUTES_ACTIONS.decision, async (ctx) => {
    const actor = actorOf(ctx);
    authorize(actor, 'topics.office');
    const facts = await formFacts(parseCard(topicValue, ctx.value));
    const form = parseCard(decisionForm, ctx.action.formValue);
    try {
      const r = await recordDecision(deps, actor, facts.meetingId, facts.topicId, {
        content: form.content,
        unit: form.unit,
        ...(form.leader.trim() ? { leader: form.leader } : {}),
        ...(form.deadline.trim() ? { deadline: form.deadline } : {}),
      });
      const done =
        `已记录议定事项（议题「${facts.topicTitle}」第${r.decision.position}项）：承办单位 ${r.unitName}` +
        `${r.leaderName ? `，负责领导 ${r.leaderName}` : ''}${r.deadline ? `，完成时限 ${r.deadline}` : '，未定时限（不列入督查督办）'}。`;
      return { toast: { type: 'success', content: done.slice(0, 200) }, card: await recordCard(deps, facts.meetingId, done) };
    } catch (err) {
      return again(err, facts, form, presentDecisionForm);
    }
  });
}
