import { asBool, asDate, asDateOrNull, asInt, sql, type Query, type SqlRunner } from '../../db/sql.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { IsoDate } from '../../platform/time.js';
import { overdueWorkingDays } from './domain/deadline.js';
import { OPEN_STATUSES, type ItemStatus } from './domain/states.js';
import { toSqlWhere, type Cond } from './item-filter.js';
import type { ListRow } from './presenters/reports.js';
import type { ItemView, TimelineEntry } from './view.js';
import { toItemView, toTimeline, type ItemFields, type ItemViewParts } from './views.js';

/**
 * What commands and clicks read outside a transaction — an item and its card, its timeline, a page of the
 * list — as prepared statements (db/sql.ts): a click is answered inside Lark's callback, so its reads sit
 * on the ack path. Changes, and the re-rendering they cause inside their transaction, stay on Prisma
 * (repository.ts, views.ts); both render through the same pure `toItemView` and `toTimeline`.
 */

export interface CardRefRow {
  objectType: string;
  objectId: string;
  view: string;
}

export function readCardRef(db: SqlRunner, messageId: string): Promise<CardRefRow | undefined> {
  return db.get<CardRefRow>(sql`SELECT "objectType", "objectId", "view" FROM "CardRef" WHERE "messageId" = ${messageId}`);
}

export interface ItemRead {
  item: ItemFields;
  names: Pick<ItemViewParts, 'unitName' | 'person' | 'leader'>;
}

/** The item with its unit's, person's and leader's names, in one statement. */
export function readItem(db: SqlRunner, id: string): Promise<ItemRead | undefined> {
  return readItemWhere(db, sql`i."id" = ${id}`);
}

/** The same, by its number (督〔year〕seq号). */
export function readItemByNumber(db: SqlRunner, year: number, seq: number): Promise<ItemRead | undefined> {
  return readItemWhere(db, sql`i."year" = ${year} AND i."seq" = ${seq}`);
}

async function readItemWhere(db: SqlRunner, where: Query): Promise<ItemRead | undefined> {
  const r = await db.get<Record<string, unknown>>(sql`
    SELECT i."id", i."number", i."content", i."standard", i."sourceType", i."sourceRef", i."promised", i."urgency", i."unitId",
      i."personId", i."leaderId", i."deadline", i."status", i."statusNote", i."progressPercent",
      u."name" AS "unitName", p."name" AS "personName", p."openId" AS "personOpenId", l."name" AS "leaderName", l."openId" AS "leaderOpenId"
    FROM "SupervisionItem" i
      LEFT JOIN "Unit" u ON u."id" = i."unitId"
      LEFT JOIN "Person" p ON p."id" = i."personId"
      LEFT JOIN "Person" l ON l."id" = i."leaderId"
    WHERE ${where}`);
  if (!r) return undefined;
  const str = (k: string) => r[k] as string;
  const opt = (k: string) => (r[k] ?? null) as string | null;
  return {
    item: {
      id: str('id'),
      number: str('number'),
      content: str('content'),
      standard: str('standard'),
      sourceType: str('sourceType'),
      sourceRef: str('sourceRef'),
      promised: asBool(r.promised),
      urgency: str('urgency'),
      unitId: str('unitId'),
      personId: opt('personId'),
      leaderId: opt('leaderId'),
      deadline: str('deadline'),
      status: str('status'),
      statusNote: str('statusNote'),
      progressPercent: asInt(r.progressPercent),
    },
    names: {
      ...(r.unitName !== null && r.unitName !== undefined ? { unitName: str('unitName') } : {}),
      ...(r.personName !== null && r.personName !== undefined ? { person: { name: str('personName'), openId: opt('personOpenId') } } : {}),
      ...(r.leaderName !== null && r.leaderName !== undefined ? { leader: { name: str('leaderName'), openId: opt('leaderOpenId') } } : {}),
    },
  };
}

/** The item's card view: its row (read by `readItem`) and its milestones, pending extension and latest progress. */
export async function readItemView(db: SqlRunner, read: ItemRead, today: IsoDate, calendar: WorkCalendar): Promise<ItemView> {
  const id = read.item.id;
  const [milestones, ext, progress, closure, signer] = await Promise.all([
    db.all<{ title: string; dueDate: string; doneAt: unknown }>(
      sql`SELECT "title", "dueDate", "doneAt" FROM "SupervisionMilestone" WHERE "itemId" = ${id} ORDER BY "dueDate", "id"`,
    ),
    db.get<{ id: string; reason: string; proposedDate: string }>(
      sql`SELECT "id", "reason", "proposedDate" FROM "SupervisionExtension" WHERE "itemId" = ${id} AND "status" = 'pending' ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
    ),
    db.get<{ text: string }>(sql`SELECT "text" FROM "SupervisionEvent" WHERE "itemId" = ${id} AND "kind" = 'progress' ORDER BY "at" DESC, "id" DESC LIMIT 1`),
    db.get<{ text: string }>(
      sql`SELECT "text" FROM "SupervisionEvent" WHERE "itemId" = ${id} AND "kind" = 'closure_requested' ORDER BY "at" DESC, "id" DESC LIMIT 1`,
    ),
    // Who signed last: Prisma's findFirst by open_id takes the first match, so LIMIT 1 on the same order.
    db.get<{ name: string | null }>(sql`
      SELECT (SELECT p."name" FROM "Person" p WHERE p."openId" = e."actor" LIMIT 1) AS "name"
      FROM "SupervisionEvent" e WHERE e."itemId" = ${id} AND e."kind" = 'acknowledged' ORDER BY e."at" DESC, e."id" DESC LIMIT 1`),
  ]);
  return toItemView(
    read.item,
    {
      ...read.names,
      milestones: milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, doneAt: asDateOrNull(m.doneAt) })),
      ...(ext ? { pendingExtension: ext } : {}),
      ...(progress?.text ? { lastProgress: progress.text } : {}),
      ...(closure?.text ? { result: closure.text } : {}),
      ...(signer?.name ? { signerName: signer.name } : {}),
    },
    today,
    calendar,
  );
}

/** The details card's timeline: events in order with the acting person's name, in one statement. */
export async function readTimeline(db: SqlRunner, itemId: string): Promise<TimelineEntry[]> {
  const rows = await db.all<{ at: unknown; actor: string; kind: string; text: string; name: string | null }>(sql`
    SELECT e."at", e."actor", e."kind", e."text", p."name"
    FROM "SupervisionEvent" e LEFT JOIN "Person" p ON p."openId" = e."actor"
    WHERE e."itemId" = ${itemId}
    ORDER BY e."at", e."id"`);
  const names = new Map(rows.flatMap((r) => (r.name !== null ? [[r.actor, r.name] as const] : [])));
  return toTimeline(
    rows.map((r) => ({ at: asDate(r.at), actor: r.actor, kind: r.kind, text: r.text })),
    (openId) => names.get(openId),
  );
}

/** The open ids of people named `name` who hold the leader role (the `列表 领导 <姓名>` filter). */
export async function leaderIdsNamed(db: SqlRunner, name: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`
    SELECT DISTINCT p."id" FROM "Person" p JOIN "RoleGrant" g ON g."personId" = p."id" AND g."role" = 'leader' WHERE p."name" = ${name}`);
  return rows.map((r) => r.id);
}

/** The first `limit` items of a filter by deadline, with the total, as the list card shows them. */
export async function readItemList(
  db: SqlRunner,
  filter: Cond,
  limit: number,
  today: IsoDate,
  calendar: WorkCalendar,
): Promise<{ rows: ListRow[]; total: number }> {
  const where = toSqlWhere(filter, 'i');
  const [items, count] = await Promise.all([
    db.all<{ number: string; content: string; deadline: string; status: string; unitName: string | null }>(sql`
      SELECT i."number", i."content", i."deadline", i."status", u."name" AS "unitName"
      FROM "SupervisionItem" i LEFT JOIN "Unit" u ON u."id" = i."unitId"
      WHERE ${where}
      ORDER BY i."deadline", i."seq" LIMIT ${limit}`),
    db.get<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM "SupervisionItem" i WHERE ${where}`),
  ]);
  return {
    total: asInt(count?.n ?? 0),
    rows: items.map((i) => ({
      number: i.number,
      content: i.content,
      unitName: i.unitName ?? '',
      deadline: i.deadline,
      status: i.status as ItemStatus,
      overdueDays: OPEN_STATUSES.includes(i.status as ItemStatus) ? overdueWorkingDays(i.deadline, today, calendar) : 0,
    })),
  };
}
