import { hostname } from 'node:os';
import type { PrismaClient } from '../../db/client.js';
import { isUniqueViolation } from '../../db/receipts.js';
import type { Logger } from '../../logger.js';
import type { JobSpec } from '../../router/router.js';
import type { OfficeTime } from '../calendar/working-time.js';
import { beijingDate, beijingMinute, type IsoDate } from '../time.js';
import { floorToMinute, matches, parseCron, previousOccurrence, type CronSchedule } from './cron.js';

export type RunOutcome = 'ran' | 'failed' | 'skipped' | 'claimed_elsewhere';

const MINUTE = 60_000;

/** How late a live tick may run a job that has no catch-up window (beyond this, as if the bot was down). */
export const LIVE_GRACE_MINUTES = 15;

/**
 * How long a 'running' claim is honoured without being finished. A process killed mid-run leaves its
 * claim 'running' for good; past this lease the start-up catch-up takes the period over (no job runs
 * anywhere near this long: the longest, an export, takes seconds).
 */
export const RUN_LEASE_MS = 30 * 60_000;

export interface SchedulerDeps {
  prisma: PrismaClient;
  jobs: readonly JobSpec[];
  /** Runs a job's handler (the router gives it its context). */
  run: (job: JobSpec, firedAt: Date) => Promise<void>;
  isWorkingDay: (date: IsoDate) => boolean;
  /** The office's calendar and hours as they stand now; required when a job is `officeHoursOnly`. */
  officeTime?: () => OfficeTime;
  log: Logger;
  instanceId?: string;
  /** Physical time for claim leases (default Date.now; the office clock may be moved by time travel). */
  physicalNow?: () => number;
  /** Overrides RUN_LEASE_MS (tests). */
  leaseMs?: number;
}

/**
 * Runs each job once per period across all instances: the run is claimed by inserting (job, period)
 * under a unique key before the handler starts. A restart in the same period finds the claim; a
 * period missed while no instance was up is caught up on start within the job's own window.
 */
export class Scheduler {
  private readonly schedules = new Map<string, CronSchedule>();
  private readonly instanceId: string;
  /** Job runs in hand (ticks, catch-up, manual, time travel): shutdown waits for them before closing the database. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly deps: SchedulerDeps) {
    for (const job of deps.jobs) this.schedules.set(job.name, parseCron(job.cron));
    const needsHours = deps.jobs.find((j) => j.officeHoursOnly);
    if (needsHours && !deps.officeTime) throw new Error(`job ${needsHours.name} is officeHoursOnly: the scheduler needs officeTime`);
    this.instanceId = deps.instanceId ?? `${hostname()}:${process.pid}`;
  }

  /** No new run starts after this (shutdown); runs already started finish, see idle(). */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every job run started so far has finished and recorded its outcome. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  job(name: string): JobSpec | undefined {
    return this.deps.jobs.find((j) => j.name === name);
  }

  /** A scheduled tick: run `job` for the period of `scheduledAt` unless some instance already has. */
  fire(job: JobSpec, scheduledAt: Date): Promise<RunOutcome> {
    return this.track(this.fireNow(job, scheduledAt));
  }

  private async fireNow(job: JobSpec, scheduledAt: Date): Promise<RunOutcome> {
    const period = beijingMinute(floorToMinute(scheduledAt));
    if (this.closed) return 'claimed_elsewhere';
    if (job.workingDaysOnly && !this.deps.isWorkingDay(beijingDate(scheduledAt))) {
      // Recorded so the day is not "caught up" later; a holiday run simply does not happen.
      return (await this.claim(job.name, period, 'skipped')) ? 'skipped' : 'claimed_elsewhere';
    }
    if (!(await this.claim(job.name, period, 'running'))) return 'claimed_elsewhere';
    return this.execute(job, period, scheduledAt);
  }

  /** An admin's 任务 执行: always runs, recorded under its own period. */
  runManually(name: string, now: Date): Promise<RunOutcome> {
    return this.track(this.runManuallyNow(name, now));
  }

  private async runManuallyNow(name: string, now: Date): Promise<RunOutcome> {
    const job = this.job(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const period = `manual:${now.toISOString()}`;
    if (this.closed) return 'claimed_elsewhere';
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
      if (this.closed) break; // shutting down: the jobs not reached yet are caught up at the next start
      outcomes[job.name] = options.catchUpOnly && window <= 0 ? 'not_due' : await this.runLatestDue(job, now, window, options.catchUpOnly === true);
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

  /**
   * The latest scheduled minute of `job` within `window` minutes before `now`, unless already run. At
   * start-up (`takeOver`), a claim still 'running' past its lease is a run whose process died: taken over.
   */
  private runLatestDue(job: JobSpec, now: Date, window: number, takeOver = false): Promise<RunOutcome | 'not_due'> {
    return this.track(this.runLatestDueNow(job, now, window, takeOver));
  }

  private async runLatestDueNow(job: JobSpec, now: Date, window: number, takeOver: boolean): Promise<RunOutcome | 'not_due'> {
    if (this.closed) return 'not_due';
    const due = job.officeHoursOnly ? this.dueInOfficeHours(job, now, window) : previousOccurrence(this.schedules.get(job.name)!, now, window);
    if (!due) return 'not_due';
    const period = beijingMinute(due);
    const existing = await this.deps.prisma.jobRun.findUnique({ where: { job_period: { job: job.name, period } } });
    if (!existing) return job.pending && !(await job.pending(due)) ? 'not_due' : this.fire(job, due);
    if (!takeOver || existing.status !== 'running' || this.closed) return 'not_due';
    const physicalNow = this.deps.physicalNow?.() ?? Date.now();
    if (existing.startedAt.getTime() > physicalNow - (this.deps.leaseMs ?? RUN_LEASE_MS)) return 'not_due';
    // Compare-and-set on the stale claim as read, renewing its lease in the same statement: of several
    // instances starting at once, one takes it, and the others then read a live claim. One UPDATE
    // statement (Prisma's updateMany reads first, and two SQLite writers doing that deadlock).
    const taken = await this.deps.prisma.$executeRaw`UPDATE "JobRun" SET "instance" = ${this.instanceId}, "startedAt" = ${new Date(physicalNow)}
      WHERE "id" = ${existing.id} AND "status" = 'running' AND "instance" = ${existing.instance} AND "startedAt" = ${existing.startedAt}`;
    if (taken !== 1) return 'claimed_elsewhere';
    this.deps.log.warn({ job: job.name, period, previous: existing.instance }, 'job run left running past its lease; running it again');
    return this.execute(job, period, due);
  }

  /**
   * For a job that sends to people: nothing while the office is closed (the period stays unclaimed, so
   * a later tick can still run it), and inside office hours the latest scheduled minute that is at most
   * `window` working minutes ago. Counting working minutes is what keeps a 09:30 通报 missed until the
   * lunch break due at 14:30, and a Saturday run due on Monday at 08:30: closed time does not use up
   * the window. A `workingDaysOnly` job's period on a day off is recorded as skipped on time, as
   * before, and passed over by a later catch-up.
   */
  private dueInOfficeHours(job: JobSpec, now: Date, window: number): Date | undefined {
    const office = this.deps.officeTime!();
    const at = floorToMinute(now);
    if (office.nextWorkingInstant(at).getTime() !== at.getTime()) {
      // A working-days job's period on a day off is still recorded as skipped on time: it sends nothing.
      const onTime = previousOccurrence(this.schedules.get(job.name)!, at, window);
      return onTime && job.workingDaysOnly && !this.deps.isWorkingDay(beijingDate(onTime)) ? onTime : undefined;
    }
    // Look back to the end of the working period before the window's start: every minute from there on
    // is at most `window` working minutes before now (the closed stretch in between counts as none).
    const windowStart = office.add('working', at, -window);
    const earliest = office.add('working', windowStart, -1).getTime() + MINUTE;
    // The latest period that would run: a working-days job's periods on days off were skipped on time
    // (or never mattered), so they are passed over rather than recorded again as caught up.
    let due = previousOccurrence(this.schedules.get(job.name)!, at, Math.floor((at.getTime() - earliest) / MINUTE));
    while (due && job.workingDaysOnly && !this.deps.isWorkingDay(beijingDate(due))) {
      const before = new Date(due.getTime() - MINUTE);
      due =
        before.getTime() < earliest ? undefined : previousOccurrence(this.schedules.get(job.name)!, before, Math.floor((before.getTime() - earliest) / MINUTE));
    }
    return due && office.between('working', due, at) <= window ? due : undefined;
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

  /** Counts `run` (a claim and its run) in hand until it settles. */
  private track<T>(run: Promise<T>): Promise<T> {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
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
