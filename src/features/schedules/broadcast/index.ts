import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { ScheduleSubcommand } from '../subcommands.js';

/** The day's side of 领导日程: evening preview, morning broadcast, changes after it, reminders, 值班. */
export function scheduleBroadcastSubcommands(_deps: FeatureDeps): ScheduleSubcommand[] {
  return [];
}

/** Jobs and card actions of the broadcast side. */
export function registerScheduleBroadcast(_router: Router, _deps: FeatureDeps): void {}
