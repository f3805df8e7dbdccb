import type { PrismaClient } from '../../../../db/client.js';

/** A leader's open id and their secretaries' (`secretary` scoped `person:<leaderId>`), for calendar access and attendees. */
export async function leaderAndSecretaries(
  db: PrismaClient,
  leaderId: string,
): Promise<{ leader?: { name: string; openId: string | null }; secretaryOpenIds: string[] }> {
  const [leader, grants] = await Promise.all([
    db.person.findUnique({ where: { id: leaderId }, select: { name: true, openId: true } }),
    db.roleGrant.findMany({
      where: { role: 'secretary', scope: `person:${leaderId}`, person: { active: true } },
      select: { person: { select: { openId: true } } },
    }),
  ]);
  return {
    ...(leader ? { leader } : {}),
    secretaryOpenIds: grants.map((g) => g.person.openId).filter((id): id is string => Boolean(id)),
  };
}
