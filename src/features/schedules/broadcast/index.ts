import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { ScheduleSubcommand } from '../subcommands.js';
import { registerPreviewActions } from './actions.js';
import { dutySubcommands } from './duty.js';
import { registerScheduleJobs } from './jobs.js';

/** The day's side of 领导日程: evening preview, morning broadcast, changes after it, reminders, 值班. */
export function scheduleBroadcastSubcommands(deps: FeatureDeps): ScheduleSubcommand[] {
  return dutySubcommands(deps);
}

const registered = new WeakSet<Router>();

/**
 * Jobs and card actions of the broadcast side. Once per router: both the 日程 feature's index and the
 * features' list may call it while the two branches meet, and a job or action registered twice throws.
 */
export function registerScheduleBroadcast(router: Router, deps: FeatureDeps): void {
  if (registered.has(router)) return;
  registered.add(router);
  registerScheduleJobs(router, deps);
  registerPreviewActions(router, deps);
}

export { announceEntryChange, type EntryChange } from './use-cases/changes.js';
export { runBroadcast, type BroadcastOutcome } from './use-cases/broadcast.js';
export { BROADCAST_JOB, PREVIEW_JOB, REMIND_JOB } from './jobs.js';
