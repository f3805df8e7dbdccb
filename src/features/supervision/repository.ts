import type { PrismaClient, Tx } from '../../db/client.js';
import type { Prisma } from '../../db/generated/sqlite/index.js';
import { BotError } from '../../errors.js';
import { isUniqueViolation } from '../../db/receipts.js';
import type { TimelineEntry } from '../../platform/objects.js';
import { OPEN_STATUSES } from './domain/states.js';

/** The supervision feature's only Prisma access. */
export type Db = PrismaClient | Tx;
export type ItemRow = Awaited<ReturnType<PrismaClient['supervisionItem']['findFirstOrThrow']>>;

export function findItem(db: Db, id: string): Promise<ItemRow | null> {
  return db.supervisionItem.findUnique({ where: { id } });
}

/** The item as it is now, inside the transaction that just changed it. */
export function readItem(db: Db, id: string): Promise<ItemRow> {
  return db.supervisionItem.findUniqueOrThrow({ where: { id } });
}

export function insertItem(tx: Tx, data: Parameters<PrismaClient['supervisionItem']['create']>[0]['data']): Promise<ItemRow> {
  return tx.supervisionItem.create({ data });
}

export async function insertMilestones(
  tx: Tx,
  itemId: string,
  milestones: readonly Omit<Parameters<PrismaClient['supervisionMilestone']['create']>[0]['data'] & { itemId: string }, 'itemId'>[],
): Promise<void> {
  for (const m of milestones) await tx.supervisionMilestone.create({ data: { itemId, ...m } });
}

/** A pending extension request withdrawn (the item closed or was cancelled: nothing is left to decide). */
export async function withdrawPendingExtensions(tx: Tx, itemId: string): Promise<void> {
  await tx.supervisionExtension.updateMany({ where: { itemId, status: 'pending' }, data: { status: 'withdrawn' } });
}

export function lastEventOfKind(db: Db, itemId: string, kind: string) {
  return db.supervisionEvent.findFirst({ where: { itemId, kind }, orderBy: { at: 'desc' } });
}

export async function personOpenId(db: Db, personId: string): Promise<string | null> {
  return (await db.person.findUnique({ where: { id: personId }, select: { openId: true } }))?.openId ?? null;
}

export function findItemByNumber(db: Db, year: number, seq: number): Promise<ItemRow | null> {
  return db.supervisionItem.findUnique({ where: { year_seq: { year, seq } } });
}

export type ItemData = Parameters<PrismaClient['supervisionItem']['updateMany']>[0]['data'];
export type ItemWhere = Prisma.SupervisionItemWhereInput;

/** The answer to the loser of two acts on one item (its card showed a state that is gone). */
export const staleCard = (message = '该事项刚被他人处理，卡片已更新为最新状态，请核对后再操作。') => new BotError('stale_card', message);

/**
 * Every write to an item goes through here: a compare-and-set on the version the decision was read at
 * (plus any state `also` requires), bumping it. Of two acts decided on the same reading, one wins; the
 * other changes nothing, and its caller answers with a stale card.
 */
export async function updateItemIf(tx: Tx, read: { id: string; version: number }, data: ItemData, also: ItemWhere = {}): Promise<boolean> {
  const { count } = await tx.supervisionItem.updateMany({
    where: { ...also, id: read.id, version: read.version },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1;
}

/**
 * Holds the item's row, unchanged, while a card of it is re-rendered: a compare-and-set on the version it
 * was read at that writes nothing new. False when the item changed since (that change refreshed its cards).
 */
export async function holdItemIf(tx: Tx, read: { id: string; version: number }): Promise<boolean> {
  const { count } = await tx.supervisionItem.updateMany({ where: { id: read.id, version: read.version }, data: { version: read.version } });
  return count === 1;
}

/** Decides a pending extension, only if it is still pending (two decisions: one wins). */
export async function decideExtensionIf(tx: Tx, id: string, data: { status: 'approved' | 'refused'; decidedBy: string; decidedAt: Date }): Promise<boolean> {
  const { count } = await tx.supervisionExtension.updateMany({ where: { id, status: 'pending' }, data });
  return count === 1;
}

/** Timeline entries (platform/events.ts writes them, with their audit entries, through the object registry). */
export async function writeTimeline(tx: Tx, entries: TimelineEntry[]): Promise<void> {
  await tx.supervisionEvent.createMany({
    data: entries.map((e) => ({
      itemId: e.objectId,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      text: e.text ?? '',
      data: e.data === undefined ? '' : JSON.stringify(e.data),
    })),
  });
}

/** Empties the feature's tables, children first (demo:reset). */
export async function clearSupervisionTables(tx: Tx): Promise<void> {
  await tx.supervisionEvent.deleteMany();
  await tx.supervisionExtension.deleteMany();
  await tx.supervisionMilestone.deleteMany();
  await tx.supervisionItem.deleteMany();
}

export function listEvents(db: Db, itemId: string) {
  return db.supervisionEvent.findMany({ where: { itemId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}

export function listMilestones(db: Db, itemId: string) {
  return db.supervisionMilestone.findMany({ where: { itemId }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] });
}

export function pendingExtension(db: Db, itemId: string) {
  return db.supervisionExtension.findFirst({ where: { itemId, status: 'pending' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

/** Names and open ids for a set of people and units, in two queries. */
export async function namesFor(db: Db, personIds: string[], unitIds: string[]) {
  const [people, units] = await Promise.all([
    personIds.length ? db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true, openId: true } }) : [],
    unitIds.length ? db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { people: new Map(people.map((p) => [p.id, p])), units: new Map(units.map((u) => [u.id, u.name])) };
}

/** The unit's supervision liaisons (they act for the unit when no person is named). */
export async function supervisionLiaisons(db: Db, unitId: string) {
  return db.person.findMany({
    where: { unitId, active: true, roles: { some: { role: 'liaison', scope: 'supervision' } } },
    select: { id: true, name: true, openId: true },
  });
}

/** One page of the ledger in number order (year, seq), after `after`: keyset paging, never an offset. */
export function ledgerPage(
  db: Db,
  where: Prisma.SupervisionItemWhereInput,
  after: { year: number; seq: number } | undefined,
  take: number,
): Promise<ItemRow[]> {
  const next = after ? { OR: [{ year: { gt: after.year } }, { year: after.year, seq: { gt: after.seq } }] } : {};
  return db.supervisionItem.findMany({ where: { AND: [where, next] }, orderBy: [{ year: 'asc' }, { seq: 'asc' }], take });
}

export function countItems(db: Db, where: Prisma.SupervisionItemWhereInput): Promise<number> {
  return db.supervisionItem.count({ where });
}

/** Each item's latest progress report text (items without one are absent), without loading whole timelines. */
export async function latestProgressTexts(db: Db, itemIds: string[]): Promise<Map<string, string>> {
  const latest = await latestEvents(db, itemIds, 'progress');
  return new Map([...latest].map(([id, e]) => [id, e.text]));
}

/** Each item's latest event of `kind` (text and actor; ties on `at` go to the highest id, as the card's view does). */
export async function latestEvents(db: Db, itemIds: string[], kind: string): Promise<Map<string, { text: string; actor: string }>> {
  if (!itemIds.length) return new Map();
  const latest = await db.supervisionEvent.groupBy({ by: ['itemId'], where: { itemId: { in: itemIds }, kind }, _max: { at: true } });
  const at = new Map(latest.flatMap((l) => (l._max.at ? [[l.itemId, l._max.at.getTime()] as const] : [])));
  if (!at.size) return new Map();
  const events = await db.supervisionEvent.findMany({
    where: { itemId: { in: [...at.keys()] }, kind, at: { in: [...new Set(at.values())].map((t) => new Date(t)) } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { itemId: true, at: true, text: true, actor: true },
  });
  const found = new Map<string, { text: string; actor: string }>();
  for (const e of events) if (e.at.getTime() === at.get(e.itemId)) found.set(e.itemId, { text: e.text, actor: e.actor });
  return found;
}

/** Records that `key` was done, in the caller's transaction; a second time is refused (and rolls it back). */
export async function claimOnce(tx: Tx, key: string, at: Date): Promise<void> {
  try {
    await tx.inboundReceipt.create({ data: { key, receivedAt: at } });
  } catch (err) {
    if (isUniqueViolation(err)) throw new BotError('conflict', '该事项已经立项，同一指令不会重复立项。发送「督办 列表」可查看。');
    throw err;
  }
}

/** The ids among `ids` of items still open (chunked: SQLite binds at most 999 values a statement). */
export async function openItemsAmong(db: Db, ids: readonly string[]): Promise<string[]> {
  const open: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.supervisionItem.findMany({ where: { id: { in: ids.slice(i, i + 500) }, status: { in: OPEN_STATUSES } }, select: { id: true } });
    open.push(...rows.map((r) => r.id));
  }
  return open;
}
