import type { ReceiptStore } from '../router/dedup.js';
import { sql, type Sql } from './sql.js';

/** Unique-constraint violation, whichever provider raised it. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

/** Receipts on the ack path of every event: prepared statements, not Prisma (see sql.ts). */
export class SqlReceiptStore implements ReceiptStore {
  /**
   * `now` is physical time, never the office clock: windows guard against re-deliveries and replays,
   * which happen in real seconds (tests move it to show a replay after a window).
   */
  constructor(
    private readonly db: Sql,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string, windowMs?: number): Promise<boolean> {
    const now = new Date(this.now());
    // One statement that reports whether it inserted (SQLite ≥ 3.24 and PostgreSQL): a re-delivered
    // event costs no unique-violation error.
    const inserted = await this.db.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${key}, ${now}) ON CONFLICT ("key") DO NOTHING`);
    if (inserted === 1) return true;
    if (windowMs === undefined) return false;
    // Seen, but long enough ago to be a new act: take it over atomically (one of two racers wins).
    const cutoff = new Date(now.getTime() - windowMs);
    const taken = await this.db.run(sql`UPDATE "InboundReceipt" SET "receivedAt" = ${now} WHERE "key" = ${key} AND "receivedAt" < ${cutoff}`);
    return taken === 1;
  }

  async release(key: string): Promise<void> {
    await this.db.run(sql`DELETE FROM "InboundReceipt" WHERE "key" = ${key}`);
  }

  /** Receipts older than Lark's retry window (~7.1 h) can go; keep a week for safety. */
  /**
   * Deletes receipts recorded more than `ageMs` ago by the store's own physical clock: receipts are
   * stamped in physical time, so the office clock (moved forward in local mode) must not age them.
   */
  prune(ageMs: number): Promise<number> {
    const olderThan = new Date(this.now() - ageMs);
    return this.db.run(sql`DELETE FROM "InboundReceipt" WHERE "receivedAt" < ${olderThan}`);
  }
}
