import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { registerScheduleBroadcast } from './broadcast/index.js';
import { registerScheduleExchange } from './exchange/index.js';
import { registerScheduleActions } from './actions.js';
import { registerScheduleCommands } from './commands.js';
import './object-type.js';
import './policy.js';

/** 领导日程: entries kept by secretaries, queries, and (beside) the broadcast and the exchange sides. */
export function registerSchedules(router: Router, deps: FeatureDeps): void {
  registerScheduleCommands(router, deps);
  registerScheduleActions(router, deps);
  registerScheduleBroadcast(router, deps);
  registerScheduleExchange(router, deps);
}

// What the broadcast and exchange sides use (one definition, not three).
export * from './domain/entry.js';
export { visibleDay, visibleEntry, visibleText, PRIVATE_PLACEHOLDER, type Audience, type VisibleEntry } from './domain/visibility.js';
export { findConflicts, overlaps, samePlace, type Conflict, type ConflictKind } from './domain/conflicts.js';
export { understandEntry, type RawEntry, type Understood, type UnderstoodFields } from './domain/input.js';
export { findEntry, entriesOfDay, entriesBetween, changesOf, type Db } from './repositories/entries.js';
export { awaysBetween, type Away } from './repositories/aways.js';
export { createEntryWithHistory, updateEntryWithHistory, staleEntry } from './use-cases/save-entry.js';
export { registerEntryChangeListener, type EntryChange, type EntryChangeKind, type EntryChangeListener } from './changes.js';
export { mayKeep, keptLeaders, isKeeperOrLeader, isSecretariat } from './policy.js';
export { scheduleActor, SECRETARIAT_UNIT } from './use-cases/directory.js';
export { isInternalGroup } from './use-cases/audience.js';
/** 值班表 of one day (带班领导 and 值班人员 as written), for features that reach the duty leaders (政务信息 急情要事). */
export { rosterOn as dutyRosterOn } from './broadcast/repositories/day.js';
