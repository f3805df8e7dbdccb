import type { PrismaClient } from '../../db/client.js';

/** Names by open_id, for the actors of an audit trail (an unknown id is simply absent). */
export async function actorNames(prisma: PrismaClient, openIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openIds.filter((a) => a.startsWith('ou_')))];
  if (!ids.length) return new Map();
  const people = await prisma.person.findMany({ where: { openId: { in: ids } }, select: { openId: true, name: true } });
  return new Map(people.flatMap((p) => (p.openId ? [[p.openId, p.name] as const] : [])));
}
