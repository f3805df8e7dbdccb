import { defineSeries } from '../../platform/numbering.js';
import { defineObjectType } from '../../platform/objects.js';
import { ACTION_LABEL, STATUS_LABEL } from './domain/states.js';
import { clearSupervisionTables, findItemByNumber, writeTimeline } from './repository.js';

/** 督〔2026〕15号: the ledger number people quote (counted per year, in the counter `supervision:<year>`). */
export const ITEM_SERIES = defineSeries({ key: 'supervision', prefix: '督', withYear: true, suffix: '号' });

export const ITEM_TYPE = 'supervision_item';

/** 督办事项 and the ledger export, as the platform's registry knows them (记录, the audit panel, demo:reset). */
defineObjectType({
  type: ITEM_TYPE,
  label: '督办事项',
  series: ITEM_SERIES,
  find: async (db, n) => {
    const item = await findItemByNumber(db, n.year, n.seq);
    return item && { auditId: item.number, subject: { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId } };
  },
  viewPolicy: 'supervision.view',
  actions: {
    ...ACTION_LABEL,
    create: '立项',
    follow_up: '答复回访',
    request_follow_up: '发起回访',
    remind: '催办提醒',
    escalate: '升级督办',
  },
  statuses: STATUS_LABEL,
  timeline: writeTimeline,
  clear: clearSupervisionTables,
});

defineObjectType({ type: 'supervision_ledger', label: '督办台账', actions: { export: '导出台账' } });
