import { badInput } from '../../../errors.js';
import { matchLeader, matchPerson, matchUnit, type DirPerson, type DirUnit, type Match, type MentionRef } from '../domain/match.js';
import { DEFAULT_LEADER_RANKS, orderLeaders, orderUnits } from '../domain/ordering.js';
import { loadDirectory } from '../repositories/directory.js';
import type { Db } from '../repositories/people.js';

/**
 * Who is who, resolved once for every feature: a unit, a person or a leader from what a user typed
 * (full name, short name, 张县长-style address, @mention, open_id), and the lists forms offer, in the
 * office's order. A miss says "是否为：…" with the closest few; several matches ask which one.
 */
export interface Directory {
  units: DirUnit[];
  people: DirPerson[];
}

export interface ResolveOptions {
  mentions?: readonly MentionRef[];
  /** For a person: prefer this unit's people when a name is shared. */
  preferUnitId?: string;
  /** What the field is called in the message (承办单位, 责任人, 负责领导). */
  label?: string;
}

export function readDirectory(db: Db): Promise<Directory> {
  return loadDirectory(db);
}

const quote = (text: string) => `「${text.normalize('NFKC').trim().slice(0, 30)}」`;

export function unitNameOf(dir: Directory, unitId: string | null): string {
  return dir.units.find((u) => u.id === unitId)?.name ?? '';
}

/** 张三（县财政局）when a unit is known, else the name. */
function personLabel(dir: Directory, p: DirPerson): string {
  const unit = unitNameOf(dir, p.unitId);
  return unit ? `${p.name}（${unit}）` : p.name;
}

/** The one match, or a bad-input error naming the field with "是否为：…" or the candidates to choose from. */
function oneOrExplain<T>(m: Match<T>, typed: string, label: string, show: (t: T) => string, notFoundHint: string): T {
  if (m.kind === 'one') return m.value;
  if (m.kind === 'many') {
    throw badInput(`${label}${quote(typed)}对应多个，是否为：${m.candidates.slice(0, 5).map(show).join('、')}？请写明全称或改用 @ 指定。`);
  }
  const hint = m.suggestions.length ? `是否为：${m.suggestions.map(show).join('、')}？` : notFoundHint;
  throw badInput(`未找到${label}${quote(typed)}。${hint}`);
}

export function resolveUnit(dir: Directory, typed: string, o: ResolveOptions = {}): DirUnit {
  return oneOrExplain(matchUnit(typed, dir.units), typed, o.label ?? '承办单位', (u) => u.name, '发送「单位」查看单位全称。');
}

export function resolveUnitById(dir: Directory, id: string, o: ResolveOptions = {}): DirUnit {
  const unit = dir.units.find((u) => u.id === id);
  if (!unit) throw badInput(`请选择${o.label ?? '承办单位'}。`);
  return unit;
}

export function resolvePerson(dir: Directory, typed: string, o: ResolveOptions = {}): DirPerson {
  return oneOrExplain(matchPerson(typed, dir.people, o), typed, o.label ?? '人员', (p) => personLabel(dir, p), '请核对姓名，或改用 @ 指定。');
}

export function resolveLeader(dir: Directory, typed: string, o: ResolveOptions = {}): DirPerson {
  const m = matchLeader(typed, dir.people, o);
  const label = o.label ?? '负责领导';
  if (m.kind === 'none' && !m.suggestions.length && matchPerson(typed, dir.people, o).kind === 'one') {
    throw badInput(`${quote(typed)}未登记为县（区）领导，不能作为${label}。请填写县（区）领导，或联系管理员核对名册。`);
  }
  return oneOrExplain(m, typed, label, (p) => p.name, '负责领导须为名册中的县（区）领导，如「张县长」「吴副县长」或其姓名。');
}

export function resolveLeaderById(dir: Directory, id: string, o: ResolveOptions = {}): DirPerson {
  const leader = dir.people.find((p) => p.id === id && p.roles.includes('leader'));
  if (!leader) throw badInput(`未找到所选${o.label ?? '负责领导'}：负责领导须为名册中的县（区）领导。`);
  return leader;
}

/** The unit's 分管领导 from the directory (leaders whose grant names the unit), by rank. */
export function leadersInChargeOf(dir: Directory, unitId: string, ranks: readonly string[] = DEFAULT_LEADER_RANKS): DirPerson[] {
  return orderLeaders(
    dir.people.filter((p) => p.roles.includes('leader') && p.inChargeOf.includes(unitId)),
    ranks,
  );
}

export interface FormLists {
  units: { id: string; name: string; kind: string }[];
  leaders: { id: string; name: string; title: string }[];
}

/** Units and leaders for a form's selects, in the office's order (a select has a practical limit). */
export function formLists(dir: Directory, ranks: readonly string[] = DEFAULT_LEADER_RANKS): FormLists {
  const units = orderUnits(dir.units)
    .slice(0, 150)
    .map(({ id, name, kind }) => ({ id, name, kind }));
  const leaders = orderLeaders(
    dir.people.filter((p) => p.roles.includes('leader')),
    ranks,
  )
    .slice(0, 50)
    .map(({ id, name, title }) => ({ id, name, title }));
  return { units, leaders };
}
