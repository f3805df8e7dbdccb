import { allow, definePolicy, hasRole, type Actor, type Decision } from '../org/index.js';

/** Who a note concerns: its reporter and unit. */
export interface NoteSubject {
  reporterId: string;
  unitId: string;
}

declare module '../org/policy.js' {
  interface PolicyActions {
    /** 报送 / 零报告 for the actor's own unit. */
    'briefs.report': undefined;
    /** 修改 / 撤回 a note (its reporter; the note must still be open — checked by the use case). */
    'briefs.amend': NoteSubject;
    'briefs.view_note': NoteSubject;
    /** The whole daily board and the monthly summary (信息编辑, 办公室主任, 县领导, 管理员). */
    'briefs.board': undefined;
    /** 起草, 编期, 录用, scores: the editors' work (信息科). */
    'briefs.edit': undefined;
  }
}

export const isEditor = (a: Actor): boolean => hasRole(a, 'editor') || hasRole(a, 'admin');
export const isInfoLiaison = (a: Actor): boolean => hasRole(a, 'liaison', 'info');

definePolicy(
  'briefs.report',
  (a): Decision => {
    if (!a.person) return { ok: false, need: '名册中的人员（请先发送「我是谁」并请管理员登记）' };
    if (!a.person.unitId) return { ok: false, need: '已登记所在单位的信息联络员' };
    if (isInfoLiaison(a) || hasRole(a, 'editor')) return allow();
    return { ok: false, need: '本单位的信息联络员（请管理员「授权 @某人 联络员 信息」）' };
  },
  '报送政务信息',
);

definePolicy('briefs.amend', (a, s): Decision => (a.person?.id === s.reporterId ? allow() : { ok: false, need: '该信息的报送人' }), '修改或撤回该信息');

definePolicy(
  'briefs.view_note',
  (a, s): Decision => {
    if (a.person?.id === s.reporterId || isEditor(a) || hasRole(a, 'director')) return allow();
    if (a.person?.unitId === s.unitId && isInfoLiaison(a)) return allow();
    return { ok: false, need: '报送人、本单位信息联络员、信息编辑或办公室主任' };
  },
  '查看该信息',
);

definePolicy(
  'briefs.board',
  (a): Decision => (isEditor(a) || hasRole(a, 'director') || hasRole(a, 'leader') ? allow() : { ok: false, need: '信息编辑、办公室主任或县领导' }),
  '查看全县信息报送情况',
);

definePolicy('briefs.edit', (a): Decision => (isEditor(a) ? allow() : { ok: false, need: '信息编辑' }), '编辑政务信息');
