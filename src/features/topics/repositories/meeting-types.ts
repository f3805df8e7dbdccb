import { DEFAULT_MEETING_TYPES } from '../domain/meeting-types.js';
import type { Db, PrismaClient, Tx } from './db.js';

export type MeetingTypeRow = Awaited<ReturnType<PrismaClient['meetingType']['findFirstOrThrow']>>;
type MeetingTypeData = Parameters<PrismaClient['meetingType']['create']>[0]['data'];

export const listMeetingTypes = (db: Db, o: { activeOnly?: boolean } = {}): Promise<MeetingTypeRow[]> =>
  db.meetingType.findMany({ where: o.activeOnly ? { active: true } : {}, orderBy: [{ position: 'asc' }, { code: 'asc' }] });

export const findMeetingType = (db: Db, id: string): Promise<MeetingTypeRow | null> => db.meetingType.findUnique({ where: { id } });

export const findMeetingTypeByCode = (db: Db, code: string): Promise<MeetingTypeRow | null> => db.meetingType.findUnique({ where: { code } });

/**
 * The default types (常务会, 县长办公会, 专题会, 党组会), created once when none exists yet; fixed 列席 units
 * are those of the defaults' names found in the directory. Idempotent (a type already there is kept as is).
 */
export async function seedMeetingTypes(db: PrismaClient): Promise<MeetingTypeRow[]> {
  if ((await db.meetingType.count()) > 0) return listMeetingTypes(db);
  const units = await db.unit.findMany({ select: { id: true, name: true } });
  const byName = new Map(units.map((u) => [u.name, u.id]));
  for (const [i, d] of DEFAULT_MEETING_TYPES.entries()) {
    // 司法局 is often registered as 县司法局 (or 区司法局).
    const fixedUnitIds = d.fixedUnitNames.flatMap((n) => [byName.get(n) ?? byName.get(`县${n}`) ?? byName.get(`区${n}`)].filter((id): id is string => !!id));
    await ignoreDuplicate(
      db.meetingType.upsert({
        where: { code: d.code },
        create: {
          code: d.code,
          name: d.name,
          aliases: JSON.stringify(d.aliases),
          numberPrefix: d.numberPrefix,
          numberSuffix: d.numberSuffix,
          minutesTitle: d.minutesTitle,
          dueWorkingDays: d.dueWorkingDays,
          fixedUnitIds: JSON.stringify(fixedUnitIds),
          position: i + 1,
        },
        update: {},
      }),
    );
  }
  return listMeetingTypes(db);
}

/** Two first uses at once: the other one's insert of the same code wins, which is the same row. */
async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
  }
}

/** A type changes only from the version it was read at; false: someone else changed it first. */
export async function updateMeetingTypeIf(tx: Tx, row: Pick<MeetingTypeRow, 'id' | 'version'>, data: Partial<MeetingTypeData>): Promise<boolean> {
  const r = await tx.meetingType.updateMany({ where: { id: row.id, version: row.version }, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}
