import type { PrismaClient } from '../../src/db/client.js';
import { meetingSeries, TOPIC_SERIES } from '../../src/features/topics/object-type.js';
import { seedMeetingTypes, updateMeetingTypeIf } from '../../src/features/topics/repositories/meeting-types.js';
import { insertMeeting } from '../../src/features/topics/repositories/meetings.js';
import { insertTopic } from '../../src/features/topics/repositories/topics.js';

/**
 * A 常务会 published with topics on its agenda, built through the topics repositories (as the core's
 * submission and the meetings part's agenda would leave it): for the minutes part's tests.
 */
export async function meetingWithAgenda(
  db: PrismaClient,
  o: {
    startsAt: Date;
    presidingId: string;
    attendeeIds: string[];
    chatId: string;
    creator: { id: string; openId: string };
    topics: { title: string; unitId: string; submitter: { id: string; openId: string }; leaderId: string; attendUnitIds?: string[] }[];
  },
) {
  const types = await seedMeetingTypes(db);
  const type = types.find((t) => t.code === '常务会')!;
  return db.$transaction(async (tx) => {
    await updateMeetingTypeIf(tx, type, { presidingId: o.presidingId, attendeeIds: JSON.stringify(o.attendeeIds), chatId: o.chatId });
    const year = o.startsAt.getUTCFullYear();
    const n = await meetingSeries(type).allocate(tx, year);
    const meeting = await insertMeeting(tx, {
      meetingTypeId: type.id,
      year: n.year,
      seq: n.seq,
      number: n.number,
      startsAt: o.startsAt,
      place: '三楼会议室',
      status: 'published',
      statusAt: o.startsAt,
      createdById: o.creator.id,
      createdByOpenId: o.creator.openId,
      agendaPublishedAt: o.startsAt,
    });
    const topics = [];
    for (const [i, t] of o.topics.entries()) {
      const tn = await TOPIC_SERIES.allocate(tx, year);
      topics.push(
        await insertTopic(tx, {
          year: tn.year,
          seq: tn.seq,
          number: tn.number,
          title: t.title,
          unitId: t.unitId,
          submitterId: t.submitter.id,
          submitterOpenId: t.submitter.openId,
          presenterId: t.submitter.id,
          leaderId: t.leaderId,
          meetingTypeId: type.id,
          attendUnitIds: JSON.stringify(t.attendUnitIds ?? []),
          status: 'scheduled',
          statusAt: o.startsAt,
          meetingId: meeting.id,
          agendaPosition: i + 1,
          submittedAt: new Date(o.startsAt.getTime() - 7 * 86_400_000),
        }),
      );
    }
    return { type, meeting, topics };
  });
}
