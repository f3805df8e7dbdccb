import { card, markdown } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { formatChineseDate } from '../../../platform/time.js';
import { SUPERVISION_COMMANDS } from '../command-words.js';
import { mentionOr } from './mention.js';
import { inline } from './text.js';

/** One line of a chase digest: an item and why it is in today's reminder. */
export interface DigestLine {
  number: string;
  content: string;
  deadline: string;
  /** 还有3个工作日到期 / 已超期5个工作日 / 尚未签收 / 请报送本周进展 */
  reason: string;
  unitName: string;
  personName?: string;
  personOpenId?: string;
  leaderName?: string;
  leaderOpenId?: string;
  /** The unit's supervision liaisons, who act for it when no responsible person can be reached. */
  liaisons?: readonly { name: string; openId?: string | null }[];
}

const short = (t: string, n = 40) => (t.length > n ? `${t.slice(0, n)}…` : t);
const line = (l: DigestLine) => `- **${inline(l.number)}** ${inline(short(l.content))}（时限 ${inline(l.deadline)}）：${inline(l.reason)}`;

/** All of a person's reminders for the day in one card: never one message per item. */
export function presentPersonDigest(personName: string, date: string, lines: DigestLine[]): Card {
  const overdue = lines.filter((l) => l.reason.startsWith('已超期'));
  const elements: CardElement[] = [markdown(`${inline(personName)}同志：您有 ${lines.length} 项督办事项需要关注。`)];
  const groups: [string, DigestLine[]][] = [
    ['已超期', overdue],
    ['即将到期', lines.filter((l) => l.reason.includes('到期'))],
    ['尚未签收', lines.filter((l) => l.reason === '尚未签收')],
    ['请报送进展', lines.filter((l) => l.reason.startsWith('请报送'))],
  ];
  for (const [title, ls] of groups) if (ls.length) elements.push(markdown(`**${title}**\n${ls.map(line).join('\n')}`));
  elements.push(markdown(`请及时办理并在事项卡片中反馈进展；发送「${SUPERVISION_COMMANDS.mine}」可查看全部事项。`));
  return card({
    title: `督办提醒 · ${formatChineseDate(date)}`,
    template: overdue.length ? 'red' : 'orange',
    summary: `您有 ${lines.length} 项督办事项需要关注`,
    elements,
  });
}

const at = (name?: string, openId?: string | null) => mentionOr(name, openId ?? undefined, '');

/**
 * Who answers for an overdue item, @-mentioned ("@ 相关人员"): the responsible person when they can be
 * reached in Lark; otherwise the unit's liaisons, who are the ones reminded (a named person without an
 * account is still named).
 */
function responsible(l: DigestLine): string {
  const person = at(l.personName, l.personOpenId);
  if (l.personOpenId && person) return `责任人：${person}`;
  const liaisons = (l.liaisons ?? []).map((p) => at(p.name, p.openId)).filter(Boolean);
  if (!liaisons.length) return `责任人：${person || '单位联络员'}`;
  return `${person ? `责任人：${person}　` : ''}联络员：${liaisons.join('、')}`;
}

/** Escalation in the 督查 group: overdue items naming their units, @-mentioning the people and leaders. */
export function presentGroupEscalation(date: string, lines: DigestLine[]): Card {
  const rows = lines.map(
    (l) =>
      `- **${inline(l.number)}** ${inline(short(l.content))}\n  承办单位：${inline(l.unitName)}　${responsible(l)}　负责领导：${at(l.leaderName, l.leaderOpenId) || '—'}　${inline(l.reason)}`,
  );
  return card({
    title: `超期督办事项 · ${formatChineseDate(date)}`,
    template: 'red',
    summary: `${lines.length} 项督办事项已超期`,
    elements: [markdown(`以下 ${lines.length} 项督办事项已超过完成时限，请相关单位抓紧办理、及时反馈。`), markdown(rows.join('\n'))],
  });
}
