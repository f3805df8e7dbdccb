import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { RUN_LEASE_MS, Scheduler } from '../../src/platform/scheduler/scheduler.js';
import type { JobSpec } from '../../src/router/router.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const at = (beijing: string) => new Date(`${beijing}+08:00`);
const job = (name: string, extra: Partial<JobSpec> = {}): JobSpec => ({
  name,
  description: name,
  cron: '0 9 * * *',
  handler: async () => {},
  catchUpWithinMinutes: 120,
  ...extra,
});

describe(`scheduler on ${testProvider}: shutdown and runs left running`, () => {
  let url: string;
  let drop: () => Promise<void>;
  const dbs: Database[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl());
    const first = await openDatabase(url);
    await migrate(first);
    dbs.push(first, await openDatabase(url));
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await drop?.();
  });
  beforeEach(async () => {
    await dbs[0]!.prisma.jobRun.deleteMany();
  });

  function scheduler(db: Database, jobs: JobSpec[], run: (j: JobSpec, firedAt: Date) => Promise<void>, instanceId: string, physicalNow?: () => number) {
    return new Scheduler({ prisma: db.prisma, jobs, run, isWorkingDay: () => true, log: memoryLogger('error').log, instanceId, physicalNow });
  }

  it('idle() waits for a run in progress and close() starts no new one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    const s = scheduler(
      dbs[0]!,
      [job('slow'), job('later')],
      async () => {
        started++;
        await gate;
      },
      'a',
    );
    const catchUp = s.runDue(at('2026-11-23T09:30:00'), { catchUpOnly: true });
    while (!started) await new Promise((r) => setTimeout(r, 5));
    s.close();
    let idle = false;
    const waiting = s.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(await catchUp).toEqual({ slow: 'ran' }); // 'later' was not started after close()
    const rows = await dbs[0]!.prisma.jobRun.findMany();
    expect(rows.map((r) => [r.job, r.status])).toEqual([['slow', 'done']]);
  });

  it('start-up catch-up takes over a run left running past its lease, once across instances', async () => {
    const period = '2026-11-23T09:00';
    const stale = new Date(Date.now() - RUN_LEASE_MS - 60_000);
    await dbs[0]!.prisma.jobRun.create({ data: { job: 'chase', period, status: 'running', instance: 'killed:1', startedAt: stale } });
    const runs: string[] = [];
    const [a, b] = dbs.map((db, i) =>
      scheduler(
        db,
        [job('chase')],
        async (j, firedAt) => {
          runs.push(`${i}:${firedAt.toISOString()}`);
        },
        `instance-${i}`,
      ),
    );
    const outcomes = await Promise.all([a!, b!].map((s) => s.runDue(at('2026-11-23T09:40:00'), { catchUpOnly: true })));
    // The loser either lost the compare-and-set or read the claim already renewed by the winner.
    expect(outcomes.filter((o) => o.chase === 'ran')).toHaveLength(1);
    expect(outcomes.map((o) => o.chase)).not.toContain('failed');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.slice(2)).toBe(at('2026-11-23T09:00:00').toISOString());
    const row = await dbs[0]!.prisma.jobRun.findUniqueOrThrow({ where: { job_period: { job: 'chase', period } } });
    expect(row.status).toBe('done');
    expect(row.instance).toMatch(/^instance-/);
  });

  it('leaves a running claim inside its lease alone (another instance may still be running it), and live ticks never take over', async () => {
    const period = '2026-11-23T09:00';
    await dbs[0]!.prisma.jobRun.create({ data: { job: 'chase', period, status: 'running', instance: 'alive:1', startedAt: new Date(Date.now() - 60_000) } });
    const runs: string[] = [];
    const s = scheduler(
      dbs[0]!,
      [job('chase')],
      async (j) => {
        runs.push(j.name);
      },
      'b',
    );
    expect(await s.runDue(at('2026-11-23T09:40:00'), { catchUpOnly: true })).toEqual({ chase: 'not_due' });
    await dbs[0]!.prisma.jobRun.updateMany({ data: { startedAt: new Date(Date.now() - RUN_LEASE_MS - 60_000) } });
    expect(await s.tick(at('2026-11-23T09:40:00'), at('2026-11-23T09:39:00'))).toEqual({ chase: 'not_due' });
    expect(runs).toEqual([]);
  });
});
