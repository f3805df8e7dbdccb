import { badInput } from '../../../../errors.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { meetingSeries, TOPIC_SERIES } from '../../object-type.js';
import { findMeetingType, listMeetingTypes, type MeetingTypeRow } from '../../repositories/meeting-types.js';
import { findMeeting, findMeetingByNumber, type MeetingRow } from '../../repositories/meetings.js';
import { findTopicByNumber, topicsOnMeeting, type TopicRow } from '../../repositories/topics.js';

/**
 * A meeting as typed: 县政府第3次常务会议, 第3次县长办公会议, or with the type first (常务会 3). A bare number
 * fitting meetings of several types is asked about rather than guessed.
 */
export async function meetingByNumber(deps: FeatureDeps, typed: string): Promise<{ meeting: MeetingRow; type: MeetingTypeRow }> {
  const text = typed.normalize('NFKC').replace(/\s+/g, '');
  if (!text) throw badInput('请写明会议编号，如「县政府第3次常务会议」。');
  const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
  const hits: { meeting: MeetingRow; type: MeetingTypeRow }[] = [];
  for (const type of await listMeetingTypes(deps.prisma)) {
    const forms = [text, text.startsWith(type.code) ? text.slice(type.code.length) : ''].filter(Boolean);
    for (const form of forms) {
      const n = meetingSeries(type).parse(form, year);
      const meeting = n ? await findMeetingByNumber(deps.prisma, type.id, n.year, n.seq) : null;
      if (meeting && !hits.some((h) => h.meeting.id === meeting.id)) hits.push({ meeting, type });
    }
  }
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw badInput(`「${text.slice(0, 30)}」对应多个会议（${hits.map((h) => h.meeting.number).join('、')}），请写明会议全称。`);
  throw badInput(`未找到会议「${text.slice(0, 30)}」，请写明会议编号，如「县政府第3次常务会议」。`);
}

export async function meetingById(deps: FeatureDeps, id: string): Promise<{ meeting: MeetingRow; type: MeetingTypeRow }> {
  const meeting = await findMeeting(deps.prisma, id);
  const type = meeting ? await findMeetingType(deps.prisma, meeting.meetingTypeId) : null;
  if (!meeting || !type) throw badInput('该会议已不存在。');
  return { meeting, type };
}

/** A topic of the meeting's agenda by its place (议题2, 2, 第二项 is not read) or its number 议〔2026〕12号. */
export async function topicOnAgenda(deps: FeatureDeps, meeting: MeetingRow, typed: string): Promise<TopicRow> {
  const agenda = await topicsOnMeeting(deps.prisma, meeting.id);
  const text = typed.normalize('NFKC').trim();
  const place = /^(?:议题)?第?(\d{1,3})(?:项|个)?$/.exec(text);
  const hit = place ? agenda[Number(place[1]) - 1] : agenda.find((t) => t.number.normalize('NFKC') === text);
  if (!hit) {
    const list = agenda.map((t, i) => `议题${i + 1}：${t.title}`).join('；');
    throw badInput(`${meeting.number}的议程中没有「${text.slice(0, 30)}」。${list ? `议程：${list}。` : '该会议议程为空。'}`);
  }
  return hit;
}

/** The place on the agenda people quote (议题2). */
export const agendaPlace = (agenda: readonly Pick<TopicRow, 'id'>[], topicId: string) => agenda.findIndex((t) => t.id === topicId) + 1;

/** A topic by its number (议〔2026〕12号, 2026-12, or 12 for this year). */
export async function topicByNumber(deps: FeatureDeps, typed: string): Promise<TopicRow> {
  const n = TOPIC_SERIES.parse(typed, Number(beijingDate(deps.clock.now()).slice(0, 4)));
  const topic = n ? await findTopicByNumber(deps.prisma, n.year, n.seq) : null;
  if (!topic) throw badInput(`未找到议题「${typed.slice(0, 30)}」，请写明议题编号，如「${TOPIC_SERIES.example(2026)}」。`);
  return topic;
}
