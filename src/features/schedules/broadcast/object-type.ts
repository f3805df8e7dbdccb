import { defineObjectType } from '../../../platform/objects.js';
import { clearBroadcastTables } from './repositories/day.js';
import { DAY_OBJECT } from './use-cases/day-view.js';

/** A day's morning cards (their claims per group) and the 值班表, as the platform's registry knows them (demo:reset). */
defineObjectType({
  type: DAY_OBJECT,
  label: '今日领导日程推送',
  actions: {},
  clear: clearBroadcastTables,
});
