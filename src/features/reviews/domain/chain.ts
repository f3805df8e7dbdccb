import type { TemplateStep, StepRole } from './templates.js';

/**
 * Chain resolution: every level of a template → exactly one person from a snapshot of the directory,
 * for the drafter's unit. Pure. A level nobody can take, or that two people could take alike, refuses
 * the whole submission with the level and the reason: a chain is never discovered broken later.
 */

export interface ChainPerson {
  id: string;
  name: string;
  openId: string | null;
  unitId: string | null;
  title: string;
  active: boolean;
  /** Role grants with their scopes (`unit:<id>` for leaders and directors). */
  grants: readonly { role: string; scope: string }[];
}

export interface ChainDirectory {
  people: readonly ChainPerson[];
  unitName(unitId: string): string;
}

export interface ResolvedStep {
  role: StepRole;
  label: string;
  personId: string;
  openId: string;
  personName: string;
  /** The drafter holds this level: it is recorded as 本人起草 and not waited for. */
  skipped: boolean;
}

export type ChainResult = { ok: true; steps: ResolvedStep[] } | { ok: false; error: string };

const has = (p: ChainPerson, role: string, scope?: string) => p.grants.some((g) => g.role === role && (scope === undefined || g.scope === scope));
const isDeputy = (p: ChainPerson) => p.title.includes('副主任');

/** Who may take a level of `role` for `unitId` (转交 offers these); a 加签 or named level: anyone with an account. */
export function candidatesFor(role: string, dir: ChainDirectory, unitId: string): ChainPerson[] {
  if (role === 'person' || role === 'added') return dir.people.filter((p) => p.active && p.openId);
  // A 副科长 holds the 科长 role too: not chosen by default, but may take the level over.
  if (role === 'section_chief') return dir.people.filter((p) => p.active && p.unitId === unitId && has(p, 'section_chief'));
  return candidates(role as StepRole, dir, unitId).people;
}

/** Who could take a level, and what the refusal says when nobody can. */
function candidates(role: StepRole, dir: ChainDirectory, unitId: string): { people: ChainPerson[]; nobody: string } {
  const unit = dir.unitName(unitId);
  const live = dir.people.filter((p) => p.active);
  switch (role) {
    case 'section_chief': {
      const chiefs = live.filter((p) => p.unitId === unitId && has(p, 'section_chief'));
      // A 科长 and a 副科长 both hold the role: the 科长 reviews.
      const heads = chiefs.filter((p) => !p.title.includes('副'));
      return { people: heads.length > 0 ? heads : chiefs, nobody: `${unit}没有登记科长（名册中「科长」角色、所在单位为${unit}）` };
    }
    case 'deputy_director':
      return {
        people: live.filter((p) => has(p, 'director', `unit:${unitId}`) && isDeputy(p)),
        nobody: `没有登记分管${unit}的办公室副主任（「主任」角色、分管范围含${unit}、职务为副主任）`,
      };
    case 'director':
      return { people: live.filter((p) => has(p, 'director') && !isDeputy(p)), nobody: '没有登记办公室主任（「主任」角色、职务不含“副”）' };
    case 'legal':
      return { people: live.filter((p) => has(p, 'legal_reviewer')), nobody: '没有登记法制审查员' };
    case 'leader':
      return { people: live.filter((p) => has(p, 'leader', `unit:${unitId}`)), nobody: `没有登记分管${unit}的县（区）领导` };
    case 'person':
      return { people: [], nobody: '未指定人员' };
  }
}

/** Resolves a template for a draft from `drafterId` in `unitId`. */
export function resolveChain(steps: readonly TemplateStep[], dir: ChainDirectory, drafterId: string, unitId: string): ChainResult {
  const out: ResolvedStep[] = [];
  for (const [i, s] of steps.entries()) {
    const at = `第 ${i + 1} 级「${s.label}」`;
    let person: ChainPerson;
    if (s.personId) {
      const named = dir.people.find((p) => p.id === s.personId);
      if (!named || !named.active) return { ok: false, error: `${at}指定的审核人已不在名册中，请管理员更新审核流程。` };
      person = named;
    } else {
      const { people, nobody } = candidates(s.role, dir, unitId);
      if (people.length === 0) return { ok: false, error: `${at}无人可审：${nobody}。请管理员在名册中登记，或在审核流程中为这一级指定人员。` };
      if (people.length > 1) {
        const names = people.map((p) => p.name).join('、');
        return { ok: false, error: `${at}有 ${people.length} 人可审（${names}），无法确定由谁审核。请管理员在审核流程中为这一级指定人员。` };
      }
      person = people[0]!;
    }
    if (!person.openId) return { ok: false, error: `${at}的审核人${person.name}尚未关联飞书账号，无法送达。请管理员补充其飞书账号。` };
    if (out.some((o) => o.personId === person.id && !o.skipped)) {
      return { ok: false, error: `${at}与前面一级是同一人（${person.name}），请管理员调整审核流程。` };
    }
    out.push({ role: s.role, label: s.label, personId: person.id, openId: person.openId, personName: person.name, skipped: person.id === drafterId });
  }
  if (out.every((o) => o.skipped)) return { ok: false, error: '审核流程中的各级都是起草人本人，没有可送审的人员。' };
  return { ok: true, steps: out };
}
