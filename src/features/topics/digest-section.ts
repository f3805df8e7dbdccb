import { inlineText } from '../../cards/elements.js';
import type { DigestContributor, DigestSection } from '../../platform/digest/index.js';
import { beijingDate } from '../../platform/time.js';
import type { FeatureDeps } from '../deps.js';
import { topicsAwaitingLeader, topicsReturnedTo } from './repositories/digest.js';

const LEADER_RANK = 30;
const SUBMITTER_RANK = 30;
const short = (t: string, n = 30) => (t.length > n ? `${t.slice(0, n)}…` : t);

/**
 * 会议议题's part of 今日汇要: a leader's topics awaiting their review (with how many working days they
 * have waited), and a submitter's topics returned to them with the leader's opinion.
 */
export function topicDigestSection(deps: FeatureDeps): DigestContributor {
  return async (person, day) => {
    const sections: DigestSection[] = [];
    const waited = (at: Date) => day.calendar.workingDaysBetween(beijingDate(at), day.date);
    if (person.grants.some((g) => g.role === 'leader')) {
      const waiting = await topicsAwaitingLeader(deps.prisma, person.id);
      if (waiting.length)
        sections.push({
          role: 'leader',
          rank: LEADER_RANK,
          title: `待您审核的议题 ${waiting.length} 项`,
          lines: waiting.map((t) => {
            const n = waited(t.statusAt);
            return `- **${inlineText(t.number)}**《${inlineText(short(t.title))}》${n > 0 ? `，已等待${n}个工作日` : '，今日提交'}`;
          }),
          hint: '请在议题卡片中审核（同意上会、退回修改或暂缓）；发送「议题 列表」可查看。',
        });
    }
    const returned = await topicsReturnedTo(deps.prisma, person.id);
    if (returned.length)
      sections.push({
        role: 'liaison',
        rank: SUBMITTER_RANK,
        title: `退回修改的议题 ${returned.length} 项`,
        lines: returned.map(
          (t) => `- **${inlineText(t.number)}**《${inlineText(short(t.title))}》${t.leaderOpinion ? `：${inlineText(short(t.leaderOpinion, 40))}` : ''}`,
        ),
        hint: '请按意见修改后在议题卡片中重新提交。',
      });
    return sections;
  };
}
