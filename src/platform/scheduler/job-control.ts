import type { JobSpec } from '../../router/router.js';
import type { RunOutcome, Scheduler } from './scheduler.js';

/**
 * What admin commands may do with scheduled jobs. The scheduler is built after the features have
 * registered their jobs, so commands get this handle first and the scheduler is attached to it later.
 */
export class JobControl {
  private scheduler?: Scheduler;

  attach(scheduler: Scheduler): void {
    this.scheduler = scheduler;
  }

  private get s(): Scheduler {
    if (!this.scheduler) throw new Error('scheduler not attached yet');
    return this.scheduler;
  }

  job(name: string): JobSpec | undefined {
    return this.s.job(name);
  }

  lastRuns(): ReturnType<Scheduler['lastRuns']> {
    return this.s.lastRuns();
  }

  runManually(name: string, now: Date): Promise<RunOutcome> {
    return this.s.runManually(name, now);
  }
}
