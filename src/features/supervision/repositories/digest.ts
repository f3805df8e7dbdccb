import type { PrismaClient } from '../../../db/client.js';
import type { IsoDate } from '../../../platform/time.js';

const OPEN = ['pending_ack', 'in_progress', 'returned'];
const SELECT = { id: true, number: true, content: true, deadline: true, status: true, unitId: true } as const;
/** A card lists at most this many; the count says how many more there are. */
const TAKE = 200;

/** Open items past their deadline in a leader's remit: those they answer for, and those of the units they are in charge of. */
export function overdueInRemit(db: PrismaClient, leaderId: string, unitIds: readonly string[], today: IsoDate) {
  return db.supervisionItem.findMany({
    where: { status: { in: OPEN }, deadline: { lt: today }, OR: [{ leaderId }, ...(unitIds.length ? [{ unitId: { in: [...unitIds] } }] : [])] },
    select: SELECT,
    orderBy: [{ deadline: 'asc' }, { seq: 'asc' }],
    take: TAKE,
  });
}

/** Open items a person acts on (named responsible, or their unit's when they are its 督查联络员): overdue, due by `horizon`, or unsigned. */
export function openAndDueFor(db: PrismaClient, personId: string, liaisonUnitId: string | null, horizon: IsoDate) {
  return db.supervisionItem.findMany({
    where: {
      status: { in: OPEN },
      AND: [{ OR: [{ personId }, ...(liaisonUnitId ? [{ unitId: liaisonUnitId }] : [])] }, { OR: [{ deadline: { lte: horizon } }, { status: 'pending_ack' }] }],
    },
    select: SELECT,
    orderBy: [{ deadline: 'asc' }, { seq: 'asc' }],
    take: TAKE,
  });
}

/**
 * Signed-for open items with a progress cycle that a person reports on (named responsible, or their unit's as
 * its 督查联络员): the candidates for 请报送本周/本月进展, decided by `progressDue` on the day.
 */
export function progressCandidatesFor(db: PrismaClient, personId: string, liaisonUnitId: string | null) {
  return db.supervisionItem.findMany({
    where: {
      status: { in: ['in_progress', 'returned'] },
      progressCycle: { in: ['weekly', 'monthly'] },
      OR: [{ personId }, ...(liaisonUnitId ? [{ unitId: liaisonUnitId }] : [])],
    },
    select: { ...SELECT, progressCycle: true, lastProgressAt: true, createdAt: true },
    orderBy: [{ deadline: 'asc' }, { seq: 'asc' }],
    take: TAKE,
  });
}
