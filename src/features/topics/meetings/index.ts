import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import type { CommandWords } from '../subcommands.js';
import { registerMeetingActions } from './actions.js';
import './policy.js';
import { sendReminder } from './use-cases/remind.js';
import { REMIND_TIMER } from './use-cases/publish.js';
import { meetingsCommandWords } from './words.js';

/**
 * 会议与议程 (t14-meetings): `会议 新建 …`, the pool, ordering, 列入议程 (agendaBlocker), 发布议程, the
 * day-before reminder, 顺延, and the queries `议题 列表`, `议题 <编号>`, `会议 列表`, `会议 <编号>`.
 * Card actions are keyed `meetings.*`, the reminder timer `meetings.remind`.
 */
export function meetingsWords(deps: FeatureDeps): CommandWords {
  return meetingsCommandWords(deps);
}

/** The part's card actions and its timer handler (the day-before reminder). */
export function registerMeetingsParts(router: Router, deps: FeatureDeps): void {
  registerMeetingActions(router, deps);
  deps.timers?.on(REMIND_TIMER, async (timer, { now, log }) => {
    const outcome = await sendReminder(deps, timer, now);
    log.info({ meeting: timer.objectId, outcome }, 'meeting reminder');
  });
}
