import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { ReviewSubcommand } from '../subcommands.js';
import { holdersCommand, listCommand, mineCommand } from './commands/desk.js';
import { errataCommand } from './commands/errata.js';
import { importTemplateFile, isTemplateFileName, templatesCommand } from './commands/templates.js';
import { registerReviewJobs } from './jobs/index.js';

/** The desk and reporting side of 文稿审核: who holds what, reminders, digests, summaries, 错文, chain templates. */
export function reviewOpsSubcommands(deps: FeatureDeps): ReviewSubcommand[] {
  return [holdersCommand(deps), mineCommand(deps), listCommand(deps), errataCommand(deps), templatesCommand(deps)];
}

/** Jobs: reminders in working time, the morning digest, the monthly summary. */
export function registerReviewOps(router: Router, deps: FeatureDeps): void {
  registerReviewJobs(router, deps);
}

/**
 * The chain-file import (admins, DM). It takes only files named for it (审核流程.xlsx, 文稿审核流程.csv) and
 * must be registered before the directory import, which takes any .xlsx/.csv: the router gives a file to
 * the first handler that accepts it.
 */
export function registerReviewTemplateFile(router: Router, deps: FeatureDeps): void {
  router.file({ feature: '文稿审核', accepts: (f) => isTemplateFileName(f.name) }, (ctx) => importTemplateFile(deps, ctx));
}

export { runReviewReminders } from './jobs/reminders.js';
export { runReviewerDigest } from './jobs/digest.js';
export { runMonthlySummary } from './jobs/summary.js';
