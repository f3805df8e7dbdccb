import type { Tx } from '../../../db/client.js';
import type { Db } from './entries.js';

export type ProposalKind = 'add' | 'modify' | 'cancel';

export interface ProposalRow {
  id: string;
  actorOpenId: string;
  kind: ProposalKind;
  entryId: string | null;
  payload: string;
  conflicts: string;
  consumedAt: Date | null;
}

export async function insertProposal(
  db: Db,
  p: { actorOpenId: string; kind: ProposalKind; entryId?: string; payload: string; conflicts: string },
): Promise<ProposalRow> {
  const r = await db.scheduleProposal.create({ data: { ...p, entryId: p.entryId ?? null } });
  return { ...r, kind: r.kind as ProposalKind };
}

export async function findProposal(db: Db, id: string): Promise<ProposalRow | null> {
  const r = await db.scheduleProposal.findUnique({ where: { id } });
  return r && { ...r, kind: r.kind as ProposalKind };
}

/** Marks the proposal used, only if it is still open: of two 确认 clicks one saves. */
export async function consumeProposalIf(tx: Tx, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.scheduleProposal.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: at } });
  return count === 1;
}

/** The conflicts the card now shows (a second look found new ones), so 仍然保存 confirms what was seen. */
export async function setProposalConflictsIf(db: Db, id: string, conflicts: string): Promise<boolean> {
  const { count } = await db.scheduleProposal.updateMany({ where: { id, consumedAt: null }, data: { conflicts } });
  return count === 1;
}

/** The entry an add saved, so a late second 确认 shows it rather than nothing. */
export async function setProposalEntry(tx: Tx, id: string, entryId: string): Promise<void> {
  await tx.scheduleProposal.update({ where: { id }, data: { entryId } });
}
