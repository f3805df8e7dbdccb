import type { LiaisonDuty, Role } from '../roles.js';
import { ROLE_NAMES } from '../roles.js';
import type { GrantRow, PersonRow } from '../repositories/people.js';
import type { UnitRow } from '../repositories/units.js';
import { inferUnitKind, type ImportRow, type RowError, type UnitKind } from './rows.js';

/** The directory as the planner sees it. */
export interface Snapshot {
  units: UnitRow[];
  people: PersonRow[];
  grants: GrantRow[];
}

/** Where a grant's scope points, before new units and people have ids. */
export type ScopeRef = { kind: 'none' } | { kind: 'unit'; name: string } | { kind: 'row'; row: number } | { kind: 'keep'; scope: string };

export interface DesiredGrant {
  role: Role;
  scope: ScopeRef;
}

export interface PlannedPerson {
  rowNumber: number;
  existing?: PersonRow;
  name: string;
  /** undefined: keep; null: no unit. */
  unitName?: string | null;
  title?: string;
  mobile?: string;
  email?: string;
  openId?: string;
  areas?: string;
  /** undefined: the file has no 角色 column, roles stay as they are. */
  grants?: DesiredGrant[];
}

export interface PlannedUnit {
  name: string;
  existing?: UnitRow;
  kind: UnitKind;
}

export interface Plan {
  people: PlannedPerson[];
  units: PlannedUnit[];
  errors: RowError[];
  warnings: RowError[];
}

/** Result of looking people up in Lark: mobile or email → open_id; undefined when no lookup was made. */
export type Found = ReadonlyMap<string, string> | undefined;

/**
 * Decides what importing the rows would do to the directory, without touching it: which person each
 * row is (飞书ID, then 手机, then 邮箱, then 姓名 + 单位), which rows are refused and why, which units
 * to create, and which roles each person should end up with.
 */
export function planImport(rows: readonly ImportRow[], snap: Snapshot, found?: Found): Plan {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const unitById = new Map(snap.units.map((u) => [u.id, u]));
  const index = (key: 'openId' | 'mobile' | 'email') => new Map(snap.people.flatMap((p) => (p[key] ? [[p[key]!, p] as const] : [])));
  const byOpenId = index('openId');
  const byMobile = index('mobile');
  const byEmail = index('email');
  const grantsOf = new Map<string, GrantRow[]>();
  for (const g of snap.grants) grantsOf.set(g.personId, [...(grantsOf.get(g.personId) ?? []), g]);

  const firstRow = { openId: new Map<string, number>(), mobile: new Map<string, number>(), email: new Map<string, number>() };
  const claimed = new Map<string, number>();
  const sameName = new Map<string, number>();
  const explicitKind = new Map<string, { kind: UnitKind; row: number }>();
  let accepted: { row: ImportRow; existing?: PersonRow }[] = [];

  for (const row of rows) {
    const refuse = (reason: string) => errors.push({ row: row.rowNumber, reason });
    const dup = (['openId', 'mobile', 'email'] as const).find((k) => row[k] && firstRow[k].has(row[k]!));
    if (dup) {
      const label = { openId: '飞书ID', mobile: '手机号码', email: '邮箱' }[dup];
      refuse(`${label}「${row[dup]}」与第${firstRow[dup].get(row[dup]!)}行重复`);
      continue;
    }
    const nameKey = `${row.name}|${row.unitName ?? ''}`;
    if (!row.openId && !row.mobile && !row.email && sameName.has(nameKey)) {
      refuse(`姓名和单位与第${sameName.get(nameKey)}行相同；如确为两人，请填写手机或邮箱以区分`);
      continue;
    }
    const hits = new Set<PersonRow>();
    if (row.openId && byOpenId.has(row.openId)) hits.add(byOpenId.get(row.openId)!);
    if (row.mobile && byMobile.has(row.mobile)) hits.add(byMobile.get(row.mobile)!);
    if (row.email && byEmail.has(row.email)) hits.add(byEmail.get(row.email)!);
    if (hits.size > 1) {
      refuse(`手机、邮箱或飞书ID分别对应名册中的不同人员（${[...hits].map((p) => p.name).join('、')}），请核对`);
      continue;
    }
    let existing = [...hits][0];
    if (!existing) {
      const unitNameOf = (p: PersonRow) => (p.unitId ? (unitById.get(p.unitId)?.name ?? null) : null);
      const compatible = (p: PersonRow) =>
        (!p.mobile || !row.mobile || p.mobile === row.mobile) &&
        (!p.email || !row.email || p.email === row.email) &&
        (!p.openId || !row.openId || p.openId === row.openId);
      const candidates = snap.people.filter((p) => p.name === row.name && (row.unitName === undefined || unitNameOf(p) === row.unitName) && compatible(p));
      if (candidates.length > 1) {
        refuse(`名册中有多位同单位的「${row.name}」，请填写手机或邮箱以区分`);
        continue;
      }
      existing = candidates[0];
    }
    if (existing && claimed.has(existing.id)) {
      refuse(`与第${claimed.get(existing.id)}行是同一人员「${existing.name}」`);
      continue;
    }
    if (existing?.openId && row.openId && existing.openId !== row.openId) {
      refuse('飞书ID与名册中已关联的账号不一致');
      continue;
    }
    if (row.unitKind && row.unitName) {
      const prev = explicitKind.get(row.unitName);
      if (prev && prev.kind !== row.unitKind) {
        refuse(`单位「${row.unitName}」的单位类型与第${prev.row}行不一致`);
        continue;
      }
      if (!prev) explicitKind.set(row.unitName, { kind: row.unitKind, row: row.rowNumber });
    }
    for (const k of ['openId', 'mobile', 'email'] as const) if (row[k]) firstRow[k].set(row[k]!, row.rowNumber);
    if (existing) claimed.set(existing.id, row.rowNumber);
    if (!sameName.has(nameKey)) sameName.set(nameKey, row.rowNumber);
    accepted.push({ row, existing });
  }

  // Secretaries name the leaders they serve: resolve against the directory as it will be.
  const rolesAfter = (a: (typeof accepted)[number]) => a.row.roles ?? (a.existing ? (grantsOf.get(a.existing.id) ?? []).map((g) => g.role) : []);
  const leaders = new Map<string, ScopeRef[]>();
  const addLeader = (name: string, ref: ScopeRef) => leaders.set(name, [...(leaders.get(name) ?? []), ref]);
  for (const a of accepted) if (rolesAfter(a).includes('leader')) addLeader(a.row.name, { kind: 'row', row: a.row.rowNumber });
  for (const p of snap.people) {
    if (!claimed.has(p.id) && p.active && (grantsOf.get(p.id) ?? []).some((g) => g.role === 'leader'))
      addLeader(p.name, { kind: 'keep', scope: `person:${p.id}` });
  }
  const leaderRefs = new Map<number, ScopeRef[]>();
  accepted = accepted.filter(({ row }) => {
    const refs: ScopeRef[] = [];
    for (const name of row.servesLeaders ?? []) {
      const hits = leaders.get(name) ?? [];
      if (hits.length !== 1) {
        errors.push({
          row: row.rowNumber,
          reason: hits.length ? `名册中有多位「${name}」，无法确定服务领导` : `服务领导「${name}」不在名册中，或未登记为「${ROLE_NAMES.leader}」`,
        });
        return false;
      }
      refs.push(hits[0]!);
    }
    leaderRefs.set(row.rowNumber, refs);
    return true;
  });

  const people = accepted.map(({ row, existing }): PlannedPerson => {
    const kept = existing ? (grantsOf.get(existing.id) ?? []) : [];
    return {
      rowNumber: row.rowNumber,
      ...(existing ? { existing } : {}),
      name: row.name,
      ...(row.unitName !== undefined ? { unitName: row.unitName } : {}),
      ...pick(row, ['title', 'mobile', 'email', 'openId', 'areas']),
      ...(row.roles ? { grants: desiredGrants(row, kept, leaderRefs.get(row.rowNumber) ?? []) } : {}),
    };
  });

  const units = planUnits(people, snap.units, explicitKind);
  assignLookedUpOpenIds(people, byOpenId, found, warnings);
  errors.sort((a, b) => a.row - b.row);
  return { people, units, errors, warnings };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function desiredGrants(row: ImportRow, kept: GrantRow[], leaderRefs: ScopeRef[]): DesiredGrant[] {
  const keep = (role: Role): ScopeRef[] => {
    const scopes = kept.filter((g) => g.role === role).map((g): ScopeRef => ({ kind: 'keep', scope: g.scope }));
    return scopes.length ? scopes : [{ kind: 'none' }];
  };
  const grants: DesiredGrant[] = [];
  for (const role of row.roles ?? []) {
    let scopes: ScopeRef[];
    if (role === 'leader' || role === 'director') {
      // No 分管单位 column: keep what is recorded; a blank cell: in charge of nothing in particular.
      scopes = row.unitsInCharge === undefined ? keep(role) : row.unitsInCharge.map((name): ScopeRef => ({ kind: 'unit', name }));
    } else if (role === 'secretary') {
      scopes = row.servesLeaders === undefined ? keep(role) : leaderRefs;
    } else if (role === 'liaison') {
      scopes = (row.liaisonDuties ?? []).map((d: LiaisonDuty): ScopeRef => ({ kind: 'keep', scope: d }));
    } else {
      scopes = [{ kind: 'none' }];
    }
    for (const scope of scopes.length ? scopes : [{ kind: 'none' } as ScopeRef]) grants.push({ role, scope });
  }
  // An import never takes the admin role away (a spreadsheet must not lock the admins out).
  if (!row.roles?.includes('admin')) {
    for (const g of kept) if (g.role === 'admin') grants.push({ role: 'admin', scope: { kind: 'keep', scope: g.scope } });
  }
  return grants;
}

function planUnits(people: PlannedPerson[], existing: UnitRow[], explicitKind: Map<string, { kind: UnitKind }>): PlannedUnit[] {
  const byName = new Map(existing.map((u) => [u.name, u]));
  const names = new Set<string>();
  for (const p of people) {
    if (p.unitName) names.add(p.unitName);
    for (const g of p.grants ?? []) if (g.scope.kind === 'unit') names.add(g.scope.name);
  }
  return [...names].map((name) => {
    const unit = byName.get(name);
    const kind = explicitKind.get(name)?.kind ?? (unit?.kind as UnitKind | undefined) ?? inferUnitKind(name);
    return { name, ...(unit ? { existing: unit } : {}), kind };
  });
}

function assignLookedUpOpenIds(people: PlannedPerson[], byOpenId: Map<string, PersonRow>, found: Found, warnings: RowError[]): void {
  if (!found) return;
  const taken = new Map<string, number>();
  for (const p of people) {
    const own = p.openId ?? p.existing?.openId;
    if (own) taken.set(own, p.rowNumber);
  }
  for (const p of people) {
    if (p.openId || p.existing?.openId) continue;
    const keys = [p.mobile ?? p.existing?.mobile, p.email ?? p.existing?.email].filter((k): k is string => !!k);
    if (!keys.length) continue;
    const openId = keys.map((k) => found.get(k)).find(Boolean);
    if (!openId) {
      warnings.push({ row: p.rowNumber, reason: '未在飞书通讯录中找到该手机号或邮箱，暂未关联飞书账号' });
      continue;
    }
    const owner = byOpenId.get(openId);
    if ((owner && owner.id !== p.existing?.id) || taken.has(openId)) {
      warnings.push({
        row: p.rowNumber,
        reason: `该手机号或邮箱对应的飞书账号已关联到名册中的其他人员（${owner?.name ?? `第${taken.get(openId)}行`}），未重复关联`,
      });
      continue;
    }
    p.openId = openId;
    taken.set(openId, p.rowNumber);
  }
}

/** Mobiles and emails of people the import would leave without an open_id. */
export function lookupTargets(plan: Plan): { mobiles: string[]; emails: string[] } {
  const mobiles = new Set<string>();
  const emails = new Set<string>();
  for (const p of plan.people) {
    if (p.openId || p.existing?.openId) continue;
    const mobile = p.mobile ?? p.existing?.mobile;
    const email = p.email ?? p.existing?.email;
    if (mobile) mobiles.add(mobile);
    if (email) emails.add(email);
  }
  return { mobiles: [...mobiles], emails: [...emails] };
}
