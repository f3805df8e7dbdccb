import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { ScheduleSubcommand } from '../subcommands.js';
import { registerPreviewActions } from './actions.js';
import { dutySubcommands } from './duty.js';
import { registerScheduleJobs } from './jobs.js';
import { scheduleDigestSection } from './digest-section.js';
import { keepsSeparate } from '../../../platform/digest/index.js';
import './object-type.js';
import { registerAwayChangeListener, registerEntryChangeListener } from '../changes.js';
import { announceAwayChange, announceEntryChange } from './use-cases/changes.js';
import { recheckAfterChange } from './use-cases/after-commit.js';

/** The day's side of 领导日程: evening preview, morning broadcast, changes after it, reminders, 值班. */
export function scheduleBroadcastSubcommands(deps: FeatureDeps): ScheduleSubcommand[] {
  return dutySubcommands(deps);
}

const registered = new WeakSet<Router>();
/** The app whose change listener runs: the latest registered (tests start many apps in one process). */
let current: FeatureDeps | undefined;
let currentRouter: Router | undefined;
let listening = false;

/**
 * Jobs and card actions of the broadcast side. Once per router: both the 日程 feature's index and the
 * features' list may call it while the two branches meet, and a job or action registered twice throws.
 */
export function registerScheduleBroadcast(router: Router, deps: FeatureDeps): void {
  if (registered.has(router)) return;
  registered.add(router);
  registerScheduleJobs(router, deps);
  if (!keepsSeparate(deps.settings.digest, 'schedules')) deps.digest?.contribute('schedules', scheduleDigestSection(deps));
  registerPreviewActions(router, deps);
  current = deps;
  currentRouter = router;
  if (listening) return;
  listening = true;
  // sched-core's listeners are process-wide; one listener, pointed at the live app, so a stopped app's
  // deps (a closed database, a stopped fake) never handle a change.
  registerEntryChangeListener(async (change, tx) => {
    if (!current) return;
    const deps = current;
    await announceEntryChange(deps, { before: change.before, after: change.after }, change.at, tx);
    kickSoon(deps);
    afterCommit(deps, () => recheckAfterChange(deps, { before: change.before, after: change.after }, change.at));
  });
  registerAwayChangeListener(async (change, tx) => {
    if (!current) return;
    await announceAwayChange(current, change, change.at, tx);
    kickSoon(current);
  });
}

const checking = new Set<Promise<unknown>>();

/**
 * Work that must wait for the change's transaction to end (it asks Lark): started now, it waits for the
 * day's turn the change holds. Logged if it fails; `afterChangesChecked` lets tests and shutdown wait.
 */
function afterCommit(deps: FeatureDeps, work: () => Promise<unknown>): void {
  const p = work()
    .then(() => deps.outbox.kick())
    .catch((err: unknown) => deps.log.error({ err }, 'schedules: the check after a change failed'));
  checking.add(p);
  currentRouter?.trackWork(p);
  void p.finally(() => checking.delete(p));
}

/** Resolves when every check after a change started so far has finished. */
export async function afterChangesChecked(): Promise<void> {
  while (checking.size) await Promise.allSettled([...checking]);
}

/** The change commits after its listener returns: kick now, and once more shortly after, when it has. */
function kickSoon(deps: FeatureDeps): void {
  deps.outbox.kick();
  setTimeout(() => deps.outbox.kick(), 100).unref();
}

export { announceAwayChange, announceEntryChange, type DayChange } from './use-cases/changes.js';
export { runBroadcast, type BroadcastOutcome } from './use-cases/broadcast.js';
export { BROADCAST_JOB, PREVIEW_JOB, REMIND_JOB } from './jobs.js';
