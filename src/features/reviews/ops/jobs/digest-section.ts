import type { DigestContributor, DigestSection } from '../../../../platform/digest/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { deskTime, lineOf } from '../desk-lines.js';
import { draftLine } from '../presenters/lines.js';
import { holdings } from '../repositories/holdings.js';

/** Order of the desk's sections within their role on 今日汇要. */
const LEADER_RANK = 20;
const REVIEWER_RANK = 10;

/**
 * 文稿审核's part of 今日汇要: the drafts on a person's desk with their dwell in working time — for a
 * leader the drafts awaiting their 审定/签发 (a level with the leader's role, or anything held by a
 * person with the leader role), for everyone else the drafts awaiting their review. Nothing held: nothing.
 */
export function reviewDigestSection(deps: FeatureDeps): DigestContributor {
  return async (person, day) => {
    const held = await holdings(deps.sql, { holderOpenId: person.openId });
    if (!held.length) return null;
    const t = deskTime(deps, day.at);
    const isLeader = person.grants.some((g) => g.role === 'leader');
    const toSign = held.filter((h) => h.role === 'leader' || isLeader);
    const toReview = held.filter((h) => !toSign.includes(h));
    const section = (role: 'leader' | 'reviewer', rows: typeof held): DigestSection => {
      const lines = rows.map((h) => lineOf(h, t));
      const overdue = lines.filter((l) => l.overdue).length;
      return {
        role,
        rank: role === 'leader' ? LEADER_RANK : REVIEWER_RANK,
        title: `${role === 'leader' ? '待您审定、签发的文稿' : '您手中待审的文稿'} ${lines.length} 份${overdue ? `（${overdue} 份已超过审核时限）` : ''}`,
        lines: lines.map((l, i) => `${i + 1}. ${draftLine(l, t.dayMinutes)}`),
        hint: '请在各文稿的审核卡片中办理；发送「审核 我的」可随时查看。',
        pressing: overdue > 0,
      };
    };
    return [...(toSign.length ? [section('leader', toSign)] : []), ...(toReview.length ? [section('reviewer', toReview)] : [])];
  };
}
