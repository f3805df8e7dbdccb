import { allow, definePolicy, hasRole, type Actor, type Decision } from '../org/index.js';

/** Who a draft concerns: its drafter and unit, and everyone on its chain. */
export interface DraftSubject {
  drafterId: string;
  unitId: string;
  reviewerIds: readonly string[];
}

declare module '../org/policy.js' {
  interface PolicyActions {
    'reviews.submit': undefined;
    'reviews.view': DraftSubject;
  }
}

const inDirectory = (a: Actor): Decision => (a.person ? allow() : { ok: false, need: '名册中的人员（请先发送「我是谁」并请管理员登记）' });

definePolicy('reviews.submit', inDirectory, '提交文稿审核');

/**
 * A draft is seen by its drafter, the people on its chain, the 科长 of its unit, the office's directors
 * and admins: the office's own business, not the whole county's.
 */
definePolicy(
  'reviews.view',
  (a, s): Decision => {
    const id = a.person?.id;
    if (id && (id === s.drafterId || s.reviewerIds.includes(id))) return allow();
    if (hasRole(a, 'director') || hasRole(a, 'admin')) return allow();
    if (a.person?.unitId === s.unitId && hasRole(a, 'section_chief')) return allow();
    return { ok: false, need: '起草人、该文稿的审核人、本单位科长或办公室主任' };
  },
  '查看该审核文稿',
);
