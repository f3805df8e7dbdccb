import { beijingDate, type IsoDate } from '../../platform/time.js';
import type { FeatureDeps } from '../deps.js';
import type { Actor } from '../org/index.js';
import { itemFilter, type Cond, type ListFilter } from './item-filter.js';
import { leaderIdsNamed, readItemList } from './read-model.js';
import { OPEN_STATUSES } from './domain/states.js';
import { overdueWorkingDays } from './domain/deadline.js';
import { LIST_LIMIT, type ListRow, type ReportData } from './presenters/reports.js';
import { namesFor } from './repository.js';
import type { ItemSubject } from './policy.js';
import type { Prisma } from '../../db/generated/sqlite/index.js';

export type { ListFilter } from './item-filter.js';

export const FILTER_LABEL: Record<ListFilter['kind'], string> = {
  open: '在办事项',
  mine: '我的事项',
  my_unit: '本单位事项',
  leader: '领导负责事项',
  overdue: '超期事项',
  due_this_week: '本周到期事项',
  all: '全部事项',
};

/** The condition a filter selects for this actor (a `leader` filter looks the leader up by name first). */
export async function filterFor(deps: FeatureDeps, actor: Actor, filter: ListFilter, today: IsoDate): Promise<Cond> {
  const leaderIds = filter.kind === 'leader' ? await leaderIdsNamed(deps.sql, filter.leaderName) : [];
  return itemFilter(actor, filter, today, leaderIds);
}

/** The same selection as a Prisma `where` (the export pages through it). */
export async function itemWhere(deps: FeatureDeps, actor: Actor, filter: ListFilter, today: IsoDate): Promise<Prisma.SupervisionItemWhereInput> {
  return toPrismaWhere(await filterFor(deps, actor, filter, today));
}

/** `督办 列表`: the first LIST_LIMIT items by deadline and the total, read as prepared statements (read-model.ts). */
export async function listItems(deps: FeatureDeps, actor: Actor, filter: ListFilter): Promise<{ rows: ListRow[]; total: number }> {
  const today = beijingDate(deps.clock.now());
  return readItemList(deps.sql, await filterFor(deps, actor, filter, today), LIST_LIMIT, today, deps.calendar.current());
}

/** 通报 figures from grouped counts: the ledger is never loaded whole. */
export async function buildReport(deps: FeatureDeps, title: string): Promise<ReportData> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const calendar = deps.calendar.current();
  const live = { status: { not: 'cancelled' } };
  const overdueWhere = { status: { in: OPEN_STATUSES }, deadline: { lt: today } };
  const [byStatus, onTime, overdueByUnit, overdueItems, overdueTotal] = await Promise.all([
    deps.prisma.supervisionItem.groupBy({ by: ['unitId', 'status'], where: live, _count: { _all: true } }),
    deps.prisma.supervisionItem.groupBy({ by: ['unitId'], where: { status: 'closed', closedOnTime: true }, _count: { _all: true } }),
    deps.prisma.supervisionItem.groupBy({ by: ['unitId'], where: overdueWhere, _count: { _all: true } }),
    deps.prisma.supervisionItem.findMany({ where: overdueWhere, orderBy: { deadline: 'asc' }, take: 200 }),
    deps.prisma.supervisionItem.count({ where: overdueWhere }),
  ]);
  const unitIds = [...new Set(byStatus.map((r) => r.unitId))];
  const { units, people } = await namesFor(deps.prisma, [...new Set(overdueItems.map((i) => i.leaderId).filter((x): x is string => !!x))], unitIds);
  const stats = new Map<string, { unitName: string; total: number; closed: number; closedOnTime: number; overdue: number }>();
  const unitStat = (id: string) => {
    let s = stats.get(id);
    if (!s) stats.set(id, (s = { unitName: units.get(id) ?? '（未知单位）', total: 0, closed: 0, closedOnTime: 0, overdue: 0 }));
    return s;
  };
  for (const r of byStatus) {
    const s = unitStat(r.unitId);
    s.total += r._count._all;
    if (r.status === 'closed') s.closed += r._count._all;
  }
  for (const r of onTime) unitStat(r.unitId).closedOnTime = r._count._all;
  for (const r of overdueByUnit) unitStat(r.unitId).overdue = r._count._all;
  const byUnit = [...stats.values()].sort((a, b) => b.overdue - a.overdue || b.total - a.total);
  const sum = (k: 'total' | 'closed' | 'closedOnTime') => byUnit.reduce((n, u) => n + u[k], 0);
  return {
    title,
    asOf: today,
    total: sum('total'),
    closed: sum('closed'),
    closedOnTime: sum('closedOnTime'),
    open: sum('total') - sum('closed'),
    overdue: overdueTotal,
    byUnit,
    overdueItems: overdueItems.map((i) => ({
      number: i.number,
      content: i.content,
      unitName: units.get(i.unitId) ?? '',
      ...(i.leaderId && people.get(i.leaderId) ? { leaderName: people.get(i.leaderId)!.name } : {}),
      overdueDays: overdueWorkingDays(i.deadline, today, calendar),
    })),
  };
}

/** The Prisma `where` an export pages through. */
export type ItemWhere = Prisma.SupervisionItemWhereInput;

/** A condition (item-filter.ts) rendered as a Prisma `where`. */
export function toPrismaWhere(c: Cond): ItemWhere {
  if ('and' in c) return { AND: c.and.map(toPrismaWhere) };
  // Prisma reads an empty OR as no condition at all; an empty alternative matches nothing here.
  if ('or' in c) return c.or.length ? { OR: c.or.map(toPrismaWhere) } : { id: { in: [] } };
  if ('eq' in c) return { [c.field]: c.eq };
  if ('in' in c) return { [c.field]: { in: [...c.in] } };
  return {
    deadline: { ...(c.lt !== undefined ? { lt: c.lt } : {}), ...(c.gte !== undefined ? { gte: c.gte } : {}), ...(c.lte !== undefined ? { lte: c.lte } : {}) },
  };
}

/** Names by open_id, for the people who signed items (the ledger's 签收人). */
export async function signerNames(deps: FeatureDeps, openIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openIds.filter((a) => a.startsWith('ou_')))];
  if (!ids.length) return new Map();
  const people = await deps.prisma.person.findMany({ where: { openId: { in: ids } }, select: { openId: true, name: true } });
  return new Map(people.flatMap((p) => (p.openId ? [[p.openId, p.name] as const] : [])));
}

/**
 * The distinct (unit, person, leader) of the items a selection holds, all of them (not only the rows a
 * list shows: its total counts the rest). Grouped in the database: a few hundred tuples, not the ledger.
 */
export async function subjectsOf(deps: Pick<FeatureDeps, 'prisma'>, where: Prisma.SupervisionItemWhereInput): Promise<ItemSubject[]> {
  const groups = await deps.prisma.supervisionItem.groupBy({ by: ['unitId', 'personId', 'leaderId'], where });
  return groups.map((g) => ({ unitId: g.unitId, personId: g.personId, leaderId: g.leaderId }));
}
