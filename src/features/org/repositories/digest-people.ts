import type { PrismaClient } from '../../../db/client.js';
import type { DigestPerson } from '../../../platform/digest/index.js';

/** Everyone who can receive 今日汇要: active, with an open id, with their role grants. */
export async function digestPeople(db: PrismaClient): Promise<DigestPerson[]> {
  const rows = await db.person.findMany({
    where: { active: true, openId: { not: null } },
    select: { id: true, openId: true, name: true, title: true, unitId: true, roles: { select: { role: true, scope: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.flatMap((r) => (r.openId ? [{ id: r.id, openId: r.openId, name: r.name, title: r.title, unitId: r.unitId, grants: r.roles }] : []));
}
