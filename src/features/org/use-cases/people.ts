import type { PrismaClient } from '../../../db/handles.js';
import {
  findPeopleByIds,
  findPeopleByName,
  findPersonById,
  findPersonByOpenId,
  listPeopleInUnit,
  type Db,
  type PersonWithRoles,
} from '../repositories/people.js';
import { findUnitByName, findUnitsByIds, listUnitsWithHeadcount } from '../repositories/units.js';
import { isRole, LIAISON_DUTIES, ROLE_NAMES, ROLES, type Role } from '../roles.js';

/** A person as cards show them: names resolved, roles in the order of ROLES. */
export interface PersonView {
  id: string;
  name: string;
  unitName?: string;
  title: string;
  linked: boolean;
  roles: { role: Role; name: string; scopes: string[] }[];
}

export interface UnitView {
  name: string;
  kind: string;
  headcount: number;
}

export async function viewPeople(db: Db, people: PersonWithRoles[]): Promise<PersonView[]> {
  const unitIds = new Set<string>();
  const personIds = new Set<string>();
  for (const p of people) {
    for (const g of p.roles) {
      if (g.scope.startsWith('unit:')) unitIds.add(g.scope.slice(5));
      if (g.scope.startsWith('person:')) personIds.add(g.scope.slice(7));
    }
  }
  const unitNames = new Map((await findUnitsByIds(db, [...unitIds])).map((u) => [u.id, u.name]));
  const personNames = new Map((await findPeopleByIds(db, [...personIds])).map((p) => [p.id, p.name]));
  const label = (scope: string): string | undefined => {
    if (!scope) return undefined;
    if (scope.startsWith('unit:')) return unitNames.get(scope.slice(5)) ?? '（已删除的单位）';
    if (scope.startsWith('person:')) return personNames.get(scope.slice(7)) ?? '（已删除的人员）';
    return (LIAISON_DUTIES as Record<string, string>)[scope] ?? scope;
  };
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.unit ? { unitName: p.unit.name } : {}),
    title: p.title,
    linked: Boolean(p.openId),
    roles: ROLES.flatMap((role) => {
      const grants = p.roles.filter((g) => isRole(g.role) && g.role === role);
      if (!grants.length) return [];
      return [{ role, name: ROLE_NAMES[role], scopes: grants.map((g) => label(g.scope)).filter((s): s is string => !!s) }];
    }),
  }));
}

export async function viewPersonByOpenId(prisma: PrismaClient, openId: string): Promise<PersonView | undefined> {
  const p = await findPersonByOpenId(prisma, openId);
  return p && p.active ? (await viewPeople(prisma, [p]))[0] : undefined;
}

export async function viewPersonById(prisma: PrismaClient, id: string): Promise<PersonView | undefined> {
  const p = await findPersonById(prisma, id);
  return p ? (await viewPeople(prisma, [p]))[0] : undefined;
}

/** Exact name; a directory has few namesakes, all are returned (the caller disambiguates by unit). */
export async function findPersonByName(prisma: PrismaClient, name: string): Promise<PersonView[]> {
  return viewPeople(prisma, await findPeopleByName(prisma, name.trim()));
}

export async function listUnits(prisma: PrismaClient): Promise<UnitView[]> {
  return (await listUnitsWithHeadcount(prisma)).map((u) => ({ name: u.name, kind: u.kind, headcount: u.headcount }));
}

export async function listUnitMembers(prisma: PrismaClient, unitName: string): Promise<{ unit: UnitView; people: PersonView[] } | undefined> {
  const unit = await findUnitByName(prisma, unitName.trim());
  if (!unit) return undefined;
  const people = await viewPeople(prisma, await listPeopleInUnit(prisma, unit.id));
  return { unit: { name: unit.name, kind: unit.kind, headcount: people.length }, people };
}
