import type { Router } from '../../../router/router.js';
import { onDraftFinalised } from '../../reviews/index.js';
import type { FeatureDeps } from '../../deps.js';
import type { CommandWords } from '../subcommands.js';
import { registerMinutesActions } from './actions.js';
import { minutesCommandWords } from './commands.js';
import { registerMinutesJobs } from './jobs.js';
import { onMinutesSigned } from './use-cases/issue.js';

/**
 * 议定事项与纪要 (t14-minutes): outcomes and decisions, the 纪要 due in 3 working days (the ladder chase),
 * the .docx, the review chain → 签发 → 印发, decisions → 督查督办 items (supervision's index.ts), 落实情况
 * and 全部落实. Card actions are keyed `minutes.*`, jobs `minutes.*`.
 */
export function minutesWords(deps: FeatureDeps): CommandWords {
  return minutesCommandWords(deps);
}

/** The part's jobs, the 会议记录 card's clicks, and the 签发 of a 纪要 draft in 文稿审核 told back to it. */
export function registerMinutesParts(router: Router, deps: FeatureDeps): void {
  onDraftFinalised('topics.minutes', (tx, draft) => onMinutesSigned(deps, tx, draft));
  registerMinutesJobs(router, deps);
  registerMinutesActions(router, deps);
}
