import type { DirPerson, DirUnit } from '../domain/match.js';
import type { Db } from './people.js';

/**
 * The directory as the resolver matches against it: every unit and every active person with their role
 * codes and the units they are in charge of, in the directory's order (as entered or imported). A county
 * office has dozens of units and hundreds of people: read whole, in two queries.
 */
export async function loadDirectory(db: Db): Promise<{ units: DirUnit[]; people: DirPerson[] }> {
  const units = await db.unit.findMany({ select: { id: true, code: true, name: true, kind: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const rows = await db.person.findMany({
    where: { active: true },
    select: { id: true, name: true, openId: true, unitId: true, title: true, roles: { select: { role: true, scope: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const people = rows.map(({ roles, ...p }) => ({
    ...p,
    roles: [...new Set(roles.map((r) => r.role))],
    inChargeOf: roles.filter((r) => r.role === 'leader' && r.scope.startsWith('unit:')).map((r) => r.scope.slice('unit:'.length)),
  }));
  return { units, people };
}
