import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { ReviewSubcommand } from '../subcommands.js';

/** The desk and reporting side of 文稿审核: who holds what, reminders, digests, summaries, 错文, chain templates. */
export function reviewOpsSubcommands(_deps: FeatureDeps): ReviewSubcommand[] {
  return [];
}

/** Jobs and card actions of the desk side (reminders, digest, monthly summary). */
export function registerReviewOps(_router: Router, _deps: FeatureDeps): void {}
