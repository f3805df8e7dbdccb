import { defineObjectType } from '../../platform/objects.js';
import { STATUS_LABEL } from './domain/entry.js';
import { clearEntryTables } from './repositories/entries.js';

export const ENTRY_TYPE = 'schedule_entry';

/** 领导日程 entries as the platform's registry knows them (the audit panel's words, demo:reset). */
defineObjectType({
  type: ENTRY_TYPE,
  label: '领导日程',
  actions: { created: '新增', updated: '修改', confirmed: '确定', cancelled: '取消', imported: '导入', reminded: '活动提醒' },
  statuses: STATUS_LABEL,
  clear: clearEntryTables,
});
