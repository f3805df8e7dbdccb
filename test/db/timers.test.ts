import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { Timers, type Timer } from '../../src/platform/scheduler/timers.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const at = (s: string) => new Date(`${s}+08:00`);

describe(`durable timers on ${testProvider}`, () => {
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

  function timers(i = 0, options: { maxAttempts?: number } = {}) {
    const { log, records } = memoryLogger('info');
    return { timers: new Timers({ sql: dbs[i]!.sql, log, instanceId: `instance-${i}`, ...options }), records };
  }

  it('setting the same key twice makes one timer; the first due time stands', async () => {
    const { timers: t } = timers();
    const fired: string[] = [];
    t.on('review.deadline', async (timer) => void fired.push(timer.key));
    expect(
      await t.set(
        { key: 'review:1', kind: 'review.deadline', dueAt: at('2026-12-01T10:00:00'), objectType: 'review', objectId: 'r1', payload: { n: 1 } },
        at('2026-12-01T09:00:00'),
      ),
    ).toBe(true);
    expect(await t.set({ key: 'review:1', kind: 'review.deadline', dueAt: at('2026-12-01T11:00:00') }, at('2026-12-01T09:05:00'))).toBe(false);
    expect(await dbs[0]!.prisma.timer.count({ where: { key: 'review:1' } })).toBe(1);
    const row = await t.get('review:1');
    expect(row).toMatchObject({ kind: 'review.deadline', objectType: 'review', objectId: 'r1', payload: { n: 1 }, attempts: 0, firedAt: null });
    expect(row!.dueAt).toEqual(at('2026-12-01T10:00:00'));

    expect(await t.hasDue(at('2026-12-01T09:59:00'))).toBe(false);
    expect(await t.hasDue(at('2026-12-01T10:00:00'))).toBe(true);
    expect(await t.fireDue(at('2026-12-01T09:59:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(await t.fireDue(at('2026-12-01T10:00:00'))).toEqual({ fired: 1, retrying: 0, failed: 0 });
    expect(await t.fireDue(at('2026-12-01T10:01:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(await t.hasDue(at('2026-12-01T10:01:00'))).toBe(false);
    expect(fired).toEqual(['review:1']);
    expect((await t.get('review:1'))!.firedAt).toEqual(at('2026-12-01T10:00:00'));
    // A fired key stays fired: setting it again does not arm it anew.
    expect(await t.set({ key: 'review:1', kind: 'review.deadline', dueAt: at('2026-12-02T10:00:00') }, at('2026-12-01T10:02:00'))).toBe(false);
    expect(await t.fireDue(at('2026-12-02T10:00:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
  });

  it('a cancelled timer never fires, and cancelling twice or after firing reports false', async () => {
    const { timers: t } = timers();
    const fired: string[] = [];
    t.on('info.deadline', async (timer) => void fired.push(timer.key));
    await t.set({ key: 'info:1', kind: 'info.deadline', dueAt: at('2026-12-03T10:00:00') }, at('2026-12-03T09:00:00'));
    expect(await t.cancel('info:1', at('2026-12-03T09:30:00'))).toBe(true);
    expect(await t.cancel('info:1', at('2026-12-03T09:31:00'))).toBe(false);
    expect(await t.cancel('no-such-key', at('2026-12-03T09:31:00'))).toBe(false);
    expect(await t.reschedule('info:1', at('2026-12-03T11:00:00'))).toBe(false);
    expect(await t.fireDue(at('2026-12-03T12:00:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(fired).toEqual([]);
    expect((await t.get('info:1'))!.cancelledAt).toEqual(at('2026-12-03T09:30:00'));
  });

  it('a rescheduled timer fires at its new time only', async () => {
    const { timers: t } = timers();
    const fired: Date[] = [];
    t.on('info.remind', async (_timer, { now }) => void fired.push(now));
    await t.set({ key: 'info:2', kind: 'info.remind', dueAt: at('2026-12-04T10:00:00') }, at('2026-12-04T09:00:00'));
    expect(await t.reschedule('info:2', at('2026-12-04T15:00:00'))).toBe(true);
    expect(await t.fireDue(at('2026-12-04T10:00:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(await t.fireDue(at('2026-12-04T15:00:00'))).toEqual({ fired: 1, retrying: 0, failed: 0 });
    expect(fired).toEqual([at('2026-12-04T15:00:00')]);
    expect(await t.reschedule('info:2', at('2026-12-05T10:00:00'))).toBe(false);
    expect(await t.cancel('info:2', at('2026-12-04T15:01:00'))).toBe(false);
  });

  it('two firers on two connections, at the same moment, fire each timer once', async () => {
    const a = timers(0);
    const b = timers(1);
    const calls: string[] = [];
    for (const [name, t] of [
      ['a', a.timers],
      ['b', b.timers],
    ] as const) {
      t.on('race', async (timer) => {
        calls.push(`${timer.key}@${name}`);
        await new Promise((r) => setTimeout(r, 2));
      });
    }
    const keys = Array.from({ length: 60 }, (_, i) => `race:${i}`);
    for (const key of keys) await a.timers.set({ key, kind: 'race', dueAt: at('2026-12-07T09:00:00') }, at('2026-12-07T08:00:00'));
    const now = at('2026-12-07T09:00:30');
    const [ra, rb] = await Promise.all([a.timers.fireDue(now), b.timers.fireDue(now)]);
    expect(ra.fired + rb.fired).toBe(60);
    const fired = calls.map((c) => c.split('@')[0]);
    expect(fired.sort()).toEqual([...keys].sort());
    expect(await dbs[0]!.prisma.timer.count({ where: { kind: 'race', firedAt: null } })).toBe(0);
  });

  it('a failing handler is retried at each following minute, then marked failed and logged; others still fire', async () => {
    const { timers: t, records } = timers(0, { maxAttempts: 3 });
    const attempts: number[] = [];
    t.on('flaky', async (timer: Timer) => {
      attempts.push(timer.attempts);
      throw new Error('lark down');
    });
    t.on('fine', async () => {});
    await t.set({ key: 'flaky:1', kind: 'flaky', dueAt: at('2026-12-08T09:00:00') }, at('2026-12-08T08:00:00'));
    await t.set({ key: 'fine:1', kind: 'fine', dueAt: at('2026-12-08T09:00:00') }, at('2026-12-08T08:00:00'));
    expect(await t.fireDue(at('2026-12-08T09:00:10'))).toEqual({ fired: 1, retrying: 1, failed: 0 });
    // Not again within the same minute.
    expect(await t.fireDue(at('2026-12-08T09:00:40'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(await t.fireDue(at('2026-12-08T09:01:00'))).toEqual({ fired: 0, retrying: 1, failed: 0 });
    expect(await t.fireDue(at('2026-12-08T09:02:00'))).toEqual({ fired: 0, retrying: 0, failed: 1 });
    expect(await t.fireDue(at('2026-12-08T09:03:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(attempts).toEqual([1, 2, 3]);
    const row = await t.get('flaky:1');
    expect(row).toMatchObject({ attempts: 3, firedAt: null, lastError: 'lark down' });
    expect(row!.failedAt).toEqual(at('2026-12-08T09:02:00'));
    const failedLog = records().filter((r) => r.msg === 'timer failed; no more attempts');
    expect(failedLog).toHaveLength(1);
    expect(failedLog[0]).toMatchObject({ level: 50, kind: 'flaky', attempt: 3 });
    // An admin (or the feature) may revive it with a fresh budget.
    expect(await t.reschedule('flaky:1', at('2026-12-08T10:00:00'))).toBe(true);
    expect((await t.get('flaky:1'))!.failedAt).toBeNull();
    expect(await t.cancel('flaky:1', at('2026-12-08T09:30:00'))).toBe(true);
  });

  it('a kind nobody handles is not lost silently: retried, then failed with the reason', async () => {
    const { timers: t } = timers(0, { maxAttempts: 1 });
    await t.set({ key: 'orphan:1', kind: 'nobody', dueAt: at('2026-12-09T09:00:00') }, at('2026-12-09T08:00:00'));
    expect(await t.fireDue(at('2026-12-09T09:00:00'))).toEqual({ fired: 0, retrying: 0, failed: 1 });
    expect((await t.get('orphan:1'))!.lastError).toContain('no handler registered for timer kind nobody');
  });

  it('a claim whose process died is taken over once its lease has run out', async () => {
    const { timers: t } = timers(0);
    const fired: number[] = [];
    t.on('lease', async (timer) => void fired.push(timer.attempts));
    await t.set({ key: 'lease:1', kind: 'lease', dueAt: at('2026-12-10T09:00:00') }, at('2026-12-10T08:00:00'));
    // As if another instance claimed it at 09:00 and died: a lease of 5 minutes.
    await dbs[0]!.prisma.timer.update({ where: { key: 'lease:1' }, data: { lockedBy: 'dead', lockedUntil: at('2026-12-10T09:05:00'), attempts: 1 } });
    expect(await t.fireDue(at('2026-12-10T09:04:00'))).toEqual({ fired: 0, retrying: 0, failed: 0 });
    expect(await t.fireDue(at('2026-12-10T09:05:00'))).toEqual({ fired: 1, retrying: 0, failed: 0 });
    expect(fired).toEqual([2]);
  });

  it('one handler per kind', () => {
    const { timers: t } = timers();
    t.on('dup', async () => {});
    expect(() => t.on('dup', async () => {})).toThrow(/already has a handler/);
  });
});
