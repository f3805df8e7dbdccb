import { hostname } from 'node:os';
import { sql, type Sql } from '../../db/sql.js';
import type { Logger } from '../../logger.js';
import type { Card } from '../../cards/types.js';
import { isRetryable, type Messenger, type MessengerError, type OutgoingContent, type Result } from '../../ports/messenger.js';

/** What delivery needs of a messenger (adapters/threaded-messenger.ts runs one in a thread of its own). */
type DeliveryMessenger = Pick<Messenger, 'send' | 'reply' | 'updateCard'>;
import { cardFits } from './card-fit.js';
import { enqueueNow, fromStored } from './outbox.js';
import { LimiterClosedError, MAX_PAUSE_MS, RateLimiter } from './rate-limiter.js';
import { CLAIMED_COLUMNS, toRow, type Row } from './claimed-row.js';
import { dropAwaiting, releaseAwaiting } from './awaiting.js';
import { recordSentCard, repostRefusedPatch } from '../cards/sent.js';
import { TOO_OLD_TO_UPDATE } from '../cards/tracks.js';
import { backoff, describe, failureNotice } from './delivery-errors.js';

export interface OutboxWorkerOptions {
  /** Prepared statements on the bot's database (the worker's statements run for every message). */
  sql: Sql;
  /**
   * Where claims, sent / retry / failed marks are written (db.relaxed: not waiting for the disk on
   * PostgreSQL). Each is safe to lose in a crash: the message goes again — a send or reply with the same
   * uuid, which Lark ignores; a patch re-applies the card's newest state — and a failure is found and
   * reported again under the same key. Sent marks that record a card reference stay on `sql`. Default: `sql`.
   */
  relaxed?: Sql;
  messenger: DeliveryMessenger;
  log: Logger;
  /** Physical time (retries, leases); not the business clock, which tests and trainers may move. */
  now?: () => Date;
  instanceId?: string;
  perAppPerSecond?: number;
  perChatPerSecond?: number;
  /** Messages claimed at once; also the number of concurrent sends. */
  batchSize?: number;
  concurrency?: number;
  /** A claim not finished by then (the process died) is taken over by another worker. */
  leaseMs?: number;
  /** Retryable failures (5xx, network) give up after this many attempts. */
  maxAttempts?: number;
  pollMs?: number;
  /** First retry delay after a server error; doubles per attempt (tests shorten it). */
  retryBaseMs?: number;
  /** The longest a 429's `x-ogw-ratelimit-reset` holds sends back (rate-limiter.ts MAX_PAUSE_MS; tests shorten it). */
  maxPauseMs?: number;
  /** Chats to tell about messages that could not be delivered (the chats bound to 管理). */
  adminChats?: () => Promise<string[]>;
}

/**
 * Delivers queued messages: claims due rows under a lease, sends with the stable uuid, honours Lark's
 * rate limits and `x-ogw-ratelimit-reset`, backs off exponentially on server errors, and marks
 * permanent failures once (reported to the admins' chat), never retrying them forever.
 */
export class OutboxWorker {
  private readonly o: Required<Omit<OutboxWorkerOptions, 'adminChats' | 'relaxed'>> & Pick<OutboxWorkerOptions, 'adminChats'> & { relaxed: Sql };
  private readonly limiter: RateLimiter;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<number>;
  private again = false;
  private stopped = true;
  /** stop() was called and start() not since: no new claims. */
  private stopping = false;

  constructor(options: OutboxWorkerOptions) {
    this.o = {
      now: () => new Date(),
      instanceId: `${hostname()}:${process.pid}`,
      perAppPerSecond: 50,
      perChatPerSecond: 5,
      batchSize: 100,
      concurrency: 16,
      leaseMs: 60_000,
      maxAttempts: 10,
      pollMs: 1000,
      retryBaseMs: 1000,
      maxPauseMs: MAX_PAUSE_MS,
      ...options,
      relaxed: options.relaxed ?? options.sql,
    };
    this.limiter = new RateLimiter(this.o.perAppPerSecond, this.o.perChatPerSecond, undefined, undefined, this.o.maxPauseMs);
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.limiter.open();
    const tick = () => {
      if (this.stopped) return;
      this.kick();
      this.timer = setTimeout(tick, this.o.pollMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    clearTimeout(this.timer);
    // Sends waiting for room (a 429's pause, a full window) give up now instead of holding stop() back.
    this.limiter.close();
    await this.draining;
  }

  /** Something was queued: deliver now rather than at the next poll. */
  kick(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((err: unknown) => {
        this.o.log.error({ err }, 'outbox drain failed');
        return 0;
      })
      .finally(() => {
        this.draining = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no kicked delivery is running (tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Deliver everything that is due now; returns how many messages were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      if (this.stopping) return handled;
      const batch = await this.claim();
      if (!batch.length) return handled;
      // Messages to one target (a chat, a person, a message replied to or updated) go one after another,
      // in the order they fell due: "正在运行…" before "已运行", a card's updates in order. Different
      // targets go concurrently.
      const lanes = byTarget(batch);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(this.o.concurrency, lanes.length) }, async () => {
          while (next < lanes.length) for (const row of lanes[next++]!) await this.deliver(row);
        }),
      );
      handled += batch.length;
    }
  }

  private async claim(): Promise<Row[]> {
    const now = this.o.now();
    const until = new Date(now.getTime() + this.o.leaseMs);
    const me = this.o.instanceId;
    const take = this.o.batchSize;
    // One statement claims a batch under a lease. PostgreSQL: rows another worker is claiming right now
    // are skipped, not waited for. SQLite: statements run one at a time, so a row goes to one worker.
    const rows =
      this.o.relaxed.provider === 'postgres'
        ? await this.o.relaxed.all(sql`UPDATE "OutboxMessage" SET "lockedBy" = ${me}, "lockedUntil" = ${until}
            WHERE "id" IN (SELECT "id" FROM "OutboxMessage"
              WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
              ORDER BY "nextAttemptAt", "createdAt" LIMIT ${take} FOR UPDATE SKIP LOCKED)
            RETURNING ${CLAIMED_COLUMNS}`)
        : await this.o.relaxed.all(sql`UPDATE "OutboxMessage" SET "lockedBy" = ${me}, "lockedUntil" = ${until}
            WHERE "id" IN (SELECT "id" FROM "OutboxMessage"
              WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
              ORDER BY "nextAttemptAt", "createdAt" LIMIT ${take})
            RETURNING ${CLAIMED_COLUMNS}`);
    // RETURNING keeps no order: deliver in the order the messages fell due.
    return rows
      .map((r) => toRow(r as Record<string, unknown>))
      .sort((a, b) => (a.nextAttemptAt?.getTime() ?? 0) - (b.nextAttemptAt?.getTime() ?? 0) || (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  }

  private async deliver(row: Row): Promise<void> {
    let content: OutgoingContent = fromStored(row.kind, row.content);
    if (row.kind === 'card' && !cardFits(row.content)) {
      this.o.log.warn({ id: row.id }, 'card too large for Lark; sending its text summary instead');
      if (row.op === 'patch') return this.fail(row, { kind: 'too_large', code: 230025, message: 'card too large to patch' });
      content = { type: 'text', text: row.fallbackText };
    }
    let answered: () => void;
    try {
      answered = await this.limiter.acquire(row.op === 'send' ? row.targetId : `msg:${row.targetId}`);
    } catch (err) {
      if (!(err instanceof LimiterClosedError)) throw err;
      // Stopping: the claim is given back (not sent, not an attempt), so any instance takes it at once.
      await this.o.relaxed.run(
        sql`UPDATE "OutboxMessage" SET "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = ${row.id} AND "lockedBy" = ${this.o.instanceId}`,
      );
      return;
    }
    const result = await this.call(row, content).finally(answered);
    if (result.ok) {
      await this.markSent(row, result.value.messageId, content.type === 'card');
      return;
    }
    const error = result.error;
    if (row.op === 'patch' && 'code' in error && error.code === TOO_OLD_TO_UPDATE) return this.tooOldToUpdate(row, error);
    if ((error.kind === 'card_invalid' || error.kind === 'too_large') && content.type === 'card' && row.op !== 'patch' && row.fallbackText) {
      // Never lose the message: Lark refused the card, so its text goes out instead, same uuid slot + suffix.
      const fallback = await this.call({ ...row, uuid: `${row.uuid.slice(0, 46)}~txt` }, { type: 'text', text: row.fallbackText });
      if (fallback.ok) {
        await this.o.relaxed
          .run(sql`UPDATE "OutboxMessage" SET "status" = 'sent', "messageId" = ${fallback.value.messageId ?? null}, "sentAt" = ${this.o.now()},
          "lastError" = ${describe(error)}, "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = ${row.id}`);
        if (row.tracks && fallback.value.messageId) await releaseAwaiting(this.o.sql, row.uuid, fallback.value.messageId, false, this.o.now());
        return;
      }
    }
    if (isRetryable(error) || error.kind === 'token_invalid') {
      const attempts = row.attempts + 1;
      if (error.kind !== 'rate_limited' && attempts >= this.o.maxAttempts) return this.fail(row, error);
      const delay = error.kind === 'rate_limited' ? Math.min(error.retryAfterMs ?? 1000, this.o.maxPauseMs) : backoff(attempts, this.o.retryBaseMs);
      if (error.kind === 'rate_limited' && error.code === 99991400) this.limiter.pause(delay);
      await this.o.relaxed.run(sql`UPDATE "OutboxMessage" SET "attempts" = ${error.kind === 'rate_limited' ? row.attempts : attempts},
        "nextAttemptAt" = ${new Date(this.o.now().getTime() + delay)}, "lastError" = ${describe(error)}, "lockedBy" = NULL, "lockedUntil" = NULL
        WHERE "id" = ${row.id}`);
      return;
    }
    return this.fail(row, error);
  }

  private async markSent(row: Row, messageId: string | undefined, asCard: boolean): Promise<void> {
    const sent = sql`UPDATE "OutboxMessage" SET "status" = 'sent', "messageId" = ${messageId ?? null}, "sentAt" = ${this.o.now()},
      "lockedBy" = NULL, "lockedUntil" = NULL, "attempts" = "attempts" + 1 WHERE "id" = ${row.id}`;
    if (!(row.tracks && messageId)) {
      // Nothing else to record: one statement, no transaction.
      await this.o.relaxed.run(sent);
      return;
    }
    // A tracked card: its reference, and what waited for its message id (awaiting.ts), with the mark.
    await this.o.sql.transaction(async (tx) => {
      await tx.run(sent);
      if (asCard) await recordSentCard(tx, row, messageId);
      await releaseAwaiting(tx, row.uuid, messageId, asCard, this.o.now());
    });
  }

  /**
   * Lark updates a message for 14 days only: past that a patch is refused (230031), as Lark intends, and is
   * no delivery failure. The card is handed to the tracked cards, which re-post it and move its reference;
   * the admins are not told (the bot is in the chat, and nothing was lost).
   */
  private async tooOldToUpdate(row: Row, error: MessengerError): Promise<void> {
    // Superseded first, and only while still pending: a patch a re-post already superseded (a newer card
    // took over) must not carry its older card onto the new message.
    const mine = await this.o.relaxed
      .run(sql`UPDATE "OutboxMessage" SET "status" = 'superseded', "lastError" = ${describe(error)}, "lockedBy" = NULL, "lockedUntil" = NULL,
      "attempts" = "attempts" + 1 WHERE "id" = ${row.id} AND "status" = 'pending'`);
    const reposted = mine > 0 && (await repostRefusedPatch(this.o.sql, row));
    this.o.log.info(
      { id: row.id, target: row.targetId, reposted },
      reposted ? 'card past the 14-day update limit: re-posted' : 'untracked card past the 14-day update limit: left as it is',
    );
    if (reposted) this.kick();
  }

  private call(row: Pick<Row, 'op' | 'targetType' | 'targetId' | 'uuid'>, content: OutgoingContent): Promise<Result<{ messageId?: string }>> {
    const m = this.o.messenger;
    if (row.op === 'patch') return m.updateCard(row.targetId, (content as { card: Card }).card).then((r) => (r.ok ? { ok: true, value: {} } : r));
    if (row.op === 'reply') return m.reply(row.targetId, content, { uuid: row.uuid });
    const to = row.targetType === 'chat_id' ? { chatId: row.targetId } : { openId: row.targetId };
    return m.send(to, content, { uuid: row.uuid });
  }

  private async fail(row: Row, error: MessengerError): Promise<void> {
    const reason = describe(error);
    await this.o.relaxed.run(sql`UPDATE "OutboxMessage" SET "status" = 'failed', "lastError" = ${reason}, "lockedBy" = NULL, "lockedUntil" = NULL,
      "attempts" = "attempts" + 1 WHERE "id" = ${row.id}`);
    if (row.tracks) await dropAwaiting(this.o.relaxed, row.uuid);
    this.o.log.error({ id: row.id, target: row.targetId, error }, 'message could not be delivered');
    if (row.origin.startsWith('outbox:failure')) return; // never report a failed report
    const chats = (await this.o.adminChats?.()) ?? [];
    const text = failureNotice(row, error);
    for (const chatId of chats) {
      await enqueueNow(this.o.sql, { to: { chatId }, content: { type: 'text', text }, key: `fail:${row.id}:${chatId}`, origin: 'outbox:failure' });
    }
    if (chats.length) this.kick();
  }
}

/** The batch split by target, each in its order, the targets in the order of their first message. */
function byTarget(batch: readonly Row[]): Row[][] {
  const lanes = new Map<string, Row[]>();
  for (const row of batch) {
    const key = `${row.targetType}:${row.targetId}`;
    const lane = lanes.get(key);
    if (lane) lane.push(row);
    else lanes.set(key, [row]);
  }
  return [...lanes.values()];
}
