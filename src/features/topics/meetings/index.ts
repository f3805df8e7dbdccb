import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { NO_WORDS, type CommandWords } from '../subcommands.js';

/**
 * 会议与议程 (t14-meetings): `会议 新建 …`, the pool, ordering, 列入议程 (agendaBlocker), 发布议程, the
 * day-before reminder, 顺延, and the queries `议题 列表`, `议题 <编号>`, `会议 列表`, `会议 <编号>`.
 * Card actions are keyed `meetings.*`, jobs `meetings.*`.
 */
export function meetingsWords(_deps: FeatureDeps): CommandWords {
  return NO_WORDS;
}

/** The part's card actions and jobs. */
export function registerMeetingsParts(_router: Router, _deps: FeatureDeps): void {}
