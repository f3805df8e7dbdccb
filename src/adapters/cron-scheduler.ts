import cron from 'node-cron';
import type { Clock } from '../ports/clock.js';
import { OFFICE_TIME_ZONE } from '../ports/clock.js';
import type { Logger } from '../logger.js';
import type { Scheduler } from '../platform/scheduler/scheduler.js';

export interface CronTicks {
  stop(): void;
  /** Resolves once the ticks already started have finished their runs (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * The only importer of node-cron: one tick a minute (Beijing time) that asks the scheduler for every
 * job's due run. node-cron reports a tick more than a second late (a blocked event loop, a busy
 * machine) as a "missed execution" and does not run it; that report is a tick too, so no job's period
 * is dropped. The scheduler claims each (job, period) once, so a late tick, a missed report and the
 * next tick together still run a period once.
 */
export function startCronTicks(scheduler: Pick<Scheduler, 'tick'>, clock: Clock, log: Logger): CronTicks {
  // Periods after this minute are the live ones (before it, the start-up catch-up decides).
  let previousTick = clock.now();
  const inFlight = new Set<Promise<void>>();

  const tick = (missed?: Date) => {
    const now = clock.now();
    const since = previousTick;
    previousTick = now;
    if (missed) log.warn({ missed: missed.toISOString() }, 'cron tick ran late; running the due jobs now');
    const run = scheduler
      .tick(now, since)
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err }, 'scheduled tick failed'))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  };

  const task = cron.schedule('* * * * *', () => tick(), { timezone: OFFICE_TIME_ZONE, name: 'scheduler.tick' });
  // A listener also stops node-cron printing its own console warning for the missed tick.
  task.on('execution:missed', (context) => tick(context.date));

  return {
    stop() {
      void task.stop();
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
