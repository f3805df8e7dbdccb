import { defineSeries } from '../../platform/numbering.js';
import { defineObjectType } from '../../platform/objects.js';
import { ISSUE_ACTION_LABEL, ISSUE_STATE_LABEL, ITEM_ACTION_LABEL, ITEM_STATE_LABEL, NOTE_ACTION_LABEL, NOTE_STATE_LABEL } from './domain/states.js';
import { clearBriefTables, timelineWriter } from './repositories/events.js';
import { findIssueByNumber } from './repositories/issues.js';
import { findNoteByNumber } from './repositories/notes.js';

/** 信〔2026〕37号: the number a note is quoted by (counted per year, in the counter `briefs.note:<year>`). */
export const NOTE_SERIES = defineSeries({ key: 'briefs.note', prefix: '信', withYear: true, suffix: '号' });

/** 第12期: an issue of the periodical, counted per year (`briefs.issue:<year>`); the year is on the 报头. */
export const ISSUE_SERIES = defineSeries({ key: 'briefs.issue', prefix: '第', withYear: false, yearly: true, suffix: '期' });

export const NOTE_TYPE = 'info_note';
export const ITEM_TYPE = 'info_item';
export const ISSUE_TYPE = 'info_issue';

defineObjectType({
  type: NOTE_TYPE,
  label: '政务信息报送',
  series: NOTE_SERIES,
  find: async (db, n) => {
    const note = await findNoteByNumber(db, n.year, n.seq);
    return note ? { auditId: note.number, subject: { reporterId: note.reporterId, unitId: note.unitId } } : null;
  },
  viewPolicy: 'briefs.view_note',
  actions: NOTE_ACTION_LABEL,
  statuses: NOTE_STATE_LABEL,
  timeline: timelineWriter(NOTE_TYPE),
  // One clear for the feature's tables (children first); the other two types have none of their own.
  clear: clearBriefTables,
});

defineObjectType({
  type: ITEM_TYPE,
  label: '政务信息条目',
  actions: ITEM_ACTION_LABEL,
  statuses: ITEM_STATE_LABEL,
  timeline: timelineWriter(ITEM_TYPE),
});

defineObjectType({
  type: ISSUE_TYPE,
  label: '政务信息期刊',
  series: ISSUE_SERIES,
  find: async (db, n) => {
    const issue = await findIssueByNumber(db, n.year, n.seq);
    return issue ? { auditId: issue.number, subject: undefined } : null;
  },
  viewPolicy: 'briefs.board',
  actions: ISSUE_ACTION_LABEL,
  statuses: ISSUE_STATE_LABEL,
  timeline: timelineWriter(ISSUE_TYPE),
});
