import { hostname } from 'node:os';
import type { PrismaClient } from '../../db/client.js';
import { isUniqueViolation } from '../../db/receipts.js';
import type { Logger } from '../../logger.js';
import type { JobSpec } from '../../router/router.js';
import { beijingDate, beijingMinute, type IsoDate } from '../time.js';
import { floorToMinute, matches, parseCron, previousOccurrence, type CronSchedule } from './cron.js';

export type RunOutcome = 'ran' | 'failed' | 'skipped' | 'claimed_elsewhere';

const MINUTE = 60_000;

/** How late a live tick may run a job that has no catch-up window (beyond this, as if the bot was down). */
export const LIVE_GRACE_MINUTES = 15;

export interface SchedulerDeps {
  prisma: PrismaClient;
  jobs: readonly JobSpec[];
  /** Runs a job's handler (the router gives it its context). */
  run: (job: JobSpec, firedAt: Date) => Promise<void>;
  isWorkingDay: (date: IsoDate) => boolean;
  log: Logger;
  instanceId?: string;
}

/**
 * Runs each job once per period across all instances: the run is claimed by inserting (job, period)
 * under a unique key before the handler starts. A restart in the same period finds the claim; a
 * period missed while no instance was up is caught up on start within the job's own window.
 */
export class Scheduler {
  private readonly schedules = new Map<string, CronSchedule>();
  private readonly instanceId: string;

  constructor(private readonly deps: SchedulerDeps) {
    for (const job of deps.jobs) this.schedules.set(job.name, parseCron(job.cron));
    this.instanceId = deps.instanceId ?? `${hostname()}:${process.pid}`;
  }

  job(name: string): JobSpec | undefined {
    return this.deps.jobs.find((j) => j.name === name);
  }

  /** A scheduled tick: run `job` for the period of `scheduledAt` unless some instance already has. */
  async fire(job: JobSpec, scheduledAt: Date): Promise<RunOutcome> {
    const period = beijingMinute(floorToMinute(scheduledAt));
    if (job.workingDaysOnly && !this.deps.isWorkingDay(beijingDate(scheduledAt))) {
      // Recorded so the day is not "caught up" later; a holiday run simply does not happen.
      return (await this.claim(job.name, period, 'skipped')) ? 'skipped' : 'claimed_elsewhere';
    }
    if (!(await this.claim(job.name, period, 'running'))) return 'claimed_elsewhere';
    return this.execute(job, period, scheduledAt);
  }

  /** An admin's 任务 执行: always runs, recorded under its own period. */
  async runManually(name: string, now: Date): Promise<RunOutcome> {
    const job = this.job(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const period = `manual:${now.toISOString()}`;
    if (!(await this.claim(name, period, 'running'))) return 'claimed_elsewhere';
    return this.execute(job, period, now);
  }

  /**
   * Runs, for every job, the latest period due at `now` that no instance has run yet, if it falls in the
   * job's catch-up window (the current minute always counts). Used at start (catch-up) and by a moved
   * clock (tests, local-mode time travel). Jobs run one after another, in registration order.
   */
  async runDue(now: Date, options: { catchUpOnly?: boolean } = {}): Promise<Record<string, RunOutcome | 'not_due'>> {
    const outcomes: Record<string, RunOutcome | 'not_due'> = {};
    for (const job of this.deps.jobs) {
      const window = job.catchUpWithinMinutes ?? 0;
      outcomes[job.name] = options.catchUpOnly && window <= 0 ? 'not_due' : await this.runLatestDue(job, now, window);
    }
    return outcomes;
  }

  /**
   * A live tick of the running bot, on time or late (a blocked event loop, a busy machine): every job
   * runs its latest unrun period since the previous tick this process handled (`previousTick`), or
   * within its catch-up window if that reaches further back. A late tick is a live process running
   * late, not one that was down, so a job without a catch-up window still runs the minute it was due —
   * up to LIVE_GRACE_MINUTES late. Jobs run side by side, as independent ticks would; the (job, period)
   * claim keeps a period from running twice whichever ticks overlap.
   */
  async tick(now: Date, previousTick: Date): Promise<Record<string, RunOutcome | 'not_due'>> {
    const sinceMinutes = Math.floor(now.getTime() / MINUTE) - Math.floor(previousTick.getTime() / MINUTE) - 1;
    const live = Math.min(Math.max(sinceMinutes, 0), LIVE_GRACE_MINUTES);
    const outcomes = await Promise.all(
      this.deps.jobs.map(async (job) => [job.name, await this.runLatestDue(job, now, Math.max(job.catchUpWithinMinutes ?? 0, live))] as const),
    );
    return Object.fromEntries(outcomes);
  }

  /** The latest scheduled minute of `job` within `window` minutes before `now`, unless already run. */
  private async runLatestDue(job: JobSpec, now: Date, window: number): Promise<RunOutcome | 'not_due'> {
    const due = previousOccurrence(this.schedules.get(job.name)!, now, window);
    if (!due) return 'not_due';
    const existing = await this.deps.prisma.jobRun.findUnique({ where: { job_period: { job: job.name, period: beijingMinute(due) } } });
    if (existing || (job.pending && !(await job.pending(due)))) return 'not_due';
    return this.fire(job, due);
  }

  /**
   * Time travel: every scheduled minute of every job in (from, to], in time order, each fired with the
   * clock first moved to it, as if the bot had been running all along. Bounded to 31 days.
   */
  async runBetween(from: Date, to: Date, moveClock: (at: Date) => void): Promise<{ job: string; at: Date; outcome: RunOutcome }[]> {
    const end = Math.min(to.getTime(), from.getTime() + 31 * 86_400_000);
    const due: { job: JobSpec; at: Date }[] = [];
    for (let t = floorToMinute(from).getTime() + 60_000; t <= end; t += 60_000) {
      const at = new Date(t);
      for (const job of this.deps.jobs) if (matches(this.schedules.get(job.name)!, at)) due.push({ job, at });
    }
    const ran: { job: string; at: Date; outcome: RunOutcome }[] = [];
    for (const { job, at } of due) {
      if (job.pending && !(await job.pending(at))) continue;
      moveClock(at);
      ran.push({ job: job.name, at, outcome: await this.fire(job, at) });
    }
    moveClock(new Date(end));
    return ran;
  }

  async lastRuns(): Promise<Map<string, { period: string; status: string; finishedAt: Date | null }>> {
    // Per job: a per-minute job's rows (timers.fire) would otherwise push the daily jobs out of any window.
    const last = new Map<string, { period: string; status: string; finishedAt: Date | null }>();
    for (const job of this.deps.jobs) {
      const r = await this.deps.prisma.jobRun.findFirst({ where: { job: job.name }, orderBy: { startedAt: 'desc' } });
      if (r) last.set(r.job, { period: r.period, status: r.status, finishedAt: r.finishedAt });
    }
    return last;
  }

  private async claim(job: string, period: string, status: string): Promise<boolean> {
    try {
      await this.deps.prisma.jobRun.create({ data: { job, period, status, instance: this.instanceId } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  private async execute(job: JobSpec, period: string, firedAt: Date): Promise<RunOutcome> {
    const log = this.deps.log.child({ job: job.name, period });
    try {
      await this.deps.run(job, firedAt);
      await this.finish(job.name, period, 'done', '');
      log.info('job done');
      return 'ran';
    } catch (err) {
      log.error({ err }, 'job failed');
      await this.finish(job.name, period, 'failed', err instanceof Error ? err.message : String(err));
      return 'failed';
    }
  }

  private async finish(job: string, period: string, status: string, error: string): Promise<void> {
    await this.deps.prisma.jobRun.update({
      where: { job_period: { job, period } },
      data: { status, error: error.slice(0, 1000), finishedAt: new Date() },
    });
  }
}
