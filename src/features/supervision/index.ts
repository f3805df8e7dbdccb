import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { registerSupervisionActions } from './actions.js';
import { registerSupervisionCommands } from './commands.js';
import { registerSupervisionJobs } from './jobs/index.js';
import './object-type.js';
import './policy.js';

/** 督查督办: the ledger that chases itself. */
export function registerSupervision(router: Router, deps: FeatureDeps): void {
  registerSupervisionCommands(router, deps);
  registerSupervisionActions(router, deps);
  registerSupervisionJobs(router, deps);
}

// For other features: an item from their act (a 纪要's 议定事项 on 签发) and its state (落实情况).
export { createItemFromSource, readItemStates, type ItemSource, type ItemState } from './use-cases/create-from-source.js';
