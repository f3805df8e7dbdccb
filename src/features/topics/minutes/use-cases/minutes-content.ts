import { badInput } from '../../../../errors.js';
import { beijingDate } from '../../../../platform/time.js';
import type { Db } from '../../repositories/db.js';
import { readDirectory, unitNameOf, type Directory } from '../../../org/index.js';
import { parseIds, type TopicOutcome } from '../../domain/topic-fields.js';
import type { MeetingTypeRow } from '../../repositories/meeting-types.js';
import type { MeetingRow } from '../../repositories/meetings.js';
import { decisionsOfMeeting } from '../../repositories/decisions.js';
import { topicsOnMeeting } from '../../repositories/topics.js';
import type { MinutesContent } from '../domain/document.js';

const nameOf = (dir: Directory, id: string) => dir.people.find((p) => p.id === id)?.name ?? '';

/**
 * What the meeting's 纪要 says, read from its rows: the agenda in order with outcomes and decisions, the
 * standing attendees less those on leave (出席), those on leave (请假), the fixed and the topics' 列席 units.
 * Refused while a topic on the agenda has no outcome.
 */
export async function minutesContent(db: Db, meeting: MeetingRow, type: MeetingTypeRow, at: Date): Promise<MinutesContent> {
  const [dir, agenda, decisions] = await Promise.all([readDirectory(db), topicsOnMeeting(db, meeting.id), decisionsOfMeeting(db, meeting.id)]);
  if (!agenda.length) throw badInput(`${meeting.number}的议程为空，无法生成纪要。`);
  const missing = agenda.flatMap((t, i) => (t.outcome ? [] : [`议题${i + 1}「${t.title}」`]));
  if (missing.length) throw badInput(`以下议题尚未记录审议结果：${missing.join('、')}。请先发送「会议 结果 ${meeting.number} 议题序号 通过」等。`);
  const presiding = dir.people.find((p) => p.id === type.presidingId);
  const absent = parseIds(meeting.absentIds);
  const attendees = parseIds(type.attendeeIds).filter((id) => !absent.includes(id));
  const units = [...new Set([...parseIds(type.fixedUnitIds), ...agenda.flatMap((t) => parseIds(t.attendUnitIds))])];
  return {
    title: type.minutesTitle,
    ...(meeting.minutesNumber ? { number: meeting.minutesNumber } : {}),
    meetingNumber: meeting.number,
    heldOn: beijingDate(meeting.startsAt),
    presidingTitle: presiding?.title ?? '',
    presidingName: presiding?.name ?? '',
    topics: agenda.map((t) => ({
      title: t.title,
      unitName: unitNameOf(dir, t.unitId),
      outcome: t.outcome as TopicOutcome,
      outcomeNote: t.outcomeNote,
      decisions: decisions
        .filter((d) => d.topicId === t.id)
        .map((d) => ({ content: d.content, unitName: unitNameOf(dir, d.unitId), leaderName: nameOf(dir, d.leaderId), deadline: d.deadline })),
    })),
    attendees: attendees.map((id) => nameOf(dir, id)).filter(Boolean),
    absent: absent.map((id) => nameOf(dir, id)).filter(Boolean),
    attendUnits: units.map((id) => unitNameOf(dir, id)).filter(Boolean),
    date: beijingDate(meeting.minutesSignedAt ?? at),
  };
}
