import { BotError } from '../../../errors.js';

/** 待签收 → 办理中 → 待销号 → 已办结, plus 已退回 (closure refused: working again) and 已撤销. */
export type ItemStatus = 'pending_ack' | 'in_progress' | 'returned' | 'pending_close' | 'closed' | 'cancelled';

export const STATUS_LABEL: Record<ItemStatus, string> = {
  pending_ack: '待签收',
  in_progress: '办理中',
  returned: '已退回',
  pending_close: '待销号',
  closed: '已办结',
  cancelled: '已撤销',
};

/** Everything a person can do to an item. */
export type ItemAction =
  'acknowledge' | 'report_progress' | 'request_extension' | 'decide_extension' | 'request_closure' | 'close' | 'refuse_closure' | 'cancel';

export const ACTION_LABEL: Record<ItemAction, string> = {
  acknowledge: '签收',
  report_progress: '反馈进展',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  request_closure: '申请办结',
  close: '销号',
  refuse_closure: '退回',
  cancel: '撤销',
};

const WORKING: ItemStatus[] = ['in_progress', 'returned'];

/** In which states each action applies. */
const APPLIES: Record<ItemAction, ItemStatus[]> = {
  acknowledge: ['pending_ack'],
  report_progress: WORKING,
  request_extension: ['pending_ack', ...WORKING],
  decide_extension: ['pending_ack', ...WORKING, 'pending_close'],
  request_closure: WORKING,
  close: ['pending_close'],
  refuse_closure: ['pending_close'],
  cancel: ['pending_ack', ...WORKING, 'pending_close'],
};

export const OPEN_STATUSES: ItemStatus[] = ['pending_ack', 'in_progress', 'returned', 'pending_close'];

export function isOpen(status: ItemStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canApply(action: ItemAction, status: ItemStatus): boolean {
  return APPLIES[action].includes(status);
}

/** Why an action no longer applies (the card was stale), in words for the person who clicked. */
export function notApplicableReason(action: ItemAction, status: ItemStatus): string {
  const now = STATUS_LABEL[status];
  if (status === 'closed') return `该事项已办结，无法${ACTION_LABEL[action]}。`;
  if (status === 'cancelled') return `该事项已撤销，无法${ACTION_LABEL[action]}。`;
  if (action === 'acknowledge') return `该事项已签收（当前状态：${now}），无需重复签收。`;
  if (action === 'request_closure' && status === 'pending_close') return '已申请办结，正在等待督查科审核，请勿重复提交。';
  if ((action === 'close' || action === 'refuse_closure') && status !== 'pending_close')
    return `该事项当前为「${now}」，不在待销号状态，无法${ACTION_LABEL[action]}。`;
  if (status === 'pending_ack') return `请先签收该事项，再${ACTION_LABEL[action]}。`;
  return `该事项当前为「${now}」，无法${ACTION_LABEL[action]}。`;
}

/** The state an action leads to. Throws a stale-card BotError when it does not apply. */
export function transition(action: ItemAction, status: ItemStatus): ItemStatus {
  if (!canApply(action, status)) throw new BotError('stale_card', notApplicableReason(action, status));
  switch (action) {
    case 'acknowledge':
      return 'in_progress';
    case 'request_closure':
      return 'pending_close';
    case 'close':
      return 'closed';
    case 'refuse_closure':
      return 'returned';
    case 'cancel':
      return 'cancelled';
    default:
      return status;
  }
}
