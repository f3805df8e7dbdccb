import { defineMachine } from '../../platform/workflow/machine.js';

/**
 * A topic's states and the acts that move it (platform/workflow), declared once: presenters ask which
 * buttons apply, use cases where an act leads, and a stale click is told why in these words.
 *
 * 申报 → 待分管领导审核 → (待合法性审查) → (待主持领导同意, a 临时议题 only) → 待列入议程 (the pool) →
 * 已列入议程 → 已上会. 退回修改 / 暂缓 / 合法性审查未通过 go back to the submitter, who 重新提交s (to the
 * 分管领导 again: a sign-off stands on the revision it was given on). 顺延 and 移出议程 return a scheduled
 * topic to the pool with its approvals kept.
 */
export type TopicStatus =
  'leader_review' | 'returned' | 'deferred' | 'legal_review' | 'legal_rejected' | 'awaiting_consent' | 'ready' | 'scheduled' | 'discussed' | 'withdrawn';

export type TopicAction =
  | 'leader_approve'
  | 'leader_approve_consent'
  | 'leader_approve_ready'
  | 'leader_return'
  | 'leader_defer'
  | 'legal_pass'
  | 'legal_pass_consent'
  | 'legal_conditional'
  | 'legal_conditional_consent'
  | 'legal_reject'
  | 'consent_grant'
  | 'consent_refuse'
  | 'resubmit'
  | 'withdraw'
  | 'schedule'
  | 'unschedule'
  | 'postpone'
  | 'discuss';

/** Where an approval leads: to 合法性审查, to the presiding leader's consent (临时议题), or to the pool. */
export type TopicRoute = 'legal' | 'consent' | 'ready';

/** What an act needs besides the state: an opinion, the conditions of 修改后通过, the route (domain/route.ts). */
export interface TopicContext {
  comment?: string;
  conditions?: string;
  route?: TopicRoute;
}

const needs = (want: TopicRoute) => (c?: TopicContext) => (c?.route === undefined || c.route === want ? undefined : '该议题的审核流程已变化，请刷新卡片。');
const opinion = (words: string) => (c?: TopicContext) => (c?.comment?.trim() ? undefined : words);
const legalOpinion = opinion('合法性审查须填写书面审查意见。');
const conditional = (want: TopicRoute) => (c?: TopicContext) =>
  legalOpinion(c) ?? (c?.conditions?.trim() ? undefined : '「修改后通过」须写明修改条件。') ?? needs(want)(c);

const BEFORE_AGENDA: readonly TopicStatus[] = ['leader_review', 'returned', 'deferred', 'legal_review', 'legal_rejected', 'awaiting_consent', 'ready'];

export const TOPIC_MACHINE = defineMachine<TopicStatus, TopicAction, TopicContext>({
  name: 'topic',
  states: {
    leader_review: { label: '待分管领导审核' },
    returned: { label: '退回修改' },
    deferred: { label: '暂缓' },
    legal_review: { label: '待合法性审查' },
    legal_rejected: { label: '合法性审查未通过' },
    awaiting_consent: { label: '待主持领导同意' },
    ready: { label: '待列入议程' },
    scheduled: { label: '已列入议程' },
    discussed: { label: '已上会', final: true },
    withdrawn: { label: '已撤回', final: true },
  },
  actions: {
    leader_approve: { label: '同意上会', from: ['leader_review'], to: 'legal_review', guard: needs('legal') },
    leader_approve_consent: { label: '同意上会', from: ['leader_review'], to: 'awaiting_consent', guard: needs('consent') },
    leader_approve_ready: { label: '同意上会', from: ['leader_review'], to: 'ready', guard: needs('ready') },
    leader_return: { label: '退回修改', from: ['leader_review'], to: 'returned', guard: opinion('退回修改须填写修改意见，请写明需要修改的内容。') },
    leader_defer: { label: '暂缓', from: ['leader_review'], to: 'deferred' },
    legal_pass: { label: '通过', from: ['legal_review'], to: 'ready', guard: (c) => legalOpinion(c) ?? needs('ready')(c) },
    legal_pass_consent: { label: '通过', from: ['legal_review'], to: 'awaiting_consent', guard: (c) => legalOpinion(c) ?? needs('consent')(c) },
    legal_conditional: { label: '修改后通过', from: ['legal_review'], to: 'ready', guard: conditional('ready') },
    legal_conditional_consent: { label: '修改后通过', from: ['legal_review'], to: 'awaiting_consent', guard: conditional('consent') },
    legal_reject: { label: '不通过', from: ['legal_review'], to: 'legal_rejected', guard: legalOpinion },
    consent_grant: { label: '同意临时上会', from: ['awaiting_consent'], to: 'ready' },
    consent_refuse: { label: '不同意临时上会', from: ['awaiting_consent'], to: 'ready' },
    resubmit: { label: '重新提交', from: ['returned', 'deferred', 'legal_rejected'], to: 'leader_review' },
    withdraw: { label: '撤回', from: BEFORE_AGENDA, to: 'withdrawn' },
    schedule: { label: '列入议程', from: ['ready'], to: 'scheduled' },
    unschedule: { label: '移出议程', from: ['scheduled'], to: 'ready' },
    postpone: { label: '顺延', from: ['scheduled'], to: 'ready' },
    discuss: { label: '上会', from: ['scheduled'], to: 'discussed' },
  },
  notApplicable: (a, s) =>
    s === 'withdrawn'
      ? '该议题已撤回。'
      : s === 'discussed'
        ? '该议题已上会，无需再操作。'
        : s === 'returned' || s === 'deferred' || s === 'legal_rejected'
          ? a === 'withdraw'
            ? '当前状态下无法撤回。'
            : '该议题已退回申报单位，待重新提交后再办理。'
          : a === 'resubmit'
            ? '该议题正在办理中，无需重新提交。'
            : `该议题当前为「${TOPIC_STATUS_LABEL[s]}」，无法${TOPIC_ACTION_LABEL[a] ?? '进行此操作'}。`,
});

/** A meeting's states: 拟定 → 已发布议程 → 已召开 → 纪要办理中 → 纪要已印发 → 全部落实. */
export type MeetingStatus = 'planned' | 'published' | 'held' | 'minutes' | 'issued' | 'implemented' | 'cancelled';
export type MeetingAction = 'arrange' | 'publish' | 'republish' | 'cancel' | 'hold' | 'start_minutes' | 'issue' | 'implement';

export const MEETING_MACHINE = defineMachine<MeetingStatus, MeetingAction>({
  name: 'meeting',
  states: {
    planned: { label: '拟定' },
    published: { label: '已发布议程' },
    held: { label: '已召开' },
    minutes: { label: '纪要办理中' },
    issued: { label: '纪要已印发' },
    implemented: { label: '全部落实', final: true },
    cancelled: { label: '已取消', final: true },
  },
  actions: {
    arrange: { label: '调整议程', from: ['planned', 'published'] },
    publish: { label: '发布议程', from: ['planned'], to: 'published' },
    republish: { label: '重新发布议程', from: ['published'] },
    cancel: { label: '取消会议', from: ['planned', 'published'], to: 'cancelled' },
    hold: { label: '会议已召开', from: ['published'], to: 'held' },
    start_minutes: { label: '起草纪要', from: ['held'], to: 'minutes' },
    issue: { label: '印发纪要', from: ['minutes'], to: 'issued' },
    implement: { label: '全部落实', from: ['issued'], to: 'implemented' },
  },
  notApplicable: (a, s) =>
    s === 'cancelled'
      ? '该会议已取消。'
      : s === 'implemented'
        ? '该会议的议定事项已全部落实。'
        : `该会议当前为「${MEETING_STATUS_LABEL[s]}」，无法${MEETING_ACTION_LABEL[a] ?? '进行此操作'}。`,
});

export const TOPIC_STATUS_LABEL: Record<TopicStatus, string> = {
  leader_review: '待分管领导审核',
  returned: '退回修改',
  deferred: '暂缓',
  legal_review: '待合法性审查',
  legal_rejected: '合法性审查未通过',
  awaiting_consent: '待主持领导同意',
  ready: '待列入议程',
  scheduled: '已列入议程',
  discussed: '已上会',
  withdrawn: '已撤回',
};

export const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = {
  planned: '拟定',
  published: '已发布议程',
  held: '已召开',
  minutes: '纪要办理中',
  issued: '纪要已印发',
  implemented: '全部落实',
  cancelled: '已取消',
};

const TOPIC_ACTION_LABEL: Partial<Record<TopicAction, string>> = {
  leader_return: '退回修改',
  leader_defer: '暂缓',
  withdraw: '撤回',
  schedule: '列入议程',
  unschedule: '移出议程',
  postpone: '顺延',
  discuss: '上会',
  consent_grant: '同意临时上会',
  consent_refuse: '不同意临时上会',
};
const MEETING_ACTION_LABEL: Partial<Record<MeetingAction, string>> = { publish: '发布议程', cancel: '取消会议', hold: '记录召开', issue: '印发纪要' };

/**
 * By audit action and timeline kind: 记录 and the cards' 办理记录 read these tables, never a raw code.
 * Words other engineers' parts write (agenda, minutes, decisions) are declared here too, so the registry
 * stays one table.
 */
export const TOPIC_EVENT_LABEL: Record<string, string> = {
  submit: '申报',
  leader_approve: '分管领导同意上会',
  leader_approve_consent: '分管领导同意上会',
  leader_approve_ready: '分管领导同意上会',
  leader_return: '分管领导退回修改',
  leader_defer: '分管领导暂缓',
  legal_pass: '合法性审查通过',
  legal_pass_consent: '合法性审查通过',
  legal_conditional: '合法性审查修改后通过',
  legal_conditional_consent: '合法性审查修改后通过',
  legal_reject: '合法性审查不通过',
  consent_grant: '主持领导同意临时上会',
  consent_refuse: '主持领导不同意临时上会',
  resubmit: '重新提交',
  withdraw: '撤回',
  schedule: '列入议程',
  unschedule: '移出议程',
  reorder: '调整议程顺序',
  postpone: '顺延',
  discuss: '上会',
  outcome: '记录审议结果',
  decision: '记录议定事项',
  materials_open: '准备补充材料',
  material_file: '补充材料',
};

export const MEETING_EVENT_LABEL: Record<string, string> = {
  create: '新建会议',
  arrange: '调整议程',
  publish: '发布议程',
  republish: '重新发布议程',
  cancel: '取消会议',
  remind: '会前提醒',
  hold: '会议已召开',
  start_minutes: '起草纪要',
  minutes_drafted: '生成纪要稿',
  minutes_chase: '纪要催办',
  minutes_signed: '纪要签发',
  issue: '印发纪要',
  issue_file: '印发纪要文件',
  implement: '全部落实',
};
