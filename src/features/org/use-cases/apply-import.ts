import type { Tx } from '../../../db/handles.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Plan, PlannedPerson, ScopeRef } from '../import/plan.js';
import { addGrant, createPerson, removeGrants, updatePerson, type GrantRow, type PersonFields, type PersonRow } from '../repositories/people.js';
import { createUnit, updateUnitKind } from '../repositories/units.js';

export interface AppliedCounts {
  created: number;
  updated: number;
  unchanged: number;
  linked: number;
  unitsCreated: string[];
  unitsUpdated: string[];
}

const FIELDS: (keyof PersonFields)[] = ['name', 'unitId', 'title', 'mobile', 'email', 'openId', 'areas'];

/** Writes a plan inside the caller's transaction, auditing every change; writes nothing that is already so. */
export async function applyPlan(tx: Tx, plan: Plan, grantsBefore: GrantRow[], actor: string, at: Date): Promise<AppliedCounts> {
  const counts: AppliedCounts = { created: 0, updated: 0, unchanged: 0, linked: 0, unitsCreated: [], unitsUpdated: [] };
  const unitIds = new Map<string, string>();
  for (const u of plan.units) {
    if (!u.existing) {
      const unit = await createUnit(tx, { name: u.name, kind: u.kind });
      await recordAudit(tx, { actor, objectType: 'unit', objectId: unit.id, action: 'create', after: unit, at });
      counts.unitsCreated.push(u.name);
      unitIds.set(u.name, unit.id);
    } else {
      if (u.existing.kind !== u.kind) {
        const unit = await updateUnitKind(tx, u.existing.id, u.kind);
        await recordAudit(tx, { actor, objectType: 'unit', objectId: unit.id, action: 'update', before: u.existing, after: unit, at });
        counts.unitsUpdated.push(u.name);
      }
      unitIds.set(u.name, u.existing.id);
    }
  }

  const personIds = new Map<number, string>();
  const changedRows = new Set<number>();
  for (const p of plan.people) {
    const next = fieldsAfter(p, unitIds);
    const before = p.existing;
    if (!before) {
      const created = await createPerson(tx, next);
      await recordAudit(tx, { actor, objectType: 'person', objectId: created.id, action: 'create', after: next, at });
      personIds.set(p.rowNumber, created.id);
      counts.created++;
      if (next.openId) counts.linked++;
      continue;
    }
    personIds.set(p.rowNumber, before.id);
    const diff = FIELDS.filter((f) => before[f] !== next[f]);
    if (diff.length || !before.active) {
      const data: Partial<PersonFields> & { active?: boolean } = Object.fromEntries(diff.map((f) => [f, next[f]]));
      if (!before.active) data.active = true;
      await updatePerson(tx, before.id, data);
      await recordAudit(tx, { actor, objectType: 'person', objectId: before.id, action: 'update', before: personAudit(before), after: next, at });
      changedRows.add(p.rowNumber);
      if (!before.openId && next.openId) counts.linked++;
    }
  }

  const byPerson = new Map<string, GrantRow[]>();
  for (const g of grantsBefore) byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), g]);
  for (const p of plan.people) {
    if (!p.grants) continue;
    const personId = personIds.get(p.rowNumber)!;
    const scope = (ref: ScopeRef): string | undefined => {
      if (ref.kind === 'none') return '';
      if (ref.kind === 'keep') return ref.scope;
      if (ref.kind === 'unit') return `unit:${unitIds.get(ref.name)}`;
      const id = personIds.get(ref.row);
      return id ? `person:${id}` : undefined;
    };
    const want = new Map<string, GrantRow>();
    for (const g of p.grants) {
      const s = scope(g.scope);
      if (s !== undefined) want.set(`${g.role}\u0000${s}`, { personId, role: g.role, scope: s });
    }
    const have = new Map((byPerson.get(personId) ?? []).map((g) => [`${g.role}\u0000${g.scope}`, g]));
    for (const [key, g] of want) {
      if (have.has(key)) continue;
      await addGrant(tx, g);
      await recordAudit(tx, { actor, objectType: 'role_grant', objectId: personId, action: 'grant', after: { role: g.role, scope: g.scope }, at });
      changedRows.add(p.rowNumber);
    }
    for (const [key, g] of have) {
      if (want.has(key) || !(await removeGrants(tx, personId, g.role, g.scope)).length) continue;
      await recordAudit(tx, { actor, objectType: 'role_grant', objectId: personId, action: 'revoke', before: { role: g.role, scope: g.scope }, at });
      changedRows.add(p.rowNumber);
    }
  }
  for (const p of plan.people) {
    if (!p.existing) continue;
    if (changedRows.has(p.rowNumber)) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

function fieldsAfter(p: PlannedPerson, unitIds: Map<string, string>): PersonFields {
  const e = p.existing;
  return {
    name: p.name,
    unitId: p.unitName === undefined ? (e?.unitId ?? null) : p.unitName === null ? null : unitIds.get(p.unitName)!,
    title: p.title ?? e?.title ?? '',
    mobile: p.mobile ?? e?.mobile ?? null,
    email: p.email ?? e?.email ?? null,
    openId: p.openId ?? e?.openId ?? null,
    areas: p.areas ?? e?.areas ?? '',
  };
}

function personAudit(p: PersonRow): PersonFields & { active: boolean } {
  return { name: p.name, unitId: p.unitId, title: p.title, mobile: p.mobile, email: p.email, openId: p.openId, areas: p.areas, active: p.active };
}
