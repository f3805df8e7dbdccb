import type { Db } from './db.js';

/** A unit on the daily board: every unit with at least one active 信息联络员, and those liaisons. */
export interface BoardUnit {
  id: string;
  name: string;
  kind: string;
  liaisons: { id: string; name: string; openId: string | null }[];
}

export async function boardUnits(db: Db): Promise<BoardUnit[]> {
  const grants = await db.roleGrant.findMany({
    where: { role: 'liaison', scope: 'info', person: { active: true, unitId: { not: null } } },
    select: { person: { select: { id: true, name: true, openId: true, unit: { select: { id: true, name: true, kind: true } } } } },
  });
  const units = new Map<string, BoardUnit>();
  for (const { person } of grants) {
    const u = person.unit;
    if (!u) continue;
    const entry = units.get(u.id) ?? { id: u.id, name: u.name, kind: u.kind, liaisons: [] };
    entry.liaisons.push({ id: person.id, name: person.name, openId: person.openId });
    units.set(u.id, entry);
  }
  return [...units.values()];
}

/** The editors (信息编辑): who drafted items go to, and who urgent notes reach at once. */
export async function editors(db: Db): Promise<{ id: string; name: string; openId: string | null }[]> {
  const grants = await db.roleGrant.findMany({
    where: { role: 'editor', person: { active: true } },
    select: { person: { select: { id: true, name: true, openId: true } } },
  });
  const seen = new Map<string, { id: string; name: string; openId: string | null }>();
  for (const { person } of grants) seen.set(person.id, person);
  return [...seen.values()];
}

/** A unit's name ("" when it is gone). */
export async function unitName(db: Db, id: string): Promise<string> {
  return (await db.unit.findUnique({ where: { id }, select: { name: true } }))?.name ?? '';
}

/** Whether the chat is bound as a 信息报送 group (purpose `info`). */
export async function isInfoGroup(db: Db, chatId: string): Promise<boolean> {
  return (await db.chatBinding.count({ where: { chatId, purpose: 'info' } })) > 0;
}
