import { card, divider, markdown } from '../../cards/elements.js';
import type { Card, CardElement } from '../../cards/types.js';

export interface HelpEntry {
  feature: string;
  names: string[];
  usage: string;
  summary: string;
  /** Complete commands that work as typed (shown as 例如); a test sends each one to the bot. */
  examples?: readonly string[];
}

/**
 * The office's three jobs (三办), each with the features that serve it and one line saying what it covers.
 * Features not named here (通用, 人员名册, 系统管理, a feature added later) follow under 通用与管理, so a new
 * feature's commands still appear without editing this table.
 */
const JOBS: readonly { job: string; line: string; features: readonly string[] }[] = [
  { job: '办会', line: '议题申报与审核、会议议程、纪要与决定事项落实', features: ['会议议题'] },
  { job: '办文', line: '文稿逐级审核与签发、政务信息报送与编期', features: ['文稿审核', '政务信息'] },
  { job: '办事', line: '督查督办事项的立项、反馈与办结，领导日程与值班', features: ['督查督办', '领导日程'] },
];
const OTHER = { job: '通用与管理', line: '帮助、人员与单位、角色授权和系统管理' };

function entryLine(e: HelpEntry): string {
  const aliases = e.names.slice(1);
  const alias = aliases.length ? `（也可用 ${aliases.map((a) => `\`${a}\``).join('、')}）` : '';
  const examples = e.examples?.length ? `\n  例如：${e.examples.map((x) => `\`${x}\``).join('、')}` : '';
  return `- \`${e.usage}\`${alias}：${e.summary}${examples}`;
}

/** The help card, generated from the registry and grouped by job (办会 · 办文 · 办事); empty jobs are left out. */
export function presentHelpCard(entries: readonly HelpEntry[]): Card {
  const known = new Set(JOBS.flatMap((j) => j.features));
  const groups = [
    ...JOBS.map((j) => ({ ...j, entries: j.features.flatMap((f) => entries.filter((e) => e.feature === f)) })),
    { ...OTHER, entries: entries.filter((e) => !known.has(e.feature)) },
  ].filter((g) => g.entries.length > 0);
  const elements: CardElement[] = [
    markdown(`在群聊中 **@三办助手** 后输入指令，私聊可直接输入。指令前的 \`/\` 可加可不加。\n按工作分为：${groups.map((g) => g.job).join(' · ')}。`),
  ];
  for (const g of groups) {
    elements.push(divider());
    elements.push(markdown(`**${g.job}** · ${g.line}\n${g.entries.map(entryLine).join('\n')}`));
  }
  return card({ title: '三办助手 · 指令一览', template: 'blue', summary: '三办助手指令一览', elements });
}
