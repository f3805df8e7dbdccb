import { dutyRosterOn } from '../../../schedules/index.js';
import type { Db } from '../../repositories/db.js';

/** Someone an urgent matter goes to. */
export interface Recipient {
  id: string;
  name: string;
  openId: string;
}

const withOpenId = (rows: { id: string; name: string; openId: string | null }[]): Recipient[] =>
  rows.flatMap((r) => (r.openId ? [{ id: r.id, name: r.name, openId: r.openId }] : []));

/**
 * The day's duty leaders: the 带班领导 of the 值班表 (领导日程) for the date, matched by name to active people
 * of the directory. Empty when no roster is kept for the day, or none of its names is known.
 */
export async function dutyLeaders(db: Db, date: string): Promise<Recipient[]> {
  const names = [...new Set((await dutyRosterOn(db, date)).map((r) => r.leaderName.trim()).filter(Boolean))];
  if (!names.length) return [];
  const people = await db.person.findMany({
    where: { name: { in: names }, active: true },
    select: { id: true, name: true, openId: true },
    orderBy: { name: 'asc' },
  });
  return withOpenId(people);
}

/**
 * The leaders configured for urgent matters when no duty roster names one: the people BRIEFS_URGENT_LEADERS
 * lists (each entry an open_id, a name or a title, matched against active people), else people granted the
 * 县领导 role with scope `duty` (授权 … 领导 值班). Empty when neither names anyone.
 */
export async function configuredLeaders(db: Db, entries: readonly string[]): Promise<Recipient[]> {
  if (entries.length) {
    const list = [...entries];
    const people = await db.person.findMany({
      where: { active: true, OR: [{ openId: { in: list } }, { name: { in: list } }, { title: { in: list } }] },
      select: { id: true, name: true, openId: true },
      orderBy: { name: 'asc' },
    });
    return withOpenId(people);
  }
  const duty = await db.roleGrant.findMany({
    where: { role: 'leader', scope: 'duty', person: { active: true } },
    select: { person: { select: { id: true, name: true, openId: true } } },
  });
  return withOpenId(duty.map((g) => g.person));
}

/** The office director(s): people with the unscoped 主任 role (a deputy's grant is scoped to units). */
export async function officeDirectors(db: Db): Promise<Recipient[]> {
  const grants = await db.roleGrant.findMany({
    where: { role: 'director', scope: '', person: { active: true } },
    select: { person: { select: { id: true, name: true, openId: true } } },
  });
  const seen = new Map<string, Recipient>();
  for (const r of withOpenId(grants.map((g) => g.person))) seen.set(r.id, r);
  return [...seen.values()];
}

/** The people with these open_ids (to name them in a message). */
export async function peopleByOpenId(db: Db, openIds: readonly string[]): Promise<Recipient[]> {
  if (!openIds.length) return [];
  return withOpenId(await db.person.findMany({ where: { openId: { in: [...openIds] } }, select: { id: true, name: true, openId: true } }));
}
