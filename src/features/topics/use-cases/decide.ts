import type { Tx } from '../../../db/handles.js';
import { BotError, badInput, forbidden, notFound } from '../../../errors.js';
import { applyTransition } from '../../../platform/workflow/transition.js';
import type { FeatureDeps } from '../../deps.js';
import { can, type Actor } from '../../org/index.js';
import { leaderApproveAction, legalPassAction, routeAfterLeader, routeAfterLegal } from '../domain/route.js';
import { TOPIC_LIMITS } from '../domain/topic-fields.js';
import { TOPIC_MACHINE, type TopicAction, type TopicContext, type TopicStatus } from '../machine.js';
import { TOPIC_EVENT_LABEL } from '../machine.js';
import { TOPIC_TYPE } from '../object-type.js';
import { findMeetingType } from '../repositories/meeting-types.js';
import { findTopic, updateTopicIf, type TopicData, type TopicRow } from '../repositories/topics.js';
import { topicSubject, type TopicView } from '../view.js';
import { postHolderCards, refreshTopicCards, tellSubmitter } from './cards.js';

/** Who acted and on what: the topic at the version their card showed. */
export interface TopicAct {
  topicId: string;
  version: number;
  /** The clicked card's message: answered by the click itself, not refreshed. */
  messageId?: string;
}

export const STALE_TOPIC = '该议题刚被他人处理或已更新，卡片已刷新为最新状态，请核对后再操作。';

interface Plan {
  action: TopicAction;
  ctx: TopicContext;
  data: Partial<TopicData>;
  text: string;
  /** A line to the submitter after the act (keyed once per act). */
  tell?: string;
}

/**
 * One act on a topic: re-read the row in the transaction, check the person against it (never the card),
 * refuse a card older than the row, let the machine decide (its guard words come back as bad input),
 * write with compare-and-set, record the event, and bring every card up to date.
 */
async function act(deps: FeatureDeps, actor: Actor, a: TopicAct, plan: (t: TopicRow, tx: Tx) => Promise<Plan>): Promise<TopicView> {
  const now = deps.clock.now();
  const view = await deps.prisma.$transaction(async (tx) => {
    const t = await findTopic(tx, a.topicId);
    if (!t) throw notFound('未找到该议题，可能已被删除。');
    const p = await plan(t, tx);
    const from = t.status as TopicStatus;
    // A card older than the row: the machine's words when the act no longer applies at all.
    if (t.version !== a.version)
      throw new BotError('stale_card', TOPIC_MACHINE.spec.actions[p.action].from.includes(from) ? STALE_TOPIC : TOPIC_MACHINE.whyNot(p.action, from)!);
    const why = TOPIC_MACHINE.whyNot(p.action, from, p.ctx);
    if (why !== undefined && TOPIC_MACHINE.spec.actions[p.action].from.includes(from)) throw badInput(why);
    let written: TopicRow | undefined;
    await applyTransition(tx, {
      machine: TOPIC_MACHINE,
      action: p.action,
      from,
      ctx: p.ctx,
      staleMessage: STALE_TOPIC,
      write: async (next) => {
        const ok = await updateTopicIf(tx, t, { ...p.data, status: next, ...(next !== from ? { statusAt: now } : {}) });
        if (ok) written = (await findTopic(tx, t.id))!;
        return ok;
      },
      event: (next) => ({
        type: TOPIC_TYPE,
        objectId: t.id,
        auditId: t.number,
        actor: actor.openId,
        at: now,
        kind: p.action,
        text: p.text,
        data: { revision: t.revision },
        before: { status: from },
        after: { status: next, note: TOPIC_EVENT_LABEL[p.action] },
      }),
    });
    const row = written!;
    const v = await refreshTopicCards(tx, row, a.messageId);
    await postHolderCards(tx, v, row);
    if (p.tell) await tellSubmitter(tx, row, p.tell, `${p.action}:${row.version}`);
    return v;
  });
  deps.outbox.kick();
  return view;
}

const opinionOf = (s: string | undefined) => (s ?? '').trim().slice(0, TOPIC_LIMITS.opinionChars);

function requireLeader(actor: Actor, t: TopicRow, leaderName: string): void {
  if (!can(actor, 'topics.leader_review', topicSubject(t)).ok) throw forbidden(`仅限该议题的分管领导${leaderName ? ` ${leaderName} ` : ''}本人审核。`);
}

/** 分管领导审核: 同意上会 (to 合法性审查, the presiding leader's consent, or the pool), 退回修改 (with an opinion), 暂缓. */
export function leaderDecide(
  deps: FeatureDeps,
  actor: Actor,
  a: TopicAct,
  decision: 'approve' | 'return' | 'defer',
  opinion: string | undefined,
  leaderName = '',
): Promise<TopicView> {
  return act(deps, actor, a, async (t) => {
    requireLeader(actor, t, leaderName);
    const comment = opinionOf(opinion);
    const base = { leaderOpinion: comment, leaderDecidedAt: deps.clock.now() };
    if (decision === 'approve') {
      const route = routeAfterLeader({
        needsLegalReview: t.needsLegalReview,
        legalPassed: t.legalOutcome === 'passed' || t.legalOutcome === 'conditional',
        consentPending: t.consentStatus === 'pending',
      });
      const where = route === 'legal' ? '已送合法性审查' : route === 'consent' ? '已送主持领导同意（临时议题）' : '已进入待列入议程';
      return {
        action: leaderApproveAction(route),
        ctx: { route },
        data: base,
        text: comment || '同意上会',
        tell: `您申报的议题 ${t.number}「${t.title}」分管领导已同意上会，${where}。`,
      };
    }
    if (decision === 'return') {
      return {
        action: 'leader_return',
        ctx: { comment },
        data: base,
        text: comment,
        tell: `您申报的议题 ${t.number}「${t.title}」被分管领导退回修改。修改意见：${comment}\n请修改后在议题卡片上点击「重新提交」。`,
      };
    }
    return {
      action: 'leader_defer',
      ctx: { comment },
      data: base,
      text: comment || '暂缓',
      tell: `您申报的议题 ${t.number}「${t.title}」分管领导决定暂缓上会${comment ? `。意见：${comment}` : ''}。`,
    };
  });
}

/** 合法性审查: 通过 / 修改后通过 (with conditions) / 不通过, each with a written opinion, shown on the card. */
export function legalDecide(
  deps: FeatureDeps,
  actor: Actor,
  a: TopicAct,
  decision: 'pass' | 'conditional' | 'reject',
  opinion: string | undefined,
  conditions: string | undefined,
): Promise<TopicView> {
  return act(deps, actor, a, async (t) => {
    if (!can(actor, 'topics.legal_review').ok) throw forbidden('仅限法制审查员进行合法性审查。');
    const comment = opinionOf(opinion);
    const cond = opinionOf(conditions);
    const base = { legalOpinion: comment, legalReviewerId: actor.person?.id ?? '', legalReviewedAt: deps.clock.now() };
    if (decision === 'reject') {
      return {
        action: 'legal_reject',
        ctx: { comment },
        data: { ...base, legalOutcome: 'rejected', legalConditions: '' },
        text: comment,
        tell: `您申报的议题 ${t.number}「${t.title}」合法性审查未通过。审查意见：${comment}\n请修改后在议题卡片上点击「重新提交」。`,
      };
    }
    const route = routeAfterLegal({ consentPending: t.consentStatus === 'pending' });
    const conditional = decision === 'conditional';
    return {
      action: legalPassAction(conditional, route),
      ctx: { comment, conditions: conditional ? cond : 'n/a', route },
      data: { ...base, legalOutcome: conditional ? 'conditional' : 'passed', legalConditions: conditional ? cond : '' },
      text: conditional ? `${comment}；修改条件：${cond}` : comment,
      tell: `您申报的议题 ${t.number}「${t.title}」合法性审查${conditional ? `修改后通过。修改条件：${cond}` : '通过'}。`,
    };
  });
}

/** 临时议题: the presiding leader agrees (it may go on the meeting it was late for) or not (a later one). */
export function consentDecide(deps: FeatureDeps, actor: Actor, a: TopicAct, decision: 'grant' | 'refuse'): Promise<TopicView> {
  return act(deps, actor, a, async (t, tx) => {
    const type = await findMeetingType(tx, t.meetingTypeId);
    if (!can(actor, 'topics.consent', { presidingId: type?.presidingId ?? '' }).ok) throw forbidden('仅限该类会议的主持领导本人决定临时议题是否上会。');
    const grant = decision === 'grant';
    return {
      action: grant ? 'consent_grant' : 'consent_refuse',
      ctx: {},
      data: { consentStatus: grant ? 'granted' : 'refused', consentById: actor.person?.id ?? '', consentAt: deps.clock.now() },
      text: grant ? '同意临时上会' : '不同意临时上会',
      tell: grant
        ? `您申报的临时议题 ${t.number}「${t.title}」主持领导已同意上会。`
        : `您申报的临时议题 ${t.number}「${t.title}」主持领导未同意列入本次会议，可安排在下次会议。`,
    };
  });
}

/** 重新提交 after 退回修改 / 暂缓 / 合法性审查不通过: the next revision, back to the 分管领导. */
export function resubmitTopic(deps: FeatureDeps, actor: Actor, a: TopicAct): Promise<TopicView> {
  return act(deps, actor, a, async (t) => {
    if (!can(actor, 'topics.resubmit', topicSubject(t)).ok) throw forbidden('仅限议题申报人或申报单位科长重新提交。');
    return {
      action: 'resubmit',
      ctx: {},
      data: {
        revision: t.revision + 1,
        leaderOpinion: '',
        ...(t.legalOutcome === 'rejected' ? { legalOutcome: '', legalOpinion: '', legalConditions: '' } : {}),
      },
      text: `第${t.revision + 1}版`,
    };
  });
}

export function withdrawTopic(deps: FeatureDeps, actor: Actor, a: TopicAct): Promise<TopicView> {
  return act(deps, actor, a, async (t) => {
    if (!can(actor, 'topics.resubmit', topicSubject(t)).ok) throw forbidden('仅限议题申报人或申报单位科长撤回。');
    return { action: 'withdraw', ctx: {}, data: {}, text: '撤回' };
  });
}
