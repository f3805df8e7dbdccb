import type { TimelineEntry } from '../../../platform/objects.js';
import type { TopicStatus } from '../machine.js';
import type { Db, PrismaClient, Tx } from './db.js';

/** Topic rows and their timeline. Every state change is a compare-and-set on `version` (and `status`). */
export type TopicRow = Awaited<ReturnType<PrismaClient['topic']['findFirstOrThrow']>>;
export type TopicEventRow = Awaited<ReturnType<PrismaClient['topicEvent']['findFirstOrThrow']>>;
export type TopicData = Parameters<PrismaClient['topic']['create']>[0]['data'];

export const findTopic = (db: Db, id: string): Promise<TopicRow | null> => db.topic.findUnique({ where: { id } });

export const findTopicByNumber = (db: Db, year: number, seq: number): Promise<TopicRow | null> => db.topic.findUnique({ where: { year_seq: { year, seq } } });

export const insertTopic = (tx: Tx, data: TopicData): Promise<TopicRow> => tx.topic.create({ data });

/**
 * The topic changes only from the version (and, when given, the status) it was read at; false: someone
 * else changed it first (a second click, a stale card).
 */
export async function updateTopicIf(
  tx: Tx,
  topic: Pick<TopicRow, 'id' | 'version'> & Partial<Pick<TopicRow, 'status'>>,
  data: Partial<TopicData>,
): Promise<boolean> {
  const where = { id: topic.id, version: topic.version, ...(topic.status ? { status: topic.status } : {}) };
  const r = await tx.topic.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  return r.count === 1;
}

/** The pool a meeting of this type draws from: ready topics, oldest first (顺延 ones first of all). */
export const readyPool = (db: Db, meetingTypeId: string): Promise<TopicRow[]> =>
  db.topic.findMany({
    where: { meetingTypeId, status: 'ready' },
    orderBy: [{ postponedCount: 'desc' }, { submittedAt: 'asc' }],
  });

/** A meeting's agenda, in order. */
export const topicsOnMeeting = (db: Db, meetingId: string): Promise<TopicRow[]> =>
  db.topic.findMany({ where: { meetingId }, orderBy: [{ agendaPosition: 'asc' }, { submittedAt: 'asc' }] });

export interface TopicFilter {
  statuses?: readonly TopicStatus[];
  unitId?: string;
  meetingTypeId?: string;
  leaderId?: string;
  submitterId?: string;
  year?: number;
  take?: number;
}

export const listTopics = (db: Db, f: TopicFilter = {}): Promise<TopicRow[]> =>
  db.topic.findMany({
    where: {
      ...(f.statuses ? { status: { in: [...f.statuses] } } : {}),
      ...(f.unitId ? { unitId: f.unitId } : {}),
      ...(f.meetingTypeId ? { meetingTypeId: f.meetingTypeId } : {}),
      ...(f.leaderId ? { leaderId: f.leaderId } : {}),
      ...(f.submitterId ? { submitterId: f.submitterId } : {}),
      ...(f.year ? { year: f.year } : {}),
    },
    orderBy: [{ submittedAt: 'desc' }],
    take: f.take ?? 200,
  });

export const topicEvents = (db: Db, topicId: string): Promise<TopicEventRow[]> =>
  db.topicEvent.findMany({ where: { topicId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

/** The object registry's timeline writer (platform/events.ts recordEvent). */
export async function writeTopicTimeline(tx: Tx, entries: TimelineEntry[]): Promise<void> {
  await tx.topicEvent.createMany({
    data: entries.map((e) => ({
      topicId: e.objectId,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      text: e.text ?? '',
      data: e.data === undefined ? '' : JSON.stringify(e.data),
    })),
  });
}

/**
 * The topic a person opened for material files (`议题 材料 <编号>`) at or after `since`: their latest such
 * opening, if any (a file they send then is taken for it).
 */
export async function openedForMaterials(db: Db, openId: string, since: Date): Promise<string | undefined> {
  const e = await db.topicEvent.findFirst({ where: { actor: openId, kind: 'materials_open', at: { gte: since } }, orderBy: { at: 'desc' } });
  return e?.topicId;
}
