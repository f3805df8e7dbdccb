import { join, list, raw, sql, type Query } from '../../db/sql.js';
import { addDays, weekday, type IsoDate } from '../../platform/time.js';
import { hasRole, type Actor } from '../org/index.js';
import { OPEN_STATUSES } from './domain/states.js';
import { visibleItems } from './visibility.js';

export type ListFilter =
  | { kind: 'open' }
  | { kind: 'mine' }
  | { kind: 'my_unit' }
  | { kind: 'leader'; leaderName: string }
  | { kind: 'overdue' }
  | { kind: 'due_this_week' }
  | { kind: 'all' };

type Field = 'id' | 'unitId' | 'personId' | 'leaderId' | 'status' | 'deadline';

/**
 * Which items a 列表 or 导出 selects, as plain data: built once (pure, tested without a database) and
 * rendered both as a Prisma `where` (queries.ts, the export's paging) and as SQL (the list, on every command).
 */
export type Cond =
  | { field: Field; eq: string | null }
  | { field: Field; in: readonly string[] }
  | { field: 'deadline'; lt?: string; gte?: string; lte?: string }
  | { or: Cond[] }
  | { and: Cond[] };

const NOTHING = '-'; // no id is "-": a condition that matches no item

/**
 * The items `filter` selects, narrowed to what the actor may see (visibility.ts: the same rule as
 * `督办 <编号>`). `leaderIds`: the ids of the leaders named by a `leader` filter (looked up by the caller).
 */
export function itemFilter(actor: Actor, filter: ListFilter, today: IsoDate, leaderIds: readonly string[] = []): Cond {
  const and: Cond[] = [visibleItems(actor)];
  const open: Cond = { field: 'status', in: OPEN_STATUSES };
  const me = actor.person;
  switch (filter.kind) {
    case 'open':
      and.push(open);
      break;
    case 'mine': {
      const liaison: Cond[] =
        me?.unitId && hasRole(actor, 'liaison', 'supervision')
          ? [
              {
                and: [
                  { field: 'unitId', eq: me.unitId },
                  { field: 'personId', eq: null },
                ],
              },
            ]
          : [];
      and.push(open, { or: [{ field: 'personId', eq: me?.id ?? NOTHING }, { field: 'leaderId', eq: me?.id ?? NOTHING }, ...liaison] });
      break;
    }
    case 'my_unit':
      and.push({ field: 'unitId', eq: me?.unitId ?? NOTHING });
      break;
    case 'leader':
      and.push({ field: 'leaderId', in: leaderIds.length ? leaderIds : [NOTHING] });
      break;
    case 'overdue':
      and.push(open, { field: 'deadline', lt: today });
      break;
    case 'due_this_week': {
      const monday = addDays(today, -((weekday(today) + 6) % 7));
      and.push(open, { field: 'deadline', gte: today, lte: addDays(monday, 6) });
      break;
    }
    case 'all':
      break;
  }
  return { and };
}

/**
 * The condition tested on one item (the third rendering, beside Prisma and SQL): how a policy applies the
 * visibility rule to the item asked for. A field the condition needs and the item lacks is a programming
 * error, not a refusal.
 */
export function matchesItem(c: Cond, item: Partial<Record<Field, string | null>>): boolean {
  if ('and' in c) return c.and.every((x) => matchesItem(x, item));
  if ('or' in c) return c.or.some((x) => matchesItem(x, item));
  if (!(c.field in item)) throw new Error(`matchesItem: the item has no ${c.field}`);
  const v = item[c.field] ?? null;
  if ('eq' in c) return v === c.eq;
  if ('in' in c) return v !== null && c.in.includes(v);
  if (v === null) return false;
  return (c.lt === undefined || v < c.lt) && (c.gte === undefined || v >= c.gte) && (c.lte === undefined || v <= c.lte);
}

export function toSqlWhere(c: Cond, alias = 'i'): Query {
  if ('and' in c)
    return c.and.length
      ? sql`(${join(
          c.and.map((x) => toSqlWhere(x, alias)),
          ' AND ',
        )})`
      : sql`1 = 1`;
  if ('or' in c)
    return c.or.length
      ? sql`(${join(
          c.or.map((x) => toSqlWhere(x, alias)),
          ' OR ',
        )})`
      : sql`1 = 0`;
  const col = sqlColumn(alias, c.field);
  if ('eq' in c) return c.eq === null ? sql`${col} IS NULL` : sql`${col} = ${c.eq}`;
  if ('in' in c) return sql`${col} IN ${list(c.in)}`;
  const parts: Query[] = [];
  if (c.lt !== undefined) parts.push(sql`${col} < ${c.lt}`);
  if (c.gte !== undefined) parts.push(sql`${col} >= ${c.gte}`);
  if (c.lte !== undefined) parts.push(sql`${col} <= ${c.lte}`);
  return parts.length ? sql`(${join(parts, ' AND ')})` : sql`1 = 1`;
}

/** Column names come from `Field` and aliases from the code, never from input; checked all the same. */
function sqlColumn(alias: string, field: Field): Query {
  if (!/^[a-z]+$/.test(alias) || !/^[a-zA-Z]+$/.test(field)) throw new Error(`bad column: ${alias}.${field}`);
  return raw(`${alias}."${field}"`);
}
