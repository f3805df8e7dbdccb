import { inlineText } from '../../../cards/elements.js';
import type { DigestContributor, DigestSection } from '../../../platform/digest/index.js';
import { inParens, officeDate } from '../../../platform/phrases/index.js';
import type { FeatureDeps } from '../../deps.js';
import { SUPERVISION_COMMANDS } from '../command-words.js';
import { DEFAULT_LADDER, progressDue } from '../domain/chase-ladder.js';
import { beijingDate } from '../../../platform/time.js';
import { unitNamesById } from '../repositories/chase.js';
import { openAndDueFor, overdueInRemit, progressCandidatesFor } from '../repositories/digest.js';

const LEADER_RANK = 40;
const LIAISON_RANK = 10;
const short = (t: string, n = 40) => (t.length > n ? `${t.slice(0, n)}…` : t);

/**
 * 督查督办's part of 今日汇要. A leader: the open items past their deadline in their remit (those they
 * answer for, and those of the units in their charge), by unit. A liaison (or a named responsible person):
 * their unit's open items that are overdue, due within the ladder's first reminder, or not yet signed for.
 */
export function supervisionDigestSection(deps: FeatureDeps): DigestContributor {
  const before = Math.max(0, ...(deps.settings.supervision.remindBefore.length ? deps.settings.supervision.remindBefore : DEFAULT_LADDER.before));
  return async (person, day) => {
    const { calendar, date } = day;
    const sections: DigestSection[] = [];
    const overdueDays = (deadline: string) => calendar.workingDaysBetween(deadline, date);
    const state = (i: { deadline: string; status: string }) => {
      if (i.deadline < date) return `<font color="red">已超期${overdueDays(i.deadline)}个工作日</font>`;
      if (i.deadline === date) return '今日到期';
      const left = calendar.workingDaysBetween(date, i.deadline);
      const due = left > 0 ? `还有${left}个工作日到期` : '未到期';
      return i.status === 'pending_ack' ? `尚未签收，${due}` : due;
    };
    const line = (i: { number: string; content: string; deadline: string; status: string }) =>
      `- **${inlineText(i.number)}** ${inlineText(short(i.content))}${inParens(`时限：${officeDate(i.deadline, date)}`)}：${state(i)}`;

    if (person.grants.some((g) => g.role === 'leader')) {
      const units = person.grants.filter((g) => g.role === 'leader' && g.scope.startsWith('unit:')).map((g) => g.scope.slice(5));
      const items = await overdueInRemit(deps.prisma, person.id, units, date);
      if (items.length) {
        const names = new Map((await unitNamesById(deps.prisma, [...new Set(items.map((i) => i.unitId))])).map((u) => [u.id, u.name]));
        const byUnit = new Map<string, typeof items>();
        for (const i of items) byUnit.set(i.unitId, [...(byUnit.get(i.unitId) ?? []), i]);
        sections.push({
          role: 'leader',
          rank: LEADER_RANK,
          title: `分管范围内超期的督办事项 ${items.length} 项`,
          lines: [...byUnit].flatMap(([unitId, rows]) => [`${inlineText(names.get(unitId) ?? '')}（${rows.length} 项）`, ...rows.map(line)]),
          hint: `请督促承办单位加快办理；发送「${SUPERVISION_COMMANDS.mine}」可查看您负责的全部督办事项。`,
          pressing: true,
        });
      }
    }
    const liaisonUnit = person.grants.some((g) => g.role === 'liaison' && g.scope === 'supervision') ? person.unitId : null;
    const mine = await openAndDueFor(deps.prisma, person.id, liaisonUnit, calendar.addWorkingDays(date, before));
    if (mine.length) {
      sections.push({
        role: 'liaison',
        rank: LIAISON_RANK,
        title: `${liaisonUnit ? '本单位' : '您'}待办的督办事项 ${mine.length} 项`,
        lines: mine.map(line),
        hint: `请在事项卡片中签收并反馈进展；发送「${SUPERVISION_COMMANDS.mine}」可查看全部事项。`,
        pressing: mine.some((i) => i.deadline < date),
      });
    }
    // The chase's 请报送本周/本月进展 (its own card when DIGEST_SEPARATE names supervision): on the first
    // working day of the week or month, for items with no progress reported since it began.
    const candidates = await progressCandidatesFor(deps.prisma, person.id, liaisonUnit);
    const progress = candidates.filter((i) =>
      progressDue(
        { progressCycle: i.progressCycle, lastProgressAt: i.lastProgressAt ? beijingDate(i.lastProgressAt) : null, createdOn: beijingDate(i.createdAt) },
        date,
        calendar,
      ),
    );
    if (progress.length) {
      sections.push({
        role: 'liaison',
        rank: LIAISON_RANK - 1,
        title: `请报送进展的督办事项 ${progress.length} 项`,
        lines: progress.map(
          (i) => `- **${inlineText(i.number)}** ${inlineText(short(i.content))}：${i.progressCycle === 'weekly' ? '请报送本周进展' : '请报送本月进展'}`,
        ),
        hint: `请在事项卡片中点击「反馈进展」；发送「${SUPERVISION_COMMANDS.mine}」可查看全部事项。`,
        pressing: false,
      });
    }
    return sections;
  };
}
