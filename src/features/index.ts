import type { Router } from '../router/router.js';
import type { FeatureDeps } from './deps.js';
import { DigestRegistry, registerDigestJob } from '../platform/digest/index.js';
import { registerHelp } from './help/index.js';
import { registerAdminJobs } from './admin/jobs.js';
import { registerAdminCommands } from './admin/commands.js';
import { registerSupervision } from './supervision/index.js';
import { registerOrg } from './org/index.js';
import { registerReviews } from './reviews/index.js';
import { registerReviewTemplateFile } from './reviews/ops/index.js';
import { registerSchedules } from './schedules/index.js';
import { registerScheduleExchangeFiles } from './schedules/exchange/index.js';
import { registerTopicMaterialFiles, registerTopics } from './topics/index.js';
import { registerBriefs } from './briefs/index.js';

/** Every feature registers its commands, card actions and jobs here; help is generated from the result. */
export function registerFeatures(router: Router, given: FeatureDeps): void {
  // 今日汇要: each feature contributes its section of the morning card to one registry, sent by one job.
  const deps: FeatureDeps = given.digest ? given : { ...given, digest: new DigestRegistry() };
  registerHelp(router);
  // Before the directory's .xlsx handler: a weekly schedule file is told apart by its name.
  registerScheduleExchangeFiles(router, deps);
  // Before 文稿审核's and the directory's: a file sent just after 议题 材料 <编号> is that topic's material.
  registerTopicMaterialFiles(router, deps);
  // Before the directory import, which takes any .xlsx/.csv: a file named 审核流程… holds review chains.
  registerReviewTemplateFile(router, deps);
  registerOrg(router, deps, { bootstrapAdmins: deps.bootstrapAdmins });
  registerSupervision(router, deps);
  registerReviews(router, deps);
  registerSchedules(router, deps);
  registerTopics(router, deps);
  registerBriefs(router, deps);
  registerAdminJobs(router, deps);
  registerAdminCommands(router, deps, deps.jobs);
  if (deps.digest) registerDigestJob(router, deps, deps.digest, deps.settings.digest);
}
