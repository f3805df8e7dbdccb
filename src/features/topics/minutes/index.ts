import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { NO_WORDS, type CommandWords } from '../subcommands.js';

/**
 * 议定事项与纪要 (t14-minutes): outcomes and decisions, the 纪要 due in 3 working days (the ladder chase),
 * the .docx, the review chain → 签发 → 印发, decisions → 督查督办 items (supervision's index.ts), 落实情况
 * and 全部落实. Card actions are keyed `minutes.*`, jobs `minutes.*`.
 */
export function minutesWords(_deps: FeatureDeps): CommandWords {
  return NO_WORDS;
}

/** The part's card actions and jobs. */
export function registerMinutesParts(_router: Router, _deps: FeatureDeps): void {}
