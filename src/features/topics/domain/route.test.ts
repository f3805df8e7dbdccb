import { describe, expect, it } from 'vitest';
import { BotError } from '../../../errors.js';
import { TOPIC_MACHINE } from '../machine.js';
import { agendaBlocker, leaderApproveAction, legalPassAction, routeAfterLeader, routeAfterLegal, routeOf } from './route.js';

describe('topic machine and routes', () => {
  it('同意上会 leads to 合法性审查 when needed, to the presiding leader for a 临时议题, else to the pool', () => {
    expect(routeAfterLeader({ needsLegalReview: true, legalPassed: false, consentPending: true })).toBe('legal');
    expect(routeAfterLeader({ needsLegalReview: true, legalPassed: true, consentPending: true })).toBe('consent');
    expect(routeAfterLeader({ needsLegalReview: false, legalPassed: false, consentPending: false })).toBe('ready');
    expect(routeAfterLegal({ consentPending: false })).toBe('ready');
    expect(TOPIC_MACHINE.next(leaderApproveAction('legal'), 'leader_review', { route: 'legal' })).toBe('legal_review');
    expect(TOPIC_MACHINE.next(leaderApproveAction('consent'), 'leader_review', { route: 'consent' })).toBe('awaiting_consent');
    expect(TOPIC_MACHINE.next(leaderApproveAction('ready'), 'leader_review', { route: 'ready' })).toBe('ready');
    expect(TOPIC_MACHINE.next(legalPassAction(true, 'ready'), 'legal_review', { comment: '合法', conditions: '删去第五条', route: 'ready' })).toBe('ready');
    expect(() => legalPassAction(false, 'legal')).toThrow();
  });

  it('exactly one 同意上会 applies for each route, so the card shows one button', () => {
    for (const route of ['legal', 'consent', 'ready'] as const) {
      const approvals = TOPIC_MACHINE.allowed('leader_review', { route }).filter((a) => a.startsWith('leader_approve'));
      expect(approvals).toEqual([leaderApproveAction(route)]);
    }
  });

  it('guards: 退回修改 needs an opinion; every legal outcome a written opinion; 修改后通过 its conditions', () => {
    expect(TOPIC_MACHINE.whyNot('leader_return', 'leader_review', { comment: ' ' })).toBe('退回修改须填写修改意见，请写明需要修改的内容。');
    expect(TOPIC_MACHINE.whyNot('leader_defer', 'leader_review', {})).toBeUndefined();
    expect(TOPIC_MACHINE.whyNot('legal_reject', 'legal_review', {})).toBe('合法性审查须填写书面审查意见。');
    expect(TOPIC_MACHINE.whyNot('legal_conditional', 'legal_review', { comment: '基本合法', route: 'ready' })).toBe('「修改后通过」须写明修改条件。');
    expect(TOPIC_MACHINE.whyNot('legal_pass', 'legal_review', { comment: '合法', route: 'ready' })).toBeUndefined();
  });

  it('a stale act is refused in the office’s words', () => {
    expect(TOPIC_MACHINE.whyNot('leader_approve', 'returned')).toBe('该议题已退回申报单位，待重新提交后再办理。');
    expect(TOPIC_MACHINE.whyNot('resubmit', 'legal_review')).toBe('该议题正在办理中，无需重新提交。');
    expect(TOPIC_MACHINE.whyNot('legal_pass', 'withdrawn')).toBe('该议题已撤回。');
    expect(() => TOPIC_MACHINE.next('schedule', 'leader_review')).toThrow(BotError);
    expect(TOPIC_MACHINE.next('resubmit', 'legal_rejected')).toBe('leader_review');
    expect(TOPIC_MACHINE.next('postpone', 'scheduled')).toBe('ready');
  });

  it('routeOf reads the route the card’s buttons take from the stored topic', () => {
    const base = { needsLegalReview: true, legalOutcome: '', consentStatus: '' };
    expect(routeOf({ ...base, status: 'leader_review' })).toBe('legal');
    expect(routeOf({ ...base, status: 'legal_review' })).toBe('ready');
    expect(routeOf({ ...base, status: 'legal_review', consentStatus: 'pending' })).toBe('consent');
  });

  it('the completeness rule: no agenda place without a passing legal review or the presiding leader’s consent', () => {
    const t = { status: 'ready', needsLegalReview: true, legalOutcome: '', consentStatus: '', lateForMeetingId: null, meetingId: 'm1' };
    expect(agendaBlocker(t)).toBe('该议题须经合法性审查，审查通过（或修改后通过）前不得列入议程。');
    expect(agendaBlocker({ ...t, legalOutcome: 'rejected' })).toContain('须经合法性审查');
    expect(agendaBlocker({ ...t, legalOutcome: 'conditional' })).toBeUndefined();
    expect(agendaBlocker({ ...t, needsLegalReview: false, consentStatus: 'pending' })).toBe('该议题为临时议题，须经主持领导同意后方可列入议程。');
    expect(agendaBlocker({ ...t, needsLegalReview: false, consentStatus: 'refused', lateForMeetingId: 'm1' })).toContain('主持领导未同意');
    expect(agendaBlocker({ ...t, needsLegalReview: false, consentStatus: 'refused', lateForMeetingId: 'm0' })).toBeUndefined();
    expect(agendaBlocker({ ...t, needsLegalReview: false, status: 'leader_review' })).toBe('该议题尚未完成审核，暂不能列入议程。');
  });
});
