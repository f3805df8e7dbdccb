import { inlineText } from '../../../cards/elements.js';
import type { DigestContributor, DigestSection } from '../../../platform/digest/index.js';
import { formatMinute } from '../../../platform/phrases/index.js';
import { atBeijing, formatChineseDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { dayOf } from '../repositories/days.js';
import { itemsAdoptedBetween, unitNames, urgentNotesBetween } from '../repositories/digest.js';
import { briefSettings } from '../settings.js';

const URGENT_RANK = 50;
const ADOPTED_RANK = 60;
const REPORT_RANK = 20;
const short = (t: string, n = 40) => {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
};

/**
 * 政务信息's part of 今日汇要. A leader (or the office director): the 急情要事 reported since the previous
 * working day's start (the weekend's too, on a Monday), and the items adopted then. A unit's 信息联络员:
 * whether today's report (or 零报告) is in, and by when it is due.
 */
export function briefDigestSection(deps: FeatureDeps): DigestContributor {
  const s = briefSettings(deps);
  return async (person, day) => {
    const sections: DigestSection[] = [];
    if (person.grants.some((g) => g.role === 'leader' || g.role === 'director')) {
      const from = atBeijing(day.previous);
      const to = atBeijing(day.date);
      const [urgent, adopted] = await Promise.all([urgentNotesBetween(deps.prisma, from, to), itemsAdoptedBetween(deps.prisma, from, to)]);
      const names =
        urgent.length || adopted.length ? await unitNames(deps.prisma, [...new Set([...urgent, ...adopted].map((r) => r.unitId))]) : new Map<string, string>();
      const unit = (id: string) => inlineText(names.get(id) ?? '');
      const since = `${formatChineseDate(day.previous)}以来`;
      if (urgent.length)
        sections.push({
          role: 'leader',
          rank: URGENT_RANK,
          title: `${since}报送的急情要事 ${urgent.length} 件`,
          lines: urgent.map((n) => `- **${inlineText(n.number)}** ${unit(n.unitId)}：${n.secret ? '（涉密，内容从略）' : inlineText(short(n.body))}`),
          hint: '急情要事已在报送时即时呈送；发送「信息 今日」可查看报送情况。',
          pressing: true,
        });
      if (adopted.length)
        sections.push({
          role: 'leader',
          rank: ADOPTED_RANK,
          title: `${since}采用的信息 ${adopted.length} 条`,
          lines: adopted.map((i) => `- 〔${inlineText(i.kind)}〕${inlineText(short(i.title, 30))}${i.unitId ? `（${unit(i.unitId)}）` : ''}`),
        });
    }
    if (person.unitId && person.grants.some((g) => g.role === 'liaison' && g.scope === 'info')) {
      const row = await dayOf(deps.prisma, person.unitId, day.date);
      const done = row && (row.status === 'reported' || row.status === 'zero');
      sections.push({
        role: 'liaison',
        rank: REPORT_RANK,
        title: '今日信息报送',
        lines: [
          done
            ? `本单位今日已${row.status === 'zero' ? '零报告' : '报送'}。`
            : `本单位今日尚未报送，请于 ${formatMinute(s.nudgeMinute)} 前报送信息；没有信息也请发送「信息 零报告」。`,
        ],
      });
    }
    return sections;
  };
}
