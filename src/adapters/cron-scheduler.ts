import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../ports/clock.js';
import { OFFICE_TIME_ZONE } from '../ports/clock.js';
import type { Logger } from '../logger.js';
import type { Scheduler } from '../platform/scheduler/scheduler.js';
import type { JobSpec } from '../router/router.js';

/** The only importer of node-cron: turns each job's cron expression (Beijing time) into live ticks. */
export function startCronTicks(scheduler: Scheduler, jobs: readonly JobSpec[], clock: Clock, log: Logger): { stop(): void } {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.cron,
      () => {
        scheduler.fire(job, clock.now()).catch((err: unknown) => log.error({ err, job: job.name }, 'scheduled run failed'));
      },
      { timezone: OFFICE_TIME_ZONE, name: job.name },
    ),
  );
  return {
    stop() {
      for (const t of tasks) void t.stop();
    },
  };
}
