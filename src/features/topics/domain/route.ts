import type { TopicAction, TopicRoute } from '../machine.js';

/** What decides where an approval leads. */
export interface RouteFacts {
  needsLegalReview: boolean;
  /** The legal review already passed on this revision (通过 / 修改后通过). */
  legalPassed: boolean;
  /** A 临时议题 whose presiding leader has not yet said yes or no. */
  consentPending: boolean;
}

/** After the 分管领导's 同意上会: to 合法性审查 if needed and not yet passed, else to consent, else the pool. */
export function routeAfterLeader(f: RouteFacts): TopicRoute {
  if (f.needsLegalReview && !f.legalPassed) return 'legal';
  return f.consentPending ? 'consent' : 'ready';
}

/** After a passing 合法性审查: to the presiding leader's consent (临时议题), else the pool. */
export function routeAfterLegal(f: Pick<RouteFacts, 'consentPending'>): TopicRoute {
  return f.consentPending ? 'consent' : 'ready';
}

/** The machine's action for a decision and its route (the card's one 同意上会 / 通过 / 修改后通过 button). */
export function leaderApproveAction(route: TopicRoute): TopicAction {
  return route === 'legal' ? 'leader_approve' : route === 'consent' ? 'leader_approve_consent' : 'leader_approve_ready';
}

export function legalPassAction(conditional: boolean, route: TopicRoute): TopicAction {
  if (route === 'legal') throw new Error('a passing legal review cannot lead to legal review');
  if (conditional) return route === 'consent' ? 'legal_conditional_consent' : 'legal_conditional';
  return route === 'consent' ? 'legal_pass_consent' : 'legal_pass';
}

/**
 * The completeness rule at 列入议程: a topic needing 合法性审查 goes on an agenda only with a passing one
 * (通过 / 修改后通过), a 临时议题 only with the presiding leader's consent for the meeting it was late for.
 * Undefined when it may go on; else the reason, in the words the card shows.
 */
export function agendaBlocker(t: {
  status: string;
  needsLegalReview: boolean;
  legalOutcome: string;
  consentStatus: string;
  lateForMeetingId: string | null;
  meetingId: string;
}): string | undefined {
  if (t.needsLegalReview && t.legalOutcome !== 'passed' && t.legalOutcome !== 'conditional')
    return '该议题须经合法性审查，审查通过（或修改后通过）前不得列入议程。';
  if (t.consentStatus === 'pending') return '该议题为临时议题，须经主持领导同意后方可列入议程。';
  if (t.consentStatus === 'refused' && t.lateForMeetingId === t.meetingId) return '主持领导未同意该临时议题列入本次会议，可列入下次会议。';
  if (t.status !== 'ready') return '该议题尚未完成审核，暂不能列入议程。';
  return undefined;
}

/** The route the card's approval buttons take now, from the topic as stored. */
export function routeOf(t: { status: string; needsLegalReview: boolean; legalOutcome: string; consentStatus: string }): TopicRoute {
  const facts = {
    needsLegalReview: t.needsLegalReview,
    legalPassed: t.legalOutcome === 'passed' || t.legalOutcome === 'conditional',
    consentPending: t.consentStatus === 'pending',
  };
  return t.status === 'legal_review' ? routeAfterLegal(facts) : routeAfterLeader(facts);
}
