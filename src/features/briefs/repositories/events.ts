import type { PrismaClient } from '../../../db/client.js';
import type { TimelineEntry } from '../../../platform/objects.js';
import type { Db, Tx } from './db.js';

/** InfoEvent: the timeline of notes, items and issues. */
export type InfoEventRow = Awaited<ReturnType<PrismaClient['infoEvent']['findFirstOrThrow']>>;

export const eventsOf = (db: Db, objectType: string, objectId: string): Promise<InfoEventRow[]> =>
  db.infoEvent.findMany({ where: { objectType, objectId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

/** A timeline writer for one object type (platform/objects' `timeline`). */
export const timelineWriter =
  (objectType: string) =>
  async (tx: Tx, entries: TimelineEntry[]): Promise<void> => {
    for (const e of entries) {
      await tx.infoEvent.create({
        data: {
          objectType,
          objectId: e.objectId,
          at: e.at,
          actor: e.actor,
          kind: e.kind,
          text: e.text ?? '',
          data: e.data === undefined ? '' : JSON.stringify(e.data),
        },
      });
    }
  };

/** Empties every 政务信息 table, children first (demo:reset). */
export async function clearBriefTables(tx: Tx): Promise<void> {
  await tx.infoEvent.deleteMany({});
  await tx.infoAdoption.deleteMany({});
  await tx.infoIssueStep.deleteMany({});
  await tx.infoItem.deleteMany({});
  await tx.infoIssue.deleteMany({});
  await tx.infoDayStatus.deleteMany({});
  await tx.infoNote.deleteMany({});
  await tx.infoWordList.deleteMany({});
}
