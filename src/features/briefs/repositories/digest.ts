import type { Db } from './db.js';

const TAKE = 50;

/** First reports of 急情要事 made in [from, to) (a 续报 is part of its first report's thread). */
export const urgentNotesBetween = (db: Db, from: Date, to: Date) =>
  db.infoNote.findMany({
    where: { urgent: true, parentNoteId: null, state: { not: 'withdrawn' }, reportedAt: { gte: from, lt: to } },
    select: { number: true, body: true, unitId: true, secret: true, eventAt: true, reportedAt: true },
    orderBy: { reportedAt: 'asc' },
    take: TAKE,
  });

/** Items adopted (采用) by the editors in [from, to). */
export const itemsAdoptedBetween = (db: Db, from: Date, to: Date) =>
  db.infoItem.findMany({
    where: { adoptedAt: { gte: from, lt: to }, state: { in: ['adopted', 'compiled'] } },
    select: { title: true, kind: true, unitId: true },
    orderBy: { adoptedAt: 'asc' },
    take: TAKE,
  });

export const unitNames = async (db: Db, ids: readonly string[]): Promise<Map<string, string>> =>
  new Map((await db.unit.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
