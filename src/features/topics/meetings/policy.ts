import { allow, definePolicy, hasRole, type Decision } from '../../org/index.js';

declare module '../../org/policy.js' {
  interface PolicyActions {
    /** 会议 列表 / 会议 <编号>: anyone in the directory (agendas are internal to the county's offices). */
    'meetings.view': undefined;
  }
}

definePolicy(
  'meetings.view',
  (a): Decision => (a.person || hasRole(a, 'admin') ? allow() : { ok: false, need: '名册中的人员（请先发送「我是谁」并请管理员登记）' }),
  '查看会议',
);
