import { asBool, sql, type SqlRunner } from '../../../db/sql.js';

export interface ActorRecord {
  id: string;
  name: string;
  unitId: string | null;
  active: boolean;
  grants: { role: string; scope: string }[];
}

/**
 * The person behind an open_id and their grants, for the actor of every command and click: one prepared
 * statement (sql.ts) rather than Prisma's three compiled queries.
 */
export async function findActorRecord(db: SqlRunner, openId: string): Promise<ActorRecord | null> {
  const rows = await db.all<{ id: string; name: string; unitId: string | null; active: unknown; role: string | null; scope: string | null }>(sql`
    SELECT p."id", p."name", p."unitId", p."active", g."role", g."scope"
    FROM "Person" p LEFT JOIN "RoleGrant" g ON g."personId" = p."id"
    WHERE p."openId" = ${openId}
    ORDER BY g."role", g."scope"`);
  const first = rows[0];
  if (!first) return null;
  return {
    id: first.id,
    name: first.name,
    unitId: first.unitId,
    active: asBool(first.active),
    grants: rows.flatMap((r) => (r.role !== null ? [{ role: r.role, scope: r.scope ?? '' }] : [])),
  };
}
