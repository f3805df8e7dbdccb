import type { Router } from '../router/router.js';
import type { FeatureDeps } from './deps.js';
import { registerHelp } from './help/index.js';
import { registerAdminJobs } from './admin/jobs.js';
import { registerAdminCommands } from './admin/commands.js';
import { registerSupervision } from './supervision/index.js';
import { registerOrg } from './org/index.js';
import { registerReviewOps, reviewOpsSubcommands } from './reviews/ops/index.js';
import { badInput } from '../errors.js';

/** Every feature registers its commands, card actions and jobs here; help is generated from the result. */
export function registerFeatures(router: Router, deps: FeatureDeps): void {
  registerHelp(router);
  // reviews-ops worktree only, until reviews-core's registerReviews (commands.ts) lands: the desk's jobs and
  // the chain-file import (before the directory import, which takes any .xlsx/.csv), and a minimal 审核
  // dispatcher over the desk's subcommands.
  registerReviewOps(router, deps);
  const subcommands = reviewOpsSubcommands(deps);
  router.command({ names: ['审核', 'review'], feature: '文稿审核', usage: '审核 <卡在谁那|我的|列表|错文|流程>', summary: '文稿审核' }, async (ctx) => {
    const [word, ...rest] = ctx.command.argv;
    const sub = subcommands.find((s) => word !== undefined && s.words.includes(word));
    if (!sub) throw badInput(`可用：${subcommands.map((s) => s.usage).join('；')}`);
    await sub.run(ctx, rest);
  });
  registerOrg(router, deps, { bootstrapAdmins: deps.bootstrapAdmins });
  registerSupervision(router, deps);
  registerAdminJobs(router, deps);
  registerAdminCommands(router, deps, deps.jobs);
}
