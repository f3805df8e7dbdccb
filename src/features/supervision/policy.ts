import { allow, definePolicy, hasRole, requireRole, scopesOf, type Actor, type Decision } from '../org/index.js';

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
    'supervision.list_all': undefined;
    'supervision.handle': ItemSubject;
    'supervision.decide': ItemSubject;
    'supervision.report': undefined;
  }
}

const isOfficeWide = (a: Actor) => hasRole(a, 'supervisor') || hasRole(a, 'admin') || hasRole(a, 'director');

/** A leader sees items they are responsible for and items of the units they are in charge of. */
function leaderSees(a: Actor, s: ItemSubject): boolean {
  if (!hasRole(a, 'leader')) return false;
  return (!!a.person && s.leaderId === a.person.id) || scopesOf(a, 'leader').includes(`unit:${s.unitId}`);
}

/** The responsible person, or a supervision liaison of the responsible unit. */
function isAssignee(a: Actor, s: ItemSubject): boolean {
  if (!a.person) return false;
  if (s.personId && s.personId === a.person.id) return true;
  return a.person.unitId === s.unitId && hasRole(a, 'liaison', 'supervision');
}

definePolicy('supervision.create', requireRole('supervisor', 'admin'), '督办立项');
definePolicy('supervision.list_all', (a) => (isOfficeWide(a) || hasRole(a, 'leader') ? allow() : { ok: false, need: '督查员、办公室主任或县（区）领导' }), '查看全部督办事项');
definePolicy(
  'supervision.view',
  (a, s): Decision =>
    isOfficeWide(a) || leaderSees(a, s) || (!!a.person && a.person.unitId === s.unitId) || isAssignee(a, s)
      ? allow()
      : { ok: false, need: '本单位人员、负责领导或督查员' },
  '查看该督办事项',
);
definePolicy('supervision.handle', (a, s) => (isAssignee(a, s) ? allow() : { ok: false, need: '该事项的责任人或承办单位督查联络员' }), '办理该督办事项');
definePolicy('supervision.decide', requireRole('supervisor'), '审核督办事项（销号、退回、审批延期、撤销）');
definePolicy('supervision.report', requireRole('supervisor', 'admin', 'director', 'leader'), '查看或发布督查通报');
