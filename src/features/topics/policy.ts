import { allow, definePolicy, hasRole, type Actor, type Decision } from '../org/index.js';

/** Who a topic concerns: its submitter, unit, 汇报人 and 分管领导. */
export interface TopicSubject {
  submitterId: string;
  unitId: string;
  leaderId: string;
  presenterId: string;
}

declare module '../org/policy.js' {
  interface PolicyActions {
    'topics.submit': undefined;
    'topics.view': TopicSubject;
    /** 分管领导审核: only the topic's 分管领导, and only while in charge of the submitting unit. */
    'topics.leader_review': TopicSubject;
    /** 合法性审查: only a legal reviewer (法制审查员, the 司法局's). */
    'topics.legal_review': undefined;
    /** 临时议题: only the presiding leader of the topic's meeting type. */
    'topics.consent': { presidingId: string };
    /** 重新提交 / 撤回: the submitter (or the unit's 科长). */
    'topics.resubmit': TopicSubject;
    /** 补充材料 (files): the submitter, the presenter, the submitting unit's liaison or 科长, or the office. */
    'topics.materials': TopicSubject;
    /** 秘书科's work: meetings, agendas, outcomes, decisions, minutes. */
    'topics.office': undefined;
    /** Meeting types' configuration (会议类型). */
    'topics.configure': undefined;
  }
}

const idOf = (a: Actor) => a.person?.id;
const inDirectory = (a: Actor): Decision => (a.person ? allow() : { ok: false, need: '名册中的人员（请先发送「我是谁」并请管理员登记）' });
/** 秘书科: admins, the office's directors and its secretaries. */
const isOffice = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'director') || hasRole(a, 'secretary');

definePolicy('topics.submit', inDirectory, '申报会议议题');

definePolicy(
  'topics.view',
  (a, s): Decision => {
    const id = idOf(a);
    if (id && (id === s.submitterId || id === s.leaderId || id === s.presenterId)) return allow();
    if (isOffice(a) || hasRole(a, 'legal_reviewer') || hasRole(a, 'leader')) return allow();
    if (a.person?.unitId === s.unitId) return allow();
    return { ok: false, need: '申报单位人员、分管领导、法制审查员、县领导或办公室人员' };
  },
  '查看该议题',
);

definePolicy(
  'topics.leader_review',
  (a, s): Decision =>
    idOf(a) !== undefined && idOf(a) === s.leaderId && hasRole(a, 'leader', `unit:${s.unitId}`) ? allow() : { ok: false, need: '申报单位的分管领导本人' },
  '审核该议题（分管领导）',
);

definePolicy('topics.legal_review', (a): Decision => (hasRole(a, 'legal_reviewer') ? allow() : { ok: false, need: '法制审查员' }), '合法性审查');

definePolicy(
  'topics.consent',
  (a, s): Decision => (s.presidingId && idOf(a) === s.presidingId ? allow() : { ok: false, need: '该类会议的主持领导本人' }),
  '同意临时议题上会',
);

definePolicy(
  'topics.resubmit',
  (a, s): Decision => {
    if (idOf(a) !== undefined && idOf(a) === s.submitterId) return allow();
    if (a.person?.unitId === s.unitId && hasRole(a, 'section_chief')) return allow();
    return { ok: false, need: '议题申报人或申报单位科长' };
  },
  '重新提交或撤回该议题',
);

definePolicy(
  'topics.materials',
  (a, s): Decision => {
    const id = idOf(a);
    if (id !== undefined && (id === s.submitterId || id === s.presenterId)) return allow();
    if (a.person?.unitId === s.unitId && (hasRole(a, 'liaison') || hasRole(a, 'section_chief'))) return allow();
    if (isOffice(a)) return allow();
    return { ok: false, need: '议题申报人、汇报人、申报单位联络员或科长' };
  },
  '为该议题补充材料',
);

definePolicy('topics.office', (a): Decision => (isOffice(a) ? allow() : { ok: false, need: '办公室（秘书科）人员' }), '办理会议和议程');

definePolicy('topics.configure', (a): Decision => (hasRole(a, 'admin') ? allow() : { ok: false, need: '管理员' }), '配置会议类型');
