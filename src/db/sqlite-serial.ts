import type { Exclusive, SqliteConnection } from './sql-sqlite.js';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/**
 * The SQLite adapter runs every query on one connection. While an interactive transaction is open on
 * it, any other query (an event receipt, an outbox row) would run inside that transaction — and vanish
 * if it rolls back. This wrapper makes top-level queries wait while a transaction holds the connection;
 * queries of the transaction itself go through the transaction object and never wait.
 */
class Gate {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once everyone who asked before has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK|END|ABORT)\b/i;

function serialize(inner: SqlDriverAdapter, onConnect?: (c: SerializedConnection) => void): SqlDriverAdapter {
  const gate = new Gate();
  // The adapter's better-sqlite3 connection: the fast path (sql.ts) runs its statements on it, under the same gate.
  const conn = (inner as unknown as { client?: SqliteConnection }).client;
  if (conn && onConnect) onConnect({ conn, exclusive: (fn) => gate.run(fn) });
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => gate.run(() => inner.queryRaw(q)),
    executeRaw: (q: SqlQuery) => gate.run(() => inner.executeRaw(q)),
    executeScript: (script: string) => gate.run(() => inner.executeScript(script)),
    async startTransaction(isolationLevel) {
      const release = await gate.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      let done = false;
      const finish = async (end: () => Promise<void>) => {
        try {
          await end();
        } finally {
          if (!done) {
            done = true;
            release();
          }
        }
      };
      // Prisma's transaction manager runs COMMIT/ROLLBACK as a statement and only after it succeeded
      // calls commit()/rollback(), which unlock the connection. A COMMIT that fails (a deferred foreign
      // key, a full disk) would leave the one connection locked, every later query waiting, and — for a
      // deferred constraint — still inside the transaction. So a failed end rolls back and unlocks here.
      const executeRaw = async (q: SqlQuery) => {
        try {
          return await tx.executeRaw(q);
        } catch (err) {
          if (ENDS_TRANSACTION.test(q.sql)) {
            await finish(async () => {
              if (conn?.inTransaction) conn.prepare('ROLLBACK').run();
              await tx.rollback();
            }).catch(() => undefined);
          }
          throw err;
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q: SqlQuery) => tx.queryRaw(q),
        executeRaw,
        commit: () => finish(() => tx.commit()),
        rollback: () => finish(() => tx.rollback()),
      };
    },
    dispose: () => inner.dispose(),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
  };
  return adapter;
}

export interface SerializedConnection {
  conn: SqliteConnection;
  exclusive: Exclusive;
}

/**
 * The SQLite adapter factory with its connections serialized around transactions. `onConnect` receives
 * the raw connection and its gate when Prisma connects, for statements that bypass Prisma.
 */
export function serializedSqlite(
  factory: SqlMigrationAwareDriverAdapterFactory,
  onConnect?: (c: SerializedConnection) => void,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect(), onConnect),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  };
}
