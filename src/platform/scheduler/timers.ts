import { randomUUID } from 'node:crypto';
import { asDate, asDateOrNull, asInt, sql, type Sql } from '../../db/sql.js';
import type { Tx } from '../../db/handles.js';
import type { Logger } from '../../logger.js';

/**
 * Durable one-off timers: "when the review has not been answered in 4 working hours, escalate". A feature
 * sets a timer under its own key (setting it again is a no-op), may reschedule or cancel it, and registers
 * one handler per kind. The per-minute job (timers-job.ts) calls fireDue: each due timer is taken by a
 * conditional claim (UPDATE … WHERE firedAt IS NULL AND cancelledAt IS NULL AND dueAt <= now and no live
 * lease), so across instances one firer wins; a handler that throws is retried at the next minute, up to
 * `maxAttempts` claims, then the timer is marked failed and logged (the row stays, nothing is lost).
 * Delivery is at least once: a process that dies inside a handler leaves a lease that expires, and the
 * timer runs again — handlers must be idempotent (queue messages with a key derived from the timer's).
 */
export interface TimerSpec {
  key: string;
  kind: string;
  dueAt: Date;
  objectType?: string;
  objectId?: string;
  /** Anything JSON can carry, for the handler. */
  payload?: unknown;
}

export interface Timer {
  id: string;
  key: string;
  kind: string;
  objectType: string;
  objectId: string;
  payload: unknown;
  dueAt: Date;
  /** Claims so far, this one included when handed to a handler. */
  attempts: number;
  cancelledAt: Date | null;
  firedAt: Date | null;
  failedAt: Date | null;
  lastError: string;
}

export type TimerHandler = (timer: Timer, ctx: { now: Date; log: Logger }) => Promise<void>;

export interface FireOutcome {
  fired: number;
  /** Handlers that threw and will be tried again at the next minute. */
  retrying: number;
  /** Handlers that threw on their last allowed attempt: marked failed. */
  failed: number;
}

export interface TimersOptions {
  sql: Sql;
  log: Logger;
  /** Claims before a failing timer is marked failed (default 5: five minutes of retries). */
  maxAttempts?: number;
  /** A claim not finished by then (the process died) is taken over (default 5 minutes). */
  leaseMs?: number;
  /** Timers claimed per statement (default 50); fireDue claims batches until none is due. */
  batchSize?: number;
  instanceId?: string;
}

const MINUTE = 60_000;
const COLUMNS = sql`"id", "key", "kind", "objectType", "objectId", "payload", "dueAt", "attempts", "cancelledAt", "firedAt", "failedAt", "lastError"`;

export class Timers {
  private readonly handlers = new Map<string, TimerHandler>();
  /** hasDue's cache: the earliest pending due time (ms, null for none) and when it was read (performance.now). */
  private earliest: { dueAt: number | null; checkedAt: number } | undefined;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly instanceId: string;

  constructor(private readonly o: TimersOptions) {
    this.maxAttempts = o.maxAttempts ?? 5;
    this.leaseMs = o.leaseMs ?? 5 * MINUTE;
    this.batchSize = o.batchSize ?? 50;
    this.instanceId = o.instanceId ?? randomUUID();
  }

  /** The handler for a kind; one per kind (a second registration is a wiring mistake). */
  on(kind: string, handler: TimerHandler): this {
    if (this.handlers.has(kind)) throw new Error(`timer kind ${kind} already has a handler`);
    this.handlers.set(kind, handler);
    return this;
  }

  /**
   * Sets a timer unless one with the key exists (in any state: a fired or cancelled key stays so; use a
   * new key for new work, reschedule to move a pending one). True when this call created it.
   */
  async set(spec: TimerSpec, now: Date): Promise<boolean> {
    const payload = JSON.stringify(spec.payload ?? {});
    const changed = await this.o.sql
      .run(sql`INSERT INTO "Timer" ("id", "key", "kind", "objectType", "objectId", "payload", "dueAt", "attempts", "lastError", "createdAt")
      VALUES (${randomUUID()}, ${spec.key}, ${spec.kind}, ${spec.objectType ?? ''}, ${spec.objectId ?? ''}, ${payload}, ${spec.dueAt}, 0, '', ${now})
      ON CONFLICT ("key") DO NOTHING`);
    this.earliest = undefined; // after the write: a hasDue that read before it must not keep its answer
    return changed === 1;
  }

  /**
   * `set` inside a Prisma transaction (a use case that decides on a clock in the same write as the state it
   * follows: the timer exists exactly when the write commits). Another instance's hasDue sees it within
   * its second of caching; this instance forgets its cache now and again on its next change.
   */
  async setIn(tx: Tx, spec: TimerSpec, now: Date): Promise<void> {
    await tx.timer.upsert({
      where: { key: spec.key },
      create: {
        id: randomUUID(),
        key: spec.key,
        kind: spec.kind,
        objectType: spec.objectType ?? '',
        objectId: spec.objectId ?? '',
        payload: JSON.stringify(spec.payload ?? {}),
        dueAt: spec.dueAt,
        createdAt: now,
      },
      update: {},
    });
    this.earliest = undefined;
  }

  /**
   * Moves a timer that has not fired and is not cancelled to a new due time, with a fresh attempt budget
   * (a failed one is revived). A claim in progress loses its lease, so its outcome is not recorded and the
   * timer runs at the new time. False when there is no such pending timer.
   */
  async reschedule(key: string, dueAt: Date): Promise<boolean> {
    const changed = await this.o.sql.run(sql`UPDATE "Timer" SET "dueAt" = ${dueAt}, "attempts" = 0, "failedAt" = NULL, "lastError" = '',
        "lockedBy" = NULL, "lockedUntil" = NULL
      WHERE "key" = ${key} AND "firedAt" IS NULL AND "cancelledAt" IS NULL`);
    this.earliest = undefined;
    return changed === 1;
  }

  /** Cancels a timer that has not fired. False when it had fired, was cancelled already or never set. */
  async cancel(key: string, now: Date): Promise<boolean> {
    const changed = await this.o.sql.run(sql`UPDATE "Timer" SET "cancelledAt" = ${now}, "lockedBy" = NULL, "lockedUntil" = NULL
      WHERE "key" = ${key} AND "firedAt" IS NULL AND "cancelledAt" IS NULL`);
    this.earliest = undefined;
    return changed === 1;
  }

  /** `cancel` inside a Prisma transaction (a clock moved in the same write as the state it follows). */
  async cancelIn(tx: Tx, key: string, now: Date): Promise<boolean> {
    const r = await tx.timer.updateMany({ where: { key, firedAt: null, cancelledAt: null }, data: { cancelledAt: now, lockedBy: null, lockedUntil: null } });
    this.earliest = undefined;
    return r.count === 1;
  }

  async get(key: string): Promise<Timer | undefined> {
    const row = await this.o.sql.get(sql`SELECT ${COLUMNS} FROM "Timer" WHERE "key" = ${key}`);
    return row ? toTimer(row) : undefined;
  }

  /**
   * True when a timer is pending with its due time at or before `now` (it may be held by a claim or
   * waiting for its retry minute). For time travel, which asks it for every minute it moves through: the
   * earliest pending due time is read once and kept until this service changes a timer or a second of
   * real time has passed (a timer another process set is seen within that second), so a week's travel
   * costs a few queries rather than 10,080.
   */
  async hasDue(now: Date): Promise<boolean> {
    const t = performance.now();
    if (!this.earliest || t - this.earliest.checkedAt > 1000) {
      const row = await this.o.sql.get<{ dueAt: unknown }>(sql`SELECT MIN("dueAt") AS "dueAt" FROM "Timer"
        WHERE "firedAt" IS NULL AND "cancelledAt" IS NULL AND "failedAt" IS NULL`);
      this.earliest = { dueAt: row?.dueAt == null ? null : asDate(row.dueAt).getTime(), checkedAt: t };
    }
    return this.earliest.dueAt !== null && this.earliest.dueAt <= now.getTime();
  }

  /** Fires every timer due at `now` that no other firer holds; handlers run one after another. */
  async fireDue(now: Date): Promise<FireOutcome> {
    const outcome: FireOutcome = { fired: 0, retrying: 0, failed: 0 };
    for (;;) {
      const batch = await this.claim(now);
      this.earliest = undefined; // handlers may set timers; fired ones are no longer pending
      if (!batch.length) return outcome;
      batch.sort((a, b) => a.timer.dueAt.getTime() - b.timer.dueAt.getTime());
      for (const claimed of batch) outcome[await this.run(claimed.timer, claimed.token, now)]++;
    }
  }

  private async claim(now: Date): Promise<{ timer: Timer; token: string }[]> {
    const token = randomUUID();
    const until = new Date(now.getTime() + this.leaseMs);
    // PostgreSQL: rows another firer is claiming right now are skipped, not waited for. SQLite runs one
    // statement at a time, so a row goes to one firer. Either way the WHERE is the claim's condition.
    const lock = this.o.sql.provider === 'postgres' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await this.o.sql.all(sql`UPDATE "Timer" SET "lockedBy" = ${token}, "lockedUntil" = ${until}, "attempts" = "attempts" + 1
      WHERE "id" IN (SELECT "id" FROM "Timer"
        WHERE "firedAt" IS NULL AND "cancelledAt" IS NULL AND "failedAt" IS NULL AND "dueAt" <= ${now}
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
        ORDER BY "dueAt" LIMIT ${this.batchSize}${lock})
      RETURNING ${COLUMNS}`);
    return rows.map((r) => ({ timer: toTimer(r), token }));
  }

  private async run(timer: Timer, token: string, now: Date): Promise<keyof FireOutcome> {
    // Ids and kinds only: keys and payloads may carry what people wrote.
    const log = this.o.log.child({ timer: timer.id, kind: timer.kind, attempt: timer.attempts, instance: this.instanceId });
    const handler = this.handlers.get(timer.kind);
    try {
      if (!handler) throw new Error(`no handler registered for timer kind ${timer.kind}`);
      await handler(timer, { now, log });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (timer.attempts >= this.maxAttempts) {
        await this.o.sql.run(sql`UPDATE "Timer" SET "failedAt" = ${now}, "lastError" = ${message.slice(0, 1000)}, "lockedBy" = NULL, "lockedUntil" = NULL
          WHERE "id" = ${timer.id} AND "lockedBy" = ${token}`);
        log.error({ err }, 'timer failed; no more attempts');
        return 'failed';
      }
      // The lease is kept until the next minute: the retry belongs to the next per-minute run, not this loop.
      const retryAt = new Date((Math.floor(now.getTime() / MINUTE) + 1) * MINUTE);
      await this.o.sql.run(sql`UPDATE "Timer" SET "lastError" = ${message.slice(0, 1000)}, "lockedUntil" = ${retryAt}
        WHERE "id" = ${timer.id} AND "lockedBy" = ${token}`);
      log.warn({ err }, 'timer handler failed; retrying at the next minute');
      return 'retrying';
    }
    await this.o.sql.run(sql`UPDATE "Timer" SET "firedAt" = ${now}, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ''
      WHERE "id" = ${timer.id} AND "lockedBy" = ${token}`);
    log.info('timer fired');
    return 'fired';
  }
}

function toTimer(r: Record<string, unknown>): Timer {
  let payload: unknown;
  try {
    payload = JSON.parse(String(r.payload ?? '{}'));
  } catch {
    payload = {};
  }
  return {
    id: String(r.id),
    key: String(r.key),
    kind: String(r.kind),
    objectType: String(r.objectType ?? ''),
    objectId: String(r.objectId ?? ''),
    payload,
    dueAt: asDate(r.dueAt),
    attempts: asInt(r.attempts),
    cancelledAt: asDateOrNull(r.cancelledAt),
    firedAt: asDateOrNull(r.firedAt),
    failedAt: asDateOrNull(r.failedAt),
    lastError: String(r.lastError ?? ''),
  };
}
