import type { PrismaClient } from '../../../db/client.js';
import type { Db, Tx } from './db.js';

/** InfoAdoption rows (录用): one per item and level (the unique pair: an adoption is counted once). */
export type AdoptionRow = Awaited<ReturnType<PrismaClient['infoAdoption']['findFirstOrThrow']>>;
export type AdoptionData = Parameters<PrismaClient['infoAdoption']['create']>[0]['data'];

export const adoptionsOfMonth = (db: Db, month: string): Promise<AdoptionRow[]> =>
  db.infoAdoption.findMany({ where: { month }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] });
export const adoptionsOfItem = (db: Db, itemId: string): Promise<AdoptionRow[]> => db.infoAdoption.findMany({ where: { itemId } });

/** Records an adoption unless that item already has one at that level; returns null when it had. */
export async function insertAdoption(tx: Tx, data: AdoptionData): Promise<AdoptionRow | null> {
  const existing = await tx.infoAdoption.findUnique({ where: { itemId_level: { itemId: data.itemId, level: data.level } } });
  if (existing) return null;
  return tx.infoAdoption.create({ data });
}
