import type { PrismaClient } from '../../src/db/client.js';
import { TOPIC_SERIES } from '../../src/features/topics/object-type.js';
import { insertTopic, type TopicData, type TopicRow } from '../../src/features/topics/repositories/topics.js';

/**
 * A topic as the chain leaves it, made through the repository (the 申报 form and the review chain are the
 * core's): by default 待列入议程 (ready) with the 分管领导's 同意上会 and no legal review needed.
 */
export async function makeTopic(
  db: PrismaClient,
  o: Pick<TopicData, 'title' | 'unitId' | 'presenterId' | 'leaderId' | 'meetingTypeId'> & Partial<TopicData> & { at: Date },
): Promise<TopicRow> {
  const { at, ...rest } = o;
  return db.$transaction(async (tx) => {
    const n = await TOPIC_SERIES.allocate(tx, Number(at.toISOString().slice(0, 4)));
    return insertTopic(tx, {
      year: n.year,
      seq: n.seq,
      number: n.number,
      submitterId: o.presenterId,
      submitterOpenId: '',
      status: 'ready',
      statusAt: at,
      submittedAt: at,
      leaderOpinion: '同意上会',
      leaderDecidedAt: at,
      ...rest,
    });
  });
}
