import { allow, definePolicy, hasRole, requireRole, type Actor, type Decision } from '../org/index.js';
import type { ItemAction } from './domain/states.js';
import { matchesItem } from './item-filter.js';
import { visibleItems } from './visibility.js';

/** What a policy needs to know about an item. */
export interface ItemSubject {
  unitId: string;
  personId: string | null;
  leaderId: string | null;
}

declare module '../org/policy.js' {
  interface PolicyActions {
    'supervision.create': undefined;
    'supervision.view': ItemSubject;
    'supervision.handle': ItemSubject;
    'supervision.decide': ItemSubject;
    'supervision.report': undefined;
  }
}

/** The responsible person, or a supervision liaison of the responsible unit. */
function isAssignee(a: Actor, s: ItemSubject): boolean {
  if (!a.person) return false;
  if (s.personId && s.personId === a.person.id) return true;
  return a.person.unitId === s.unitId && hasRole(a, 'liaison', 'supervision');
}

definePolicy('supervision.create', requireRole('supervisor', 'admin'), '督办立项');
// The same rule the list and the export filter by (visibility.ts), tested on this one item.
definePolicy(
  'supervision.view',
  (a, s): Decision =>
    matchesItem(visibleItems(a), { unitId: s.unitId, personId: s.personId, leaderId: s.leaderId })
      ? allow()
      : { ok: false, need: '本单位人员、负责领导或督查员' },
  '查看该督办事项',
);
definePolicy('supervision.handle', (a, s) => (isAssignee(a, s) ? allow() : { ok: false, need: '该事项的责任人或承办单位督查联络员' }), '办理该督办事项');
definePolicy('supervision.decide', requireRole('supervisor'), '审核督办事项（销号、退回、审批延期、撤销）');
definePolicy('supervision.report', requireRole('supervisor', 'admin', 'director', 'leader'), '查看或发布督查通报');

/**
 * Which policy each act on an item needs: the responsible side handles it, the 督查科 decides on it. The
 * handler authorizes the person who clicked against this; a card shows the buttons of its audience's side.
 */
export const ITEM_ACTION_POLICY: Record<ItemAction, 'supervision.handle' | 'supervision.decide'> = {
  acknowledge: 'supervision.handle',
  report_progress: 'supervision.handle',
  request_extension: 'supervision.handle',
  request_closure: 'supervision.handle',
  decide_extension: 'supervision.decide',
  close: 'supervision.decide',
  refuse_closure: 'supervision.decide',
  cancel: 'supervision.decide',
};
