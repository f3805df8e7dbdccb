import { inParens, officeDate } from '../../../platform/phrases/index.js';
import type { Audience } from '../domain/chase-ladder.js';
import { mentionOr } from './mention.js';
import { inline } from './text.js';

/**
 * Who a chase message is for, and so how it is worded. The responsible person or liaison (assignee) is
 * asked to act; the leader in charge is informed and asked to 督促, with the unit and the person named;
 * the 督查 group is told which units are overdue; a supervisor is told who has been reminded, to follow up.
 */
export type ChaseAudience = Audience | 'supervisor';

/** Whom a card is addressed to. `title` (职务) lets a leader be addressed 吴副县长 rather than by full name. */
export interface Recipient {
  name: string;
  openId?: string | null;
  title?: string | null;
}

/** What the wording needs of one line of a chase card (the fields of `DigestLine`). */
export interface ChaseLine {
  number: string;
  content: string;
  /** The item's deadline (`2026-12-18`; shown 12月18日（周五）). */
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

/** A name that already carries a title or a role (吴副县长, 王督查 in the demo office): addressed as it is. */
const TITLED = /(县长|区长|市长|书记|主任|主席|部长|局长|镇长|乡长|科长|股长|所长|站长|秘书|督查|编辑|审查)$/;
/** Titles an office puts after a leader's surname (吴副县长, 陈主任); 常务副县长 is addressed 副县长. */
const SURNAME_TITLE = /^(副?(县|区|市|镇|乡)长|副?书记|副?主任|副?局长)$/;
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '夏侯',
  '长孙',
  '宇文',
  '司徒',
  '端木',
  '独孤',
  '南宫',
];

const surname = (name: string) => COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > 2) ?? name.slice(0, 1);

/** 吴副县长 / 许文静同志: how a card opens to its reader (escaped; a colon follows). */
export function salutation(r: Recipient): string {
  const name = r.name.trim();
  if (!name) return '您好';
  if (TITLED.test(name)) return inline(name);
  const title = r.title?.trim().replace(/^常务/, '');
  if (title && SURNAME_TITLE.test(title) && /^\p{Script=Han}{2,4}$/u.test(name)) return inline(`${surname(name)}${title}`);
  return `${inline(name)}同志`;
}

/**
 * Whether `to` receives `line` as the one who acts on it or as its leader: the same person can be both on
 * different items. Matched by open id (what the chase sends to), else by name.
 */
export function roleOn(to: Recipient, line: ChaseLine): 'assignee' | 'leader' {
  const same = (name?: string, openId?: string | null) => (to.openId ? !!openId && openId === to.openId : !!name && name === to.name);
  if (same(line.personName, line.personOpenId) || (line.liaisons ?? []).some((l) => same(l.name, l.openId))) return 'assignee';
  return same(line.leaderName, line.leaderOpenId) ? 'leader' : 'assignee';
}

type Who = (name?: string, openId?: string | null) => string;
/** In the group a person is @-mentioned ("@ 相关人员"); in a private card named. */
export const mention: Who = (name, openId) => mentionOr(name, openId ?? undefined, '');
export const named: Who = (name) => (name ? inline(name) : '');

/**
 * Who answers for an item: the responsible person when they can be reached in Lark; otherwise the unit's
 * liaisons, who are the ones reminded (a named person without an account is still named).
 */
export function responsibleParts(l: ChaseLine, who: Who): string[] {
  const person = who(l.personName, l.personOpenId);
  if (l.personOpenId && person) return [`责任人：${person}`];
  const liaisons = (l.liaisons ?? []).map((p) => who(p.name, p.openId)).filter(Boolean);
  if (!liaisons.length) return [`责任人：${person || '单位联络员'}`];
  return [...(person ? [`责任人：${person}`] : []), `联络员：${liaisons.join('、')}`];
}

const short = (t: string, n = 40) => (t.length > n ? `${t.slice(0, n)}…` : t);

/** `- **督〔2026〕15号** 推进…（时限：12月18日，周五）`: a line's item, its deadline inside one pair of parentheses. */
export function itemHead(l: ChaseLine, today: string): string {
  return `- **${inline(l.number)}** ${inline(short(l.content))}${inParens(`时限：${inline(officeDate(l.deadline, today))}`)}`;
}

/** The units of the lines, in order, each once: 西河镇（责任人：李某某）、县住建局（联络员：金秀英）. */
export function unitsWithResponsible(lines: readonly ChaseLine[], limit = 5): string {
  // unit → label (责任人 / 联络员) → names, each once: two items of one unit name their people once.
  const units = new Map<string, Map<string, string[]>>();
  for (const l of lines) {
    const labels = units.get(l.unitName) ?? new Map<string, string[]>();
    for (const part of responsibleParts(l, named)) {
      const [label, names] = [part.slice(0, part.indexOf('：')), part.slice(part.indexOf('：') + 1).split('、')];
      const have = labels.get(label) ?? [];
      labels.set(label, [...have, ...names.filter((n) => !have.includes(n))]);
    }
    units.set(l.unitName, labels);
  }
  const shown = [...units]
    .slice(0, limit)
    .map(([unit, labels]) => `${inline(unit)}${inParens([...labels].map(([label, names]) => `${label}：${names.join('、')}`).join('，'))}`);
  return units.size > limit ? `${shown.join('、')}等 ${units.size} 个单位` : shown.join('、');
}

/** The units of the lines, in order, each once: 西河镇、县住建局 (…等 N 个单位 past `limit`). */
export function unitNames(lines: readonly ChaseLine[], limit = 6): string {
  const units = [...new Set(lines.map((l) => l.unitName))];
  const shown = units.slice(0, limit).map(inline).join('、');
  return units.length > limit ? `${shown}等 ${units.length} 个单位` : shown;
}
