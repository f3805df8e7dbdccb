import { asBool, sql, type SqlRunner } from '../../../db/sql.js';

export interface ActorRecord {
  id: string;
  name: string;
  unitId: string | null;
  active: boolean;
  grants: { role: string; scope: string }[];
}

/**
 * The person behind an open_id and their grants, for the actor of every command and click: two prepared
 * statements (sql.ts) rather than Prisma's three compiled queries.
 */
export async function findActorRecord(db: SqlRunner, openId: string): Promise<ActorRecord | null> {
  const person = await db.get<{ id: string; name: string; unitId: string | null; active: unknown }>(
    sql`SELECT "id", "name", "unitId", "active" FROM "Person" WHERE "openId" = ${openId}`,
  );
  if (!person) return null;
  const grants = await db.all<{ role: string; scope: string }>(
    sql`SELECT "role", "scope" FROM "RoleGrant" WHERE "personId" = ${person.id} ORDER BY "role", "scope"`,
  );
  return { id: person.id, name: person.name, unitId: person.unitId, active: asBool(person.active), grants };
}
