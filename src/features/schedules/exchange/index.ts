import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { ScheduleSubcommand } from '../subcommands.js';

/** Tables in and out of 领导日程: the weekly .xlsx import, a pasted week table, exports, Feishu calendar sync. */
export function scheduleExchangeSubcommands(_deps: FeatureDeps): ScheduleSubcommand[] {
  return [];
}

/** File handlers, jobs and card actions of the exchange side. */
export function registerScheduleExchange(_router: Router, _deps: FeatureDeps): void {}
