import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { PrismaClient } from './generated/sqlite/index.js';
import { postgresProbe, sqliteProbe, timeBoxedPing } from './health.js';
import type { GuardedPool, PoolTimeouts } from './pg-pool.js';
import { serializedSqlite, type SerializedConnection } from './sqlite-serial.js';
import type { Sql } from './sql.js';
import { PgSql } from './sql-pg.js';
import { SqliteSql } from './sql-sqlite.js';

export type { PrismaClient };
export type Provider = 'sqlite' | 'postgres';

/** The whole bot's one database handle. Only repositories use `prisma` and `sql`. */
export interface Database {
  prisma: PrismaClient;
  /** Prepared statements beside Prisma, for the statements every event runs (see sql.ts). */
  sql: Sql;
  /**
   * For bookkeeping whose last fraction of a second may be lost in a database crash without harm: on
   * PostgreSQL its own few connections commit without waiting for the disk (synchronous_commit off), so
   * the ack path and delivery do not queue behind fsyncs. Used for the receipts of inbound events (a
   * receipt lost belongs to an event already acked, which Lark does not deliver again) and the outbox's
   * claims and sent marks (a send or reply whose mark is lost goes again with the same uuid, which Lark
   * ignores; a lost patch mark re-applies the card's newest state). Retry times and failure marks too.
   * What must not be lost — the events' effects, queued messages, card references — commits through
   * `prisma` and `sql`, durably. SQLite: the same connection as `sql` (in WAL mode with NORMAL
   * sync no commit waits for the disk).
   */
  relaxed: Sql;
  provider: Provider;
  /**
   * True when the database takes a small durable write within ~2 s (health.ts); false on any failure or
   * when it is late, never a hang. Needs the migrated schema (migrate.ts creates the row it writes).
   */
  ping(): Promise<boolean>;
  /** PostgreSQL: pooled connections handed out and not yet given back (0 when idle); SQLite: 0. */
  checkedOut(): number;
  close(): Promise<void>;
}

// The generated clients are CommonJS; each is bound to its provider, so both are generated from one model.
const require = createRequire(import.meta.url);

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** `file:./data/x.db` → an absolute path (relative to the working directory, as Prisma reads it). */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return path === ':memory:' ? path : resolve(path);
}

/** PostgreSQL's timeouts (pg-pool.ts has the defaults); tests and drills shorten them. */
export type DatabaseOptions = PoolTimeouts & {
  /** How long ping() waits for its write before answering false (default 2 s). */
  pingDeadlineMs?: number;
};

export async function openDatabase(url: string, o: DatabaseOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  let prisma: PrismaClient;
  let sql: Sql;
  let relaxed: Sql;
  let probe: () => Promise<void>;
  let pools: GuardedPool[] = [];
  let closing: Promise<void> | undefined;
  if (provider === 'postgres') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { GuardedPool } = await import('./pg-pool.js');
    const { PrismaClient: PgClient } = require('./generated/postgres/index.js') as { PrismaClient: new (o: object) => PrismaClient };
    // One pool for Prisma and the hand-written statements.
    const pool = new GuardedPool({ ...o, connectionString: url, max: 10 });
    prisma = new PgClient({ adapter: new PrismaPg(pool) });
    sql = new PgSql(pool);
    // A session setting on each new connection, set before the connection is first used.
    // Its statements are one-row bookkeeping on the ack path (receipts) and in delivery: short timeouts, so
    // a silent partition answers an event non-200 within Lark's 3 s (it delivers again) instead of holding it.
    const relaxedPool = new GuardedPool({
      statementTimeoutMs: 2000,
      queryTimeoutMs: 2500,
      ...o,
      connectionString: url,
      max: 4,
      sessionSetup: ['SET synchronous_commit TO off'],
    });
    relaxed = new PgSql(relaxedPool);
    pools = [pool, relaxedPool];
    probe = postgresProbe(pool, o.pingDeadlineMs);
  } else {
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    const { PrismaClient: SqliteClient } = require('./generated/sqlite/index.js') as { PrismaClient: new (o: object) => PrismaClient };
    const file = sqlitePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    // `timeout` is SQLite's busy timeout: writers wait for each other instead of failing at once.
    let connection: SerializedConnection | undefined;
    prisma = new SqliteClient({ adapter: serializedSqlite(new PrismaBetterSQLite3({ url: file, timeout: 10_000 }), (c) => (connection = c)) });
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    if (!connection) throw new Error('the SQLite adapter did not expose its connection');
    sql = new SqliteSql(connection.conn, connection.exclusive);
    relaxed = sql;
    // In WAL mode NORMAL stays crash-safe (a power cut may lose the last commits, never corrupt) and
    // avoids an fsync per event receipt.
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    probe = sqliteProbe(sql);
  }
  return {
    prisma,
    sql,
    relaxed,
    provider,
    ping: timeBoxedPing(probe, o.pingDeadlineMs),
    checkedOut: () => pools.reduce((n, p) => n + p.checkedOut, 0),
    close() {
      // Once: a second call (a test's cleanup after a shutdown) waits for the first.
      closing ??= (async () => {
        await prisma.$disconnect();
        await Promise.all(pools.map((p) => p.end()));
      })();
      return closing;
    },
  };
}

/** The client inside `prisma.$transaction(async (tx) => …)`: repositories take it to join a transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
