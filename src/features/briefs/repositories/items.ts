import type { PrismaClient } from '../../../db/client.js';
import type { Db, Tx } from './db.js';

/** InfoItem rows: drafted items, then the editor's. Every state change is a compare-and-set on `version`. */
export type ItemRow = Awaited<ReturnType<PrismaClient['infoItem']['findFirstOrThrow']>>;
export type ItemData = Parameters<PrismaClient['infoItem']['create']>[0]['data'];

export const findItem = (db: Db, id: string): Promise<ItemRow | null> => db.infoItem.findUnique({ where: { id } });
export const itemsOfRun = (db: Db, runId: string): Promise<ItemRow[]> =>
  db.infoItem.findMany({ where: { runId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
/** An editor's drafts still to be handled (信息 草稿), newest first. */
export const openDraftsOf = (db: Db, editorOpenId: string): Promise<ItemRow[]> =>
  db.infoItem.findMany({ where: { editorOpenId, state: 'draft' }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: 200 });
/** Adopted items not yet compiled (编期 takes these). */
export const adoptedItems = (db: Db): Promise<ItemRow[]> =>
  db.infoItem.findMany({ where: { state: 'adopted' }, orderBy: [{ adoptedAt: 'asc' }, { id: 'asc' }] });
/** Items adopted, compiled into an issue or not (信息 录用 looks among these), newest first. */
export const adoptedOrCompiledItems = (db: Db): Promise<ItemRow[]> =>
  db.infoItem.findMany({ where: { state: { in: ['adopted', 'compiled'] } }, orderBy: { createdAt: 'desc' } });
export const itemsOfIssue = (db: Db, issueId: string): Promise<ItemRow[]> =>
  db.infoItem.findMany({ where: { issueId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });

export const insertItem = (tx: Tx, data: ItemData): Promise<ItemRow> => tx.infoItem.create({ data });

/** The item changes only from the version (and, when given, the state) it was read at. */
export async function updateItemIf(tx: Tx, item: Pick<ItemRow, 'id' | 'version'> & Partial<Pick<ItemRow, 'state'>>, data: Partial<ItemData>): Promise<boolean> {
  const where = { id: item.id, version: item.version, ...(item.state ? { state: item.state } : {}) };
  const r = await tx.infoItem.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}
