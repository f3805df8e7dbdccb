import type { PrismaClient, Tx } from '../../../../db/client.js';
import { isUniqueViolation } from '../../../../db/receipts.js';
import type { IsoDate } from '../../../../platform/time.js';
import { entriesBetween, entriesOfDay } from '../../repositories/entries.js';
import type { DayAway, DayEntry, DayLeader } from '../domain/day.js';
import { INSIDER_ROLES, OFFICE_SECTION } from '../../domain/visibility.js';
import { SECRETARIAT_UNIT } from '../../policy.js';
import { keepersToTell, type Keeper, type OfficePerson } from '../domain/keepers.js';
import { auditChange } from '../../repositories/entries.js';

type Db = PrismaClient | Tx;

/**
 * What the broadcast side reads and writes: 外出, leaders and their secretaries, the 值班表 and the
 * per-group broadcast claims; entries through sched-core's repository (it writes them, with history).
 */
export async function entriesOfLeaders(db: Db, date: IsoDate, leaderIds: readonly string[]): Promise<DayEntry[]> {
  return (await entriesOfDay(db, date, leaderIds)).filter((e) => e.status !== 'cancelled');
}

export function awaysOn(db: Db, date: IsoDate): Promise<DayAway[]> {
  return db.scheduleAway.findMany({ where: { cancelledAt: null, startDate: { lte: date }, endDate: { gte: date } } });
}

/** Active people holding the leader role. */
export async function leaders(db: Db): Promise<DayLeader[]> {
  const rows = await db.person.findMany({ where: { active: true, roles: { some: { role: 'leader' } } }, select: { id: true, name: true, title: true } });
  return rows;
}

export type Secretary = Keeper;

/**
 * Who is told of each leader's entries (preview, 拟定 notice, reminders), active people only: each
 * leader's secretaries (`secretary` grants scoped `person:<leaderId>`), and for a leader without one,
 * 秘书科 (unscoped `secretary` grants, else the 科长 of the unit named 秘书科): see keepersToTell.
 */
export async function secretaries(db: Db): Promise<Secretary[]> {
  const person = { select: { id: true, openId: true, name: true } } as const;
  const [scoped, unscoped, chiefs, leaderRows] = await Promise.all([
    db.roleGrant.findMany({ where: { role: 'secretary', scope: { startsWith: 'person:' }, person: { active: true } }, select: { scope: true, person } }),
    db.roleGrant.findMany({ where: { role: 'secretary', scope: '', person: { active: true } }, select: { person } }),
    db.roleGrant.findMany({ where: { role: 'section_chief', person: { active: true, unit: { name: SECRETARIAT_UNIT } } }, select: { person } }),
    leaders(db),
  ]);
  const byPerson = new Map<string, Keeper>();
  for (const g of scoped) {
    const s = byPerson.get(g.person.id) ?? { personId: g.person.id, openId: g.person.openId, name: g.person.name, leaderIds: [] };
    s.leaderIds.push(g.scope.slice('person:'.length));
    byPerson.set(g.person.id, s);
  }
  const office = (rows: { person: { id: string; openId: string | null; name: string } }[]): OfficePerson[] => [
    ...new Map(rows.map((r) => [r.person.id, { personId: r.person.id, openId: r.person.openId, name: r.person.name }])).values(),
  ];
  return keepersToTell(
    leaderRows.map((l) => l.id),
    [...byPerson.values()],
    office(unscoped),
    office(chiefs),
  );
}

export async function openIdOf(db: Db, personId: string): Promise<string | null> {
  return (await db.person.findUnique({ where: { id: personId }, select: { openId: true } }))?.openId ?? null;
}

/** Active people who are one of the office's own (domain/visibility.ts isInsider), as a query. */
const INSIDER = {
  active: true,
  OR: [{ roles: { some: { role: { in: [...INSIDER_ROLES] } } } }, { unit: { kind: OFFICE_SECTION } }],
};

/** The open_ids among `openIds` that belong to one of the office's own people (a group's members, checked). */
export async function insiderOpenIds(db: Db, openIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.person.findMany({ where: { ...INSIDER, openId: { in: [...openIds] } }, select: { openId: true } });
  return new Set(rows.map((r) => r.openId!));
}

export async function recordChange(tx: Tx, c: { entryId: string; at: Date; actor: string; kind: string; before?: string; after?: string }): Promise<void> {
  const change = { entryId: c.entryId, at: c.at, actor: c.actor, kind: c.kind, before: c.before ?? '', after: c.after ?? '' };
  await tx.scheduleChange.create({ data: change });
  await auditChange(tx, change);
}

export function rosterOn(db: Db, date: IsoDate) {
  return db.dutyRoster.findMany({ where: { date }, orderBy: { createdAt: 'asc' } });
}

export async function addRoster(tx: Tx, r: { date: IsoDate; leaderName: string; staff: string; phone: string; createdBy: string }): Promise<void> {
  await tx.dutyRoster.create({ data: r });
}

export async function replaceRoster(tx: Tx, date: IsoDate, rows: { leaderName: string; staff: string; phone: string; createdBy: string }[]): Promise<void> {
  await tx.dutyRoster.deleteMany({ where: { date } });
  for (const r of rows) await tx.dutyRoster.create({ data: { date, ...r } });
}

export function rosterBetween(db: Db, from: IsoDate, to: IsoDate) {
  return db.dutyRoster.findMany({ where: { date: { gte: from, lte: to } }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] });
}

/**
 * The claim of one group's broadcast for a day, in the transaction that queues its card: the unique
 * (date, chatId) refuses a second one (another instance, an earlier run) and the caller's transaction
 * rolls back with it, so a claim never exists without its card. Throws the unique violation.
 */
export async function createBroadcast(
  tx: Tx,
  b: { date: IsoDate; chatId: string; kind: string; catchUp: boolean; audience: 'internal' | 'external' },
): Promise<string> {
  return (await tx.scheduleBroadcast.create({ data: b, select: { id: true } })).id;
}

/**
 * Takes the day's turn (ScheduleDay): a write that holds the day's row until `tx` ends. The broadcast's
 * claims and the changes touching the day call it first, so that on PostgreSQL neither reads the day
 * while the other's write is under way: a change either commits before a group's card is rendered (the
 * card shows it) or after that group's claim (the change finds the claim and updates the card).
 */
export async function holdDay(tx: Tx, date: IsoDate): Promise<void> {
  await tx.scheduleDay.upsert({ where: { date }, create: { date }, update: { turns: { increment: 1 } } });
}

export { isUniqueViolation };

export async function broadcastsOn(db: Db, date: IsoDate, kind = 'schedule') {
  const rows = await db.scheduleBroadcast.findMany({ where: { date, kind }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => ({ ...r, audience: r.audience === 'internal' ? ('internal' as const) : ('external' as const) }));
}

export function claimedChats(db: Db, date: IsoDate): Promise<{ chatId: string }[]> {
  return db.scheduleBroadcast.findMany({ where: { date }, select: { chatId: true } });
}

export async function setBroadcastMessage(db: Db, id: string, messageId: string): Promise<void> {
  await db.scheduleBroadcast.updateMany({ where: { id, messageId: '' }, data: { messageId } });
}

export async function reminderCandidates(db: Db, from: IsoDate, to: IsoDate): Promise<DayEntry[]> {
  return (await entriesBetween(db, from, to)).filter((e) => e.dayPart === 'exact' && e.status !== 'cancelled' && e.startMinute !== null);
}

/** The reminders already sent, as `entryId|date|startMinute` (a moved entry is reminded again). */
export async function remindedKeys(db: Db, entryIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.scheduleChange.findMany({ where: { entryId: { in: [...entryIds] }, kind: 'reminded' }, select: { entryId: true, after: true } });
  return new Set(rows.map((r) => `${r.entryId}|${r.after}`));
}

export async function unitName(db: Db, unitId: string | null): Promise<string> {
  if (!unitId) return '';
  return (await db.unit.findUnique({ where: { id: unitId }, select: { name: true } }))?.name ?? '';
}

export async function leaderName(db: Db, personId: string): Promise<string> {
  return (await db.person.findUnique({ where: { id: personId }, select: { name: true } }))?.name ?? '';
}

/** demo:reset: the broadcast claims and the 值班表 go with the entries. */
export async function clearBroadcastTables(tx: Tx): Promise<void> {
  await tx.scheduleBroadcast.deleteMany();
  await tx.scheduleDay.deleteMany();
  await tx.dutyRoster.deleteMany();
}

/** Every insider's open_id, for telling internal groups from others in one read (the broadcast). */
export async function allInsiderOpenIds(db: Db): Promise<Set<string>> {
  const rows = await db.person.findMany({ where: { ...INSIDER, openId: { not: null } }, select: { openId: true } });
  return new Set(rows.map((r) => r.openId!));
}

/** Compare-and-set: a group found to have someone from outside now is external from here on (never the other way that day). */
export async function narrowBroadcastAudience(db: Db, id: string): Promise<boolean> {
  return (await db.scheduleBroadcast.updateMany({ where: { id, audience: 'internal' }, data: { audience: 'external' } })).count === 1;
}
