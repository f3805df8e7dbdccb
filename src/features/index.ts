import type { Router } from '../router/router.js';
import type { FeatureDeps } from './deps.js';
import { registerHelp } from './help/index.js';
import { registerAdminJobs } from './admin/jobs.js';
import { registerAdminCommands } from './admin/commands.js';
import { registerSupervision } from './supervision/index.js';
import { registerOrg } from './org/index.js';
import { registerSchedules } from './schedules/index.js';

/** Every feature registers its commands, card actions and jobs here; help is generated from the result. */
export function registerFeatures(router: Router, deps: FeatureDeps): void {
  registerHelp(router);
  registerOrg(router, deps, { bootstrapAdmins: deps.bootstrapAdmins });
  registerSupervision(router, deps);
  registerSchedules(router, deps);
  registerAdminJobs(router, deps);
  registerAdminCommands(router, deps, deps.jobs);
}
