import { card, markdown } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { formatChineseDate } from '../../../platform/time.js';
import { SUPERVISION_COMMANDS } from '../command-words.js';
import {
  itemHead,
  mention,
  named,
  responsibleParts,
  roleOn,
  salutation,
  unitNames,
  unitsWithResponsible,
  type ChaseLine,
  type Recipient,
} from './chase-wording.js';
import { inline } from './text.js';

export type { ChaseAudience, Recipient } from './chase-wording.js';

/** One line of a chase digest: an item and why it is in today's reminder. */
export type DigestLine = ChaseLine;

const isOverdue = (l: DigestLine) => l.reason.startsWith('已超期');

/** The person who acts: reminders grouped by why, and asked to act and report. */
function assigneeBlock(lines: DigestLine[], date: string, opening: string): CardElement[] {
  const line = (l: DigestLine) => `${itemHead(l, date)}：${inline(l.reason)}`;
  const elements: CardElement[] = [markdown(`${opening}您有 ${lines.length} 项督办事项需要关注。`)];
  const groups: [string, DigestLine[]][] = [
    ['已超期', lines.filter(isOverdue)],
    ['即将到期', lines.filter((l) => l.reason.includes('到期'))],
    ['尚未签收', lines.filter((l) => l.reason === '尚未签收')],
    ['请报送进展', lines.filter((l) => l.reason.startsWith('请报送'))],
  ];
  for (const [title, ls] of groups) if (ls.length) elements.push(markdown(`**${title}**\n${ls.map(line).join('\n')}`));
  const first = lines.some(isOverdue) ? '请抓紧办理已超期事项，' : '请及时办理，';
  const steps = lines.some((l) => l.reason === '尚未签收') ? '签收并反馈进展' : '反馈进展';
  elements.push(markdown(`${first}并在事项卡片中${steps}；发送「${SUPERVISION_COMMANDS.mine}」可查看全部事项。`));
  return elements;
}

/** The leader in charge: informed, and asked to 督促 the units, each named with whoever answers for it. */
function leaderBlock(lines: DigestLine[], date: string, opening: string): CardElement[] {
  const manyUnits = new Set(lines.map((l) => l.unitName)).size > 1;
  const line = (l: DigestLine) => `${itemHead(l, date)}${manyUnits ? `，承办单位：${inline(l.unitName)}` : ''}，${inline(l.reason)}`;
  const count = lines.length > 1 ? ` ${lines.length} 项` : '';
  return [
    markdown(`${opening}您负责的以下${count}督办事项已超期，请督促${unitsWithResponsible(lines)}加快办理：`),
    markdown(lines.map(line).join('\n')),
    markdown(`发送「${SUPERVISION_COMMANDS.mine}」可查看您负责的全部督办事项及办理进展。`),
  ];
}

/**
 * All of a person's reminders for the day in one card: never one message per item. `to` is the reader;
 * each line is worded for what they are on it: the responsible person or liaison is asked to act, the
 * item's leader is informed and asked to 督促 (a name alone is read as the person who acts).
 */
export function presentPersonDigest(to: string | Recipient, date: string, lines: DigestLine[]): Card {
  const reader: Recipient = typeof to === 'string' ? { name: to } : to;
  const led = lines.filter((l) => roleOn(reader, l) === 'leader');
  const own = lines.filter((l) => roleOn(reader, l) === 'assignee');
  const hello = `${salutation(reader)}：`;
  const elements: CardElement[] = [
    ...(led.length ? leaderBlock(led, date, hello) : []),
    ...(own.length ? assigneeBlock(own, date, led.length ? '此外，' : hello) : []),
  ];
  const onlyLed = led.length && !own.length;
  return card({
    title: `${onlyLed ? '督办事项超期情况' : '督办提醒'} · ${formatChineseDate(date)}`,
    template: lines.some(isOverdue) ? 'red' : 'orange',
    summary: onlyLed ? `您负责的 ${led.length} 项督办事项已超期` : `您有 ${lines.length} 项督办事项需要关注`,
    elements,
  });
}

/**
 * Escalation of overdue items, one card for them all. To the 督查 group (`group`): the units are named and
 * asked to act, the people answering for each item @-mentioned, the leaders too ("@ 相关人员"). To a
 * supervisor (`supervisor`, privately, `to` the reader): who has been reminded, named, for them to follow up.
 */
export function presentGroupEscalation(date: string, lines: DigestLine[], audience: 'group' | 'supervisor' = 'group', to?: Recipient): Card {
  const who = audience === 'group' ? mention : named;
  const rows = lines.map(
    (l) =>
      `${itemHead(l, date)}\n  承办单位：${inline(l.unitName)}　${responsibleParts(l, who).join('　')}　负责领导：${who(l.leaderName, l.leaderOpenId) || '未指定'}　${inline(l.reason)}`,
  );
  const units = unitNames(lines);
  const opening =
    audience === 'group'
      ? `以下 ${lines.length} 项督办事项已超过完成时限，请${units}抓紧办理，并在事项卡片中反馈进展${lines.some((l) => l.leaderName) ? '；已同时提醒负责领导督促办理' : ''}。`
      : `${to ? `${salutation(to)}：` : ''}以下 ${lines.length} 项督办事项已超过完成时限，已提醒${units}及负责领导，请跟踪督办。`;
  return card({
    title: `超期督办事项 · ${formatChineseDate(date)}`,
    template: 'red',
    summary: `${lines.length} 项督办事项已超期`,
    elements: [markdown(opening), markdown(rows.join('\n'))],
  });
}
