import { addDays, beijingDate, weekday, type IsoDate } from '../../platform/time.js';
import type { FeatureDeps } from '../index.js';
import { can, hasRole, type Actor } from '../org/index.js';
import { OPEN_STATUSES, type ItemStatus } from './domain/states.js';
import { overdueWorkingDays } from './domain/deadline.js';
import { LIST_LIMIT, type ListRow, type ReportData } from './presenters/reports.js';
import { namesFor } from './repository.js';
import type { Prisma } from '../../db/generated/sqlite/index.js';

export async function createFormOptions(deps: FeatureDeps) {
  const [units, leaders] = await Promise.all([
    deps.prisma.unit.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    deps.prisma.person.findMany({ where: { active: true, roles: { some: { role: 'leader' } } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  // A select has a practical limit; a county has a few dozen units.
  return { units: units.slice(0, 150), leaders: leaders.slice(0, 50) };
}

export type ListFilter =
  | { kind: 'open' }
  | { kind: 'mine' }
  | { kind: 'my_unit' }
  | { kind: 'leader'; leaderName: string }
  | { kind: 'overdue' }
  | { kind: 'due_this_week' }
  | { kind: 'all' };

export const FILTER_LABEL: Record<ListFilter['kind'], string> = {
  open: '在办事项',
  mine: '我的事项',
  my_unit: '本单位事项',
  leader: '领导负责事项',
  overdue: '超期事项',
  due_this_week: '本周到期事项',
  all: '全部事项',
};

/** The items a filter selects, narrowed to what the actor may see (a liaison: their own unit only). */
export async function itemWhere(deps: FeatureDeps, actor: Actor, filter: ListFilter, today: IsoDate): Promise<Prisma.SupervisionItemWhereInput> {
  const and: Prisma.SupervisionItemWhereInput[] = [];
  const open = { status: { in: OPEN_STATUSES } };
  const me = actor.person;
  if (!can(actor, 'supervision.list_all').ok) and.push(me?.unitId ? { OR: [{ unitId: me.unitId }, { personId: me.id }] } : { id: '-' });
  switch (filter.kind) {
    case 'open':
      and.push(open);
      break;
    case 'mine': {
      const liaison = me?.unitId && hasRole(actor, 'liaison', 'supervision') ? [{ unitId: me.unitId, personId: null }] : [];
      and.push(open, { OR: [{ personId: me?.id ?? '-' }, { leaderId: me?.id ?? '-' }, ...liaison] });
      break;
    }
    case 'my_unit':
      and.push({ unitId: me?.unitId ?? '-' });
      break;
    case 'leader': {
      const leaders = await deps.prisma.person.findMany({ where: { name: filter.leaderName, roles: { some: { role: 'leader' } } }, select: { id: true } });
      and.push({ leaderId: { in: leaders.map((l) => l.id) } });
      break;
    }
    case 'overdue':
      and.push(open, { deadline: { lt: today } });
      break;
    case 'due_this_week': {
      const monday = addDays(today, -((weekday(today) + 6) % 7));
      and.push(open, { deadline: { gte: today, lte: addDays(monday, 6) } });
      break;
    }
    case 'all':
      break;
  }
  return { AND: and };
}

export async function listItems(deps: FeatureDeps, actor: Actor, filter: ListFilter): Promise<{ rows: ListRow[]; total: number }> {
  const today = beijingDate(deps.clock.now());
  const where = await itemWhere(deps, actor, filter, today);
  const [items, total] = await Promise.all([
    deps.prisma.supervisionItem.findMany({ where, orderBy: [{ deadline: 'asc' }, { seq: 'asc' }], take: LIST_LIMIT }),
    deps.prisma.supervisionItem.count({ where }),
  ]);
  const { units } = await namesFor(deps.prisma, [], [...new Set(items.map((i) => i.unitId))]);
  const calendar = deps.calendar.current();
  return {
    total,
    rows: items.map((i) => ({
      number: i.number,
      content: i.content,
      unitName: units.get(i.unitId) ?? '',
      deadline: i.deadline,
      status: i.status as ItemStatus,
      overdueDays: OPEN_STATUSES.includes(i.status as ItemStatus) ? overdueWorkingDays(i.deadline, today, calendar) : 0,
    })),
  };
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
