import { unitNameOf, type Directory } from '../../org/index.js';
import { MEETING_STATUS_LABEL, TOPIC_STATUS_LABEL, type MeetingStatus, type TopicStatus } from '../machine.js';
import { parseIds, parseMaterials, TOPIC_OUTCOME_LABEL, type TopicOutcome } from '../domain/topic-fields.js';
import type { MeetingRow } from '../repositories/meetings.js';
import type { MeetingTypeRow } from '../repositories/meeting-types.js';
import type { TopicRow } from '../repositories/topics.js';
import { timeSlots } from './domain/agenda.js';

/** One line of an agenda as every card prints it: names resolved, the slot computed. */
export interface AgendaLine {
  topicId: string;
  version: number;
  position: number;
  number: string;
  title: string;
  unitName: string;
  presenterName: string;
  attendUnitNames: string[];
  minutes: number;
  start: number;
  end: number;
  status: TopicStatus;
  statusLabel: string;
  /** 审议结果 (filled by the minutes part), "" before. */
  outcomeLabel: string;
  postponedCount: number;
  /** 汇报材料 by name (documents and files), for the agenda card and its DMs. */
  materialNames: string[];
}

/** A meeting as the cards read it. */
export interface MeetingView {
  id: string;
  version: number;
  number: string;
  typeName: string;
  typeCode: string;
  startsAt: Date;
  place: string;
  status: MeetingStatus;
  statusLabel: string;
  /** The type's fixed 列席 units (司法局 …) and every topic's own, once each. */
  attendUnitNames: string[];
  fixedUnitNames: string[];
  presidingName: string;
  lines: AgendaLine[];
  reminderDate: string;
  hasGroup: boolean;
}

const personName = (dir: Directory, id: string) => (id ? (dir.people.find((p) => p.id === id)?.name ?? '（已不在名册）') : '');
const unitName = (dir: Directory, id: string) => unitNameOf(dir, id) || '（已删除的单位）';

export function agendaLines(startsAt: Date, topics: readonly TopicRow[], dir: Directory): AgendaLine[] {
  const slots = timeSlots(
    startsAt,
    topics.map((t) => t.estimatedMinutes),
  );
  return topics.map((t, i) => ({
    topicId: t.id,
    version: t.version,
    position: i + 1,
    number: t.number,
    title: t.title,
    unitName: unitName(dir, t.unitId),
    presenterName: personName(dir, t.presenterId),
    attendUnitNames: parseIds(t.attendUnitIds).map((u) => unitName(dir, u)),
    materialNames: parseMaterials(t.materials).map((m) => m.name),
    minutes: t.estimatedMinutes,
    start: slots[i]!.start,
    end: slots[i]!.end,
    status: t.status as TopicStatus,
    statusLabel: TOPIC_STATUS_LABEL[t.status as TopicStatus] ?? '其他状态',
    outcomeLabel: t.outcome ? (TOPIC_OUTCOME_LABEL[t.outcome as TopicOutcome] ?? '') : '',
    postponedCount: t.postponedCount,
  }));
}

export function meetingView(m: MeetingRow, type: MeetingTypeRow | null, topics: readonly TopicRow[], dir: Directory): MeetingView {
  const lines = agendaLines(m.startsAt, topics, dir);
  const fixedUnitNames = parseIds(type?.fixedUnitIds ?? '[]').map((u) => unitName(dir, u));
  const attendUnitNames = [...new Set([...fixedUnitNames, ...lines.flatMap((l) => l.attendUnitNames)])];
  return {
    id: m.id,
    version: m.version,
    number: m.number,
    typeName: type?.name ?? '（会议类型已删除）',
    typeCode: type?.code ?? '',
    startsAt: m.startsAt,
    place: m.place,
    status: m.status as MeetingStatus,
    statusLabel: MEETING_STATUS_LABEL[m.status as MeetingStatus] ?? '其他状态',
    attendUnitNames,
    fixedUnitNames,
    presidingName: personName(dir, type?.presidingId ?? ''),
    lines,
    reminderDate: m.reminderDate,
    hasGroup: !!type?.chatId,
  };
}
