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
