import { defineMachine } from '../../../platform/workflow/index.js';

/** 待签收 → 办理中 → 待销号 → 已办结, plus 已退回 (closure refused: working again) and 已撤销. */
export type ItemStatus = 'pending_ack' | 'in_progress' | 'returned' | 'pending_close' | 'closed' | 'cancelled';

/** Everything a person can do to an item. */
export type ItemAction =
  'acknowledge' | 'report_progress' | 'request_extension' | 'decide_extension' | 'request_closure' | 'close' | 'refuse_closure' | 'cancel';

const WORKING: ItemStatus[] = ['in_progress', 'returned'];

/**
 * What the guards know beyond the state: whether an extension request awaits a decision. Without it
 * (`transition`, the handler's first check) the guards pass, and the handler checks the extension rows
 * inside its transaction, where a request sent meanwhile is seen.
 */
export interface ItemContext {
  pendingExtension: boolean;
}

export const EXTENSION_PENDING = '已有一项延期申请正在审批，请等待督查科答复。';
export const EXTENSION_GONE = '该延期申请已处理或已撤回。';

/** Why an action no longer applies (the card was stale), in words for the person who clicked. */
function staleWords(action: ItemAction, status: ItemStatus): string {
  const now = ITEM_MACHINE.stateLabel(status);
  const act = ITEM_MACHINE.actionLabel(action);
  if (status === 'closed') return `该事项已办结，无法${act}。`;
  if (status === 'cancelled') return `该事项已撤销，无法${act}。`;
  if (action === 'acknowledge') return `该事项已签收（当前状态：${now}），无需重复签收。`;
  if (action === 'request_closure' && status === 'pending_close') return '已申请办结，正在等待督查科审核，请勿重复提交。';
  if ((action === 'close' || action === 'refuse_closure') && status !== 'pending_close') return `该事项当前为「${now}」，不在待销号状态，无法${act}。`;
  if (status === 'pending_ack') return `请先签收该事项，再${act}。`;
  return `该事项当前为「${now}」，无法${act}。`;
}

/**
 * The item's life as a declared machine on the shared workflow piece: the card's buttons
 * (`ITEM_MACHINE.allowed`), the handler's check and the stale-card words all come from this one place.
 * Actions without `to` leave the state as it is (a progress report, an extension asked or decided).
 */
export const ITEM_MACHINE = defineMachine<ItemStatus, ItemAction, ItemContext | undefined>({
  name: 'supervision_item',
  states: {
    pending_ack: { label: '待签收' },
    in_progress: { label: '办理中' },
    returned: { label: '已退回' },
    pending_close: { label: '待销号' },
    closed: { label: '已办结', final: true },
    cancelled: { label: '已撤销', final: true },
  },
  // Declaration order is the order of a card's buttons (allowed() keeps it).
  actions: {
    acknowledge: { label: '签收', from: ['pending_ack'], to: 'in_progress' },
    report_progress: { label: '反馈进展', from: WORKING },
    request_closure: { label: '申请办结', from: WORKING, to: 'pending_close' },
    request_extension: { label: '申请延期', from: ['pending_ack', ...WORKING], guard: (c) => (c?.pendingExtension ? EXTENSION_PENDING : undefined) },
    close: { label: '销号', from: ['pending_close'], to: 'closed' },
    refuse_closure: { label: '退回', from: ['pending_close'], to: 'returned' },
    decide_extension: {
      label: '审批延期',
      from: ['pending_ack', ...WORKING, 'pending_close'],
      guard: (c) => (c && !c.pendingExtension ? EXTENSION_GONE : undefined),
    },
    cancel: { label: '撤销', from: ['pending_ack', ...WORKING, 'pending_close'], to: 'cancelled' },
  },

  notApplicable: staleWords,
});

// The names the rest of supervision (and its tests) import, derived from the machine.

export const STATUS_LABEL = Object.fromEntries(Object.entries(ITEM_MACHINE.spec.states).map(([s, spec]) => [s, spec.label])) as Record<ItemStatus, string>;

export const ACTION_LABEL = Object.fromEntries(Object.entries(ITEM_MACHINE.spec.actions).map(([a, spec]) => [a, spec.label])) as Record<ItemAction, string>;

export const OPEN_STATUSES: ItemStatus[] = [...ITEM_MACHINE.openStates];

export function isOpen(status: ItemStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canApply(action: ItemAction, status: ItemStatus): boolean {
  return ITEM_MACHINE.canApply(action, status);
}

/** Why an action no longer applies (the card was stale), in words for the person who clicked. */
export function notApplicableReason(action: ItemAction, status: ItemStatus): string {
  return staleWords(action, status);
}

/** The state an action leads to. Throws a stale-card BotError when it does not apply. */
export function transition(action: ItemAction, status: ItemStatus): ItemStatus {
  return ITEM_MACHINE.next(action, status);
}
