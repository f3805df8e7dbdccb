import type { PrismaClient, Tx } from '../../../db/client.js';

/** The org feature's only Prisma access for people and their role grants. */
export type Db = PrismaClient | Tx;

export interface PersonRow {
  id: string;
  openId: string | null;
  name: string;
  unitId: string | null;
  title: string;
  mobile: string | null;
  email: string | null;
  areas: string;
  active: boolean;
}

export interface GrantRow {
  personId: string;
  role: string;
  scope: string;
}

export interface PersonWithRoles extends PersonRow {
  roles: GrantRow[];
  unit: { id: string; name: string } | null;
}

const withRoles = {
  roles: { select: { personId: true, role: true, scope: true }, orderBy: [{ role: 'asc' as const }, { scope: 'asc' as const }] },
  unit: { select: { id: true, name: true } },
};

export function findPersonByOpenId(db: Db, openId: string): Promise<PersonWithRoles | null> {
  return db.person.findUnique({ where: { openId }, include: withRoles });
}

export function findPersonById(db: Db, id: string): Promise<PersonWithRoles | null> {
  return db.person.findUnique({ where: { id }, include: withRoles });
}

export function findPeopleByName(db: Db, name: string, limit = 20): Promise<PersonWithRoles[]> {
  return db.person.findMany({ where: { name, active: true }, include: withRoles, orderBy: { createdAt: 'asc' }, take: limit });
}

export function findPeopleByIds(db: Db, ids: string[]): Promise<PersonRow[]> {
  return ids.length ? db.person.findMany({ where: { id: { in: ids } } }) : Promise.resolve([]);
}

export function listPeopleInUnit(db: Db, unitId: string): Promise<PersonWithRoles[]> {
  return db.person.findMany({ where: { unitId, active: true }, include: withRoles, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

/** Everything the import planner needs, read in one go (a county office has hundreds, not millions). */
export async function loadPeopleWithGrants(db: Db): Promise<{ people: PersonRow[]; grants: GrantRow[] }> {
  // Sequential: inside an interactive transaction both run on one connection anyway.
  const people = await db.person.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const grants = await db.roleGrant.findMany({ select: { personId: true, role: true, scope: true } });
  return { people, grants };
}

export type PersonFields = Omit<PersonRow, 'id' | 'active'>;

export function createPerson(db: Db, data: PersonFields): Promise<PersonRow> {
  return db.person.create({ data });
}

export function updatePerson(db: Db, id: string, data: Partial<PersonFields>): Promise<PersonRow> {
  return db.person.update({ where: { id }, data });
}

export async function addGrant(db: Db, g: GrantRow): Promise<void> {
  await db.roleGrant.create({ data: g });
}

/**
 * Removes one grant, or every grant of the role when `scope` is undefined; returns those this call
 * removed (a grant another transaction removed first is not reported, so it is not audited twice).
 */
export async function removeGrants(db: Db, personId: string, role: string, scope?: string): Promise<GrantRow[]> {
  const where = { personId, role, ...(scope !== undefined ? { scope } : {}) };
  const found = await db.roleGrant.findMany({ where, select: { personId: true, role: true, scope: true } });
  const removed: GrantRow[] = [];
  for (const g of found) {
    const { count } = await db.roleGrant.deleteMany({ where: { personId: g.personId, role: g.role, scope: g.scope } });
    if (count) removed.push(g);
  }
  return removed;
}

/** Whether the active person with this open_id holds `role` (any scope). */
export async function holdsRoleByOpenId(db: Db, openId: string, role: string): Promise<boolean> {
  return (await db.roleGrant.count({ where: { role, person: { openId, active: true } } })) > 0;
}

export function countHolders(db: Db, role: string): Promise<number> {
  return db.roleGrant.count({ where: { role, person: { active: true } } }).then(Number);
}
