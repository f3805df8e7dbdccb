import { defineSeries } from '../../platform/numbering.js';
import { defineObjectType } from '../../platform/objects.js';
import { ACTION_LABEL, STATUS_LABEL } from './domain/states.js';
import { clearReviewTables, findDraftByNumber, stepsOf, writeTimeline } from './repositories/drafts.js';

/** 审〔2026〕37号: the number a draft is quoted by (counted per year, in the counter `reviews:<year>`). */
export const DRAFT_SERIES = defineSeries({ key: 'reviews', prefix: '审', withYear: true, suffix: '号' });

export const DRAFT_TYPE = 'review_draft';

defineObjectType({
  type: DRAFT_TYPE,
  label: '审核文稿',
  series: DRAFT_SERIES,
  find: async (db, n) => {
    const draft = await findDraftByNumber(db, n.year, n.seq);
    if (!draft) return null;
    const reviewers = (await stepsOf(db, draft.id)).map((s) => s.personId);
    return { auditId: draft.number, subject: { drafterId: draft.drafterId, unitId: draft.unitId, reviewerIds: reviewers } };
  },
  viewPolicy: 'reviews.view',
  actions: ACTION_LABEL,
  statuses: STATUS_LABEL,
  timeline: writeTimeline,
  clear: clearReviewTables,
});
