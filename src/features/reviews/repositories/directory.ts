import type { ChainDirectory, ChainPerson } from '../domain/chain.js';
import type { Db } from './db.js';

/** The directory as chain resolution reads it: every person with grants and scopes, and unit names. */
export async function loadChainDirectory(db: Db): Promise<ChainDirectory & { people: ChainPerson[]; hasUnit(id: string): boolean }> {
  const [units, rows] = await Promise.all([
    db.unit.findMany({ select: { id: true, name: true } }),
    db.person.findMany({
      select: { id: true, name: true, openId: true, unitId: true, title: true, active: true, roles: { select: { role: true, scope: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return {
    people: rows.map(({ roles, ...p }) => ({ ...p, grants: roles })),
    unitName: (id) => names.get(id) ?? '该单位',
    hasUnit: (id) => names.has(id),
  };
}

export async function personById(db: Db, id: string) {
  return db.person.findUnique({ where: { id }, select: { id: true, name: true, openId: true, unitId: true, title: true, active: true } });
}

export async function unitName(db: Db, id: string): Promise<string> {
  return (await db.unit.findUnique({ where: { id }, select: { name: true } }))?.name ?? '';
}

export async function personNameByOpenId(db: Db, openId: string): Promise<string | undefined> {
  return (await db.person.findUnique({ where: { openId }, select: { name: true } }))?.name;
}
