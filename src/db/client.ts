import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { PrismaClient } from './generated/sqlite/index.js';
import { serializedSqlite, type SerializedConnection } from './sqlite-serial.js';
import { PgSql, SqliteSql, type Sql } from './sql.js';

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
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
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

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  let prisma: PrismaClient;
  let sql: Sql;
  let relaxed: Sql;
  let closePool = async () => {};
  if (provider === 'postgres') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const pg = (await import('pg')).default;
    const { PrismaClient: PgClient } = require('./generated/postgres/index.js') as { PrismaClient: new (o: object) => PrismaClient };
    // One pool for Prisma and the hand-written statements.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined); // an idle client lost (server restart): the pool replaces it
    prisma = new PgClient({ adapter: new PrismaPg(pool) });
    sql = new PgSql(pool);
    const relaxedPool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
    relaxedPool.on('error', () => undefined);
    // A session setting (not a startup option, which a pooler such as PgBouncer refuses): queued on each
    // new connection before the query it was opened for.
    relaxedPool.on('connect', (client) => void client.query('SET synchronous_commit TO off').catch(() => undefined));
    relaxed = new PgSql(relaxedPool);
    closePool = async () => {
      await Promise.all([pool.end(), relaxedPool.end()]);
    };
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
  }
  return {
    prisma,
    sql,
    relaxed,
    provider,
    async ping() {
      try {
        await prisma.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await closePool();
    },
  };
}

/** The client inside `prisma.$transaction(async (tx) => …)`: repositories take it to join a transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
