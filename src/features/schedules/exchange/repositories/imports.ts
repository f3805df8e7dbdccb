import type { PrismaClient, Tx } from '../../../../db/client.js';
import type { ImportDraft } from '../domain/rows.js';

type Db = PrismaClient | Tx;

/** What an import proposal holds until 确认导入 or 取消. */
export interface ImportPayload {
  /** 表格文件 name, or 粘贴的表格. */
  sourceName: string;
  drafts: ImportDraft[];
}

/** `conflicts`: the keys of the conflicts the card shows (importConflictKeys), compared again at 确认导入. */
export async function createImportProposal(db: Db, actorOpenId: string, payload: ImportPayload, conflicts: string[], at: Date): Promise<string> {
  const p = await db.scheduleProposal.create({
    data: { actorOpenId, kind: 'import', payload: JSON.stringify(payload), conflicts: JSON.stringify(conflicts), createdAt: at },
  });
  return p.id;
}

export async function findImportProposal(
  db: Db,
  id: string,
): Promise<{ id: string; actorOpenId: string; payload: ImportPayload; seenConflicts: string[]; consumed: boolean } | undefined> {
  const p = await db.scheduleProposal.findUnique({ where: { id } });
  if (!p || p.kind !== 'import') return undefined;
  return {
    id: p.id,
    actorOpenId: p.actorOpenId,
    payload: JSON.parse(p.payload) as ImportPayload,
    seenConflicts: readKeys(p.conflicts),
    consumed: p.consumedAt !== null,
  };
}

/** The keys stored with the proposal; anything else (an older proposal's lines) counts as nothing seen. */
function readKeys(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text || '[]');
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The proposal as the card now shows it again (rows whose day passed meanwhile listed as 补录, conflicts
 * found since), only while it is open: false when a click consumed it in the meantime.
 */
export async function reviseImportProposal(db: Db, id: string, payload: ImportPayload, conflicts: string[]): Promise<boolean> {
  const r = await db.scheduleProposal.updateMany({
    where: { id, consumedAt: null },
    data: { payload: JSON.stringify(payload), conflicts: JSON.stringify(conflicts) },
  });
  return r.count === 1;
}

/** Compare-and-set: true for the one click that consumes it (a second click, or another instance, gets false). */
export async function consumeProposal(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.scheduleProposal.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: at } });
  return r.count === 1;
}
