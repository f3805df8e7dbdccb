import { sql, type Sql } from '../../db/sql.js';
import type { Router } from '../../router/router.js';
import { beijingMinute } from '../time.js';
import type { Timers } from './timers.js';

export const TIMERS_JOB = 'timers.fire';

const DAY = 86_400_000;

/**
 * The one per-minute job that fires due timers. The scheduler's (job, minute) claim runs it once per
 * minute across instances, and each timer's own claim keeps a timer from firing twice even when two
 * runs overlap. No catch-up window is needed: every run fires everything overdue, so the first minute
 * after a restart catches up what fell due while the bot was down.
 */
export function registerTimerJob(router: Router, timers: Timers, db: Sql): void {
  router.job({
    name: TIMERS_JOB,
    label: '定时事项',
    description: '到时办理定时事项（如审核时限、报送截止），每分钟检查一次',
    cron: '* * * * *',
    // Runs (and claims a run row) only in minutes where a timer is due, live or in time travel.
    pending: (at) => timers.hasDue(at),
    handler: async ({ firedAt, log }) => {
      const outcome = await timers.fireDue(firedAt);
      if (outcome.fired || outcome.retrying || outcome.failed) log.info(outcome, 'timers fired');
      // Busy days may claim a run row every minute: rows older than a day are of no use to the scheduler
      // (no window reaches that far back) and would only bury the other jobs' history.
      await db.run(sql`DELETE FROM "JobRun" WHERE "job" = ${TIMERS_JOB} AND "period" < ${beijingMinute(new Date(firedAt.getTime() - DAY))}`);
    },
  });
}
