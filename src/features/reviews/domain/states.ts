import { defineMachine } from '../../../platform/workflow/machine.js';

/**
 * A draft's states and the acts that move it, declared once (platform/workflow): presenters ask which
 * buttons apply, use cases where an act leads, and a stale click is told why in these words.
 */
export type DraftStatus = 'reviewing' | 'returned' | 'approved' | 'withdrawn';
export type DraftAction = 'approve' | 'finalise' | 'return' | 'transfer' | 'add_reviewer' | 'reconfirm' | 'resubmit';

/** What an act needs to know besides the state: a 退回 without a comment does not apply. */
export interface DraftContext {
  comment?: string;
}

export const DRAFT_MACHINE = defineMachine<DraftStatus, DraftAction, DraftContext>({
  name: 'review_draft',
  states: {
    reviewing: { label: '审核中' },
    returned: { label: '已退回修改' },
    approved: { label: '审核完成', final: true },
    withdrawn: { label: '已撤回', final: true },
  },
  actions: {
    approve: { label: '通过', from: ['reviewing'] },
    finalise: { label: '通过', from: ['reviewing'], to: 'approved' },
    return: {
      label: '退回修改',
      from: ['reviewing'],
      to: 'returned',
      guard: (c) => (c?.comment?.trim() ? undefined : '退回修改须填写修改意见，请写明需要修改的内容。'),
    },
    transfer: { label: '转交', from: ['reviewing'] },
    add_reviewer: { label: '加签', from: ['reviewing'] },
    reconfirm: { label: '重新确认', from: ['reviewing', 'returned'] },
    resubmit: { label: '重新提交（修改稿）', from: ['returned'], to: 'reviewing' },
  },
  notApplicable: (a, s) =>
    s === 'approved'
      ? '该文稿已审核完成，无需再操作。'
      : s === 'withdrawn'
        ? '该文稿已撤回。'
        : s === 'returned'
          ? '该文稿已退回起草人修改，待重新提交后再审核。'
          : a === 'resubmit'
            ? '该文稿正在审核中，无需重新提交。'
            : '当前状态下无法进行此操作。',
});

/** Step statuses as the chain card reads them. */
export const STEP_LABEL: Record<string, string> = {
  waiting: '待审',
  current: '审核中',
  approved: '已通过',
  returned: '已退回',
  voided: '已失效 · 待重新确认',
  skipped: '本人起草',
};

/**
 * By audit action and by timeline kind (the two differ for a few: an audit's `void` / `remind` /
 * `escalate` is the timeline's `voided` / `reminded` / `escalated`); 记录 and the chain card's
 * 办理记录 read this one table, so neither ever shows a raw code.
 */
export const ACTION_LABEL: Record<string, string> = {
  submit: '提交送审',
  approve: '通过',
  finalise: '审核完成',
  return: '退回修改',
  resubmit: '重新提交（修改稿）',
  transfer: '转交',
  add_reviewer: '加签',
  void: '签署失效',
  voided: '签署失效',
  reconfirm: '重新确认',
  revision_moved: '文稿已修改',
  // Written by the reminder job (ops/jobs/reminders.ts, ops/repositories/reminders.ts).
  remind: '审核提醒',
  reminded: '审核提醒',
  escalate: '超时督促',
  escalated: '超时督促',
};

export const STATUS_LABEL: Record<string, string> = {
  reviewing: '审核中',
  returned: '已退回修改',
  approved: '审核完成',
  withdrawn: '已撤回',
};
