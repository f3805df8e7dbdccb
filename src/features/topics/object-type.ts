import { defineSeries, type Series } from '../../platform/numbering.js';
import { defineObjectType } from '../../platform/objects.js';
import { MEETING_EVENT_LABEL, MEETING_STATUS_LABEL, TOPIC_EVENT_LABEL, TOPIC_STATUS_LABEL } from './machine.js';
import { clearTopicTables } from './repositories/clear.js';
import { writeMeetingTimeline } from './repositories/meetings.js';
import { findTopicByNumber, writeTopicTimeline } from './repositories/topics.js';

/** 议〔2026〕12号: the number a topic is quoted by (counted per year, in the counter `topics:<year>`). */
export const TOPIC_SERIES = defineSeries({ key: 'topics', prefix: '议', withYear: true, suffix: '号' });

export const TOPIC_TYPE = 'topic';
export const MEETING_TYPE = 'meeting';

/** What a meeting type's numbering needs of its row. */
export interface NumberedType {
  code: string;
  numberPrefix: string;
  numberSuffix: string;
}

/**
 * 县政府第3次常务会议: a meeting's number, per type per year (counter `meetings:<code>:<year>`); what people
 * type back (第3次, 3, 县政府第3次常务会议) parses with it.
 */
export function meetingSeries(t: NumberedType): Series {
  return defineSeries({ key: `meetings:${t.code}`, prefix: t.numberPrefix, withYear: false, yearly: true, suffix: t.numberSuffix });
}

/** 〔2026〕5号: a meeting type's 纪要 number, per type per year (counter `minutes:<code>:<year>`), given at 签发. */
export function minutesSeries(t: Pick<NumberedType, 'code'>): Series {
  return defineSeries({ key: `minutes:${t.code}`, prefix: '', withYear: true, suffix: '号' });
}

defineObjectType({
  type: TOPIC_TYPE,
  label: '会议议题',
  series: TOPIC_SERIES,
  find: async (db, n) => {
    const t = await findTopicByNumber(db, n.year, n.seq);
    if (!t) return null;
    return {
      auditId: t.number,
      subject: { submitterId: t.submitterId, unitId: t.unitId, leaderId: t.leaderId, presenterId: t.presenterId },
    };
  },
  viewPolicy: 'topics.view',
  actions: TOPIC_EVENT_LABEL,
  statuses: TOPIC_STATUS_LABEL,
  timeline: writeTopicTimeline,
  clear: clearTopicTables,
});

defineObjectType({
  type: MEETING_TYPE,
  label: '会议',
  actions: MEETING_EVENT_LABEL,
  statuses: MEETING_STATUS_LABEL,
  timeline: writeMeetingTimeline,
});

export const MEETING_TYPE_CONFIG = 'meeting_type';

defineObjectType({ type: MEETING_TYPE_CONFIG, label: '会议类型', actions: { configure: '配置会议类型' } });
