import { inlineText } from '../../../cards/elements.js';
import type { DigestContributor, DigestSection } from '../../../platform/digest/index.js';
import type { FeatureDeps } from '../../deps.js';
import { byTime, timeLabel, type Entry } from '../domain/entry.js';
import { entriesOfLeaders, leaders, secretaries } from './repositories/day.js';

const LEADER_RANK = 10;
const SECRETARY_RANK = 10;

const entryLine = (e: Entry, leaderName?: string) =>
  `- ${leaderName ? `${inlineText(leaderName)}　` : ''}${timeLabel(e)}　${inlineText(e.activity)}${e.place ? `（地点：${inlineText(e.place)}）` : ''}${
    e.status === 'draft' ? '<font color="orange">（拟定）</font>' : ''
  }`;

/**
 * 领导日程's part of 今日汇要. A leader: today's schedule (what the group broadcast shows, their own
 * entries only, 拟定 marked). A secretary (or 秘书科 for a leader without one): their leaders' entries of
 * today still 拟定 — unconfirmed on the morning they happen.
 */
export function scheduleDigestSection(deps: FeatureDeps): DigestContributor {
  return async (person, day) => {
    const sections: DigestSection[] = [];
    if (person.grants.some((g) => g.role === 'leader')) {
      const entries = byTime(await entriesOfLeaders(deps.prisma, day.date, [person.id]));
      if (entries.length)
        sections.push({
          role: 'leader',
          rank: LEADER_RANK,
          title: `今日日程 ${entries.length} 项`,
          lines: entries.map((e) => entryLine(e)),
          hint: '发送「日程 今天」可查看详情。',
        });
    }
    if (person.grants.some((g) => g.role === 'secretary' || g.role === 'section_chief')) {
      const keeper = (await secretaries(deps.prisma)).find((s) => s.personId === person.id);
      if (keeper?.leaderIds.length) {
        const drafts = byTime((await entriesOfLeaders(deps.prisma, day.date, keeper.leaderIds)).filter((e) => e.status === 'draft'));
        if (drafts.length) {
          const names = new Map((await leaders(deps.prisma)).map((l) => [l.id, l.name]));
          sections.push({
            role: 'secretary',
            rank: SECRETARY_RANK,
            title: `今日尚未确认的领导日程 ${drafts.length} 项`,
            lines: drafts.map((e) => entryLine(e, names.get(e.leaderId) ?? '')),
            hint: '请尽快与领导核实并确认；发送「日程 今天」可查看并修改。',
            pressing: true,
          });
        }
      }
    }
    return sections;
  };
}
