import type pg from 'pg';
import { sql, type Sql } from './sql.js';

/**
 * What /healthz asks the database: can it take a write, now? A `SELECT 1` answers yes on a full disk or
 * a read-only failover target, and hangs on a silent network partition; this probe writes one small row
 * (durably, as the events' effects are written) and answers within a deadline whatever the database does.
 */
export const PING_DEADLINE_MS = 2000;

/** Created beside the migrations ledger (migrate.ts): one row, rewritten by every probe. */
export const HEALTH_TABLE = {
  sqlite: 'CREATE TABLE IF NOT EXISTS "_sanban_health" ("id" INTEGER PRIMARY KEY, "at" TEXT NOT NULL, "pad" BLOB)',
  postgres: 'CREATE TABLE IF NOT EXISTS "_sanban_health" ("id" INTEGER PRIMARY KEY, "at" TIMESTAMP(3) NOT NULL)',
};

/**
 * SQLite: the row carries a few pages of padding, rewritten each time. The new value is stored before the
 * old one is freed, so the probe needs free pages as a burst of new events would: a database that can no
 * longer grow (disk full, max_page_count) or not write at all fails it.
 */
export function sqliteProbe(db: Sql): () => Promise<void> {
  // The size alternates: a value of the same size is overwritten in place, needing no new page.
  let flip = 0;
  return () =>
    db.transaction(async (tx) => {
      flip ^= 1;
      await tx.run(
        sql`INSERT INTO "_sanban_health" ("id", "at", "pad") VALUES (1, ${new Date()}, randomblob(${12_288 + flip})) ON CONFLICT ("id") DO UPDATE SET "at" = excluded."at", "pad" = excluded."pad"`,
      );
    });
}

/** PostgreSQL: an upsert on the main (durable) pool; its own read timeout frees the connection when nothing answers. */
export function postgresProbe(pool: pg.Pool, deadlineMs = PING_DEADLINE_MS): () => Promise<void> {
  return async () => {
    const client = await pool.connect();
    try {
      await client.query({
        text: 'INSERT INTO "_sanban_health" ("id", "at") VALUES (1, now()) ON CONFLICT ("id") DO UPDATE SET "at" = EXCLUDED."at"',
        query_timeout: deadlineMs,
      } as pg.QueryConfig);
    } finally {
      client.release();
    }
  };
}

/**
 * `probe` time-boxed: true when it completes within the deadline, false when it fails or is late. Pings
 * that arrive while a probe is running share it, so a burst of health checks during an outage does not
 * take every pooled connection.
 */
export function timeBoxedPing(probe: () => Promise<void>, deadlineMs = PING_DEADLINE_MS): () => Promise<boolean> {
  let running: Promise<boolean> | undefined;
  return () => {
    running ??= probe()
      .then(
        () => true,
        () => false,
      )
      .finally(() => (running = undefined));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    return Promise.race([running, late]).finally(() => clearTimeout(timer));
  };
}
