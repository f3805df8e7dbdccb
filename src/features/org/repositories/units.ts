import type { Db } from './people.js';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export function listUnits(db: Db): Promise<UnitRow[]> {
  return db.unit.findMany({ select: { id: true, code: true, name: true, kind: true }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
}

export async function listUnitsWithHeadcount(db: Db): Promise<(UnitRow & { headcount: number })[]> {
  const units = await db.unit.findMany({
    select: { id: true, code: true, name: true, kind: true, _count: { select: { people: { where: { active: true } } } } },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
  });
  return units.map(({ _count, ...u }) => ({ ...u, headcount: _count.people }));
}

export function findUnitByName(db: Db, name: string): Promise<UnitRow | null> {
  return db.unit.findUnique({ where: { name }, select: { id: true, code: true, name: true, kind: true } });
}

export function findUnitsByIds(db: Db, ids: string[]): Promise<UnitRow[]> {
  return ids.length ? db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true, kind: true } }) : Promise.resolve([]);
}

export function createUnit(db: Db, data: { name: string; kind: string }): Promise<UnitRow> {
  // The code defaults to the name (schema comment); imports match units by name.
  return db.unit.create({ data: { code: data.name, name: data.name, kind: data.kind }, select: { id: true, code: true, name: true, kind: true } });
}

export function updateUnitKind(db: Db, id: string, kind: string): Promise<UnitRow> {
  return db.unit.update({ where: { id }, data: { kind }, select: { id: true, code: true, name: true, kind: true } });
}
