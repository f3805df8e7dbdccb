import type { Directory } from '../org/index.js';
import { unitNameOf } from '../org/index.js';
import type { TopicStatus } from './machine.js';
import { TOPIC_STATUS_LABEL } from './machine.js';
import { parseIds, parseMaterials, type LegalBasis, type LegalOutcome, type Material, type TopicOutcome, type ConsentStatus } from './domain/topic-fields.js';
import type { TopicSubject } from './policy.js';
import type { MeetingTypeRow } from './repositories/meeting-types.js';
import type { TopicRow } from './repositories/topics.js';

/**
 * A topic as every card and query reads it: ids resolved to names once, JSON columns parsed. Built by
 * `topicView` from the row, its meeting type and the directory; presenters take nothing else.
 */
export interface TopicView {
  id: string;
  number: string;
  version: number;
  revision: number;
  title: string;
  status: TopicStatus;
  statusLabel: string;
  unitId: string;
  unitName: string;
  submitterId: string;
  submitterName: string;
  presenterId: string;
  presenterName: string;
  leaderId: string;
  leaderName: string;
  meetingTypeId: string;
  meetingTypeName: string;
  /** The type's presiding leader (临时议题 consent), "" when not configured. */
  presidingId: string;
  presidingName: string;
  materials: Material[];
  /** This topic's 列席 units (the type's fixed ones are the meeting's, not listed here). */
  attendUnits: { id: string; name: string }[];
  consulted: boolean;
  consultedWith: string;
  needsLegalReview: boolean;
  legalBasis: LegalBasis | '';
  legalOutcome: LegalOutcome | '';
  legalOpinion: string;
  legalConditions: string;
  legalReviewerName: string;
  leaderOpinion: string;
  estimatedMinutes: number;
  late: boolean;
  lateReason: string;
  consentStatus: ConsentStatus;
  meetingId: string | null;
  agendaPosition: number | null;
  postponedCount: number;
  outcome: TopicOutcome | '';
  outcomeNote: string;
  submittedAt: Date;
}

const personName = (dir: Directory, id: string) => (id ? (dir.people.find((p) => p.id === id)?.name ?? '（已不在名册）') : '');

export function topicSubject(t: Pick<TopicRow, 'submitterId' | 'unitId' | 'leaderId' | 'presenterId'>): TopicSubject {
  return { submitterId: t.submitterId, unitId: t.unitId, leaderId: t.leaderId, presenterId: t.presenterId };
}

export function topicView(t: TopicRow, type: Pick<MeetingTypeRow, 'name' | 'presidingId'> | null, dir: Directory): TopicView {
  return {
    id: t.id,
    number: t.number,
    version: t.version,
    revision: t.revision,
    title: t.title,
    status: t.status as TopicStatus,
    statusLabel: TOPIC_STATUS_LABEL[t.status as TopicStatus] ?? '其他状态',
    unitId: t.unitId,
    unitName: unitNameOf(dir, t.unitId),
    submitterId: t.submitterId,
    submitterName: personName(dir, t.submitterId),
    presenterId: t.presenterId,
    presenterName: personName(dir, t.presenterId),
    leaderId: t.leaderId,
    leaderName: personName(dir, t.leaderId),
    meetingTypeId: t.meetingTypeId,
    meetingTypeName: type?.name ?? '（会议类型已删除）',
    presidingId: type?.presidingId ?? '',
    presidingName: personName(dir, type?.presidingId ?? ''),
    materials: parseMaterials(t.materials),
    attendUnits: parseIds(t.attendUnitIds).map((id) => ({ id, name: unitNameOf(dir, id) || '（已删除的单位）' })),
    consulted: t.consulted,
    consultedWith: t.consultedWith,
    needsLegalReview: t.needsLegalReview,
    legalBasis: t.legalBasis as LegalBasis | '',
    legalOutcome: t.legalOutcome as LegalOutcome | '',
    legalOpinion: t.legalOpinion,
    legalConditions: t.legalConditions,
    legalReviewerName: personName(dir, t.legalReviewerId),
    leaderOpinion: t.leaderOpinion,
    estimatedMinutes: t.estimatedMinutes,
    late: t.consentStatus !== '',
    lateReason: t.lateReason,
    consentStatus: t.consentStatus as ConsentStatus,
    meetingId: t.meetingId,
    agendaPosition: t.agendaPosition,
    postponedCount: t.postponedCount,
    outcome: t.outcome as TopicOutcome | '',
    outcomeNote: t.outcomeNote,
    submittedAt: t.submittedAt,
  };
}
