import type { Tx } from './db.js';

/** Empties the feature's tables, children first (demo:reset). */
export async function clearTopicTables(tx: Tx): Promise<void> {
  await tx.meetingDecision.deleteMany({});
  await tx.topicEvent.deleteMany({});
  await tx.meetingEvent.deleteMany({});
  await tx.topic.deleteMany({});
  await tx.meeting.deleteMany({});
  await tx.meetingType.deleteMany({});
}
