import type { Query, Sql, SqlRunner } from './sql.js';
import { MAX_CACHED_STATEMENTS, textOf } from './sql-text.js';

/** The SQLite runner: better-sqlite3's prepared statements, serialised with Prisma's transactions (sqlite-serial.ts). */

/** The parts of a better-sqlite3 connection used here. */
export interface SqliteConnection {
  prepare(source: string): SqliteStatement;
  readonly inTransaction: boolean;
}
interface SqliteStatement {
  reader: boolean;
  safeIntegers(on: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

/** Runs `fn` while no Prisma transaction holds the shared connection (see sqlite-serial.ts). */
export type Exclusive = <T>(fn: () => Promise<T>) => Promise<T>;

function encodeSqlite(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === undefined ? null : v;
}

class SqliteRunner implements SqlRunner {
  readonly provider = 'sqlite' as const;
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(
    protected readonly conn: SqliteConnection,
    /** Top level: wait for the connection; inside our own transaction: already held. */
    protected readonly hold: Exclusive,
  ) {}

  protected statement(q: Query): SqliteStatement {
    const text = textOf(q.parts, '?');
    let st = this.statements.get(text);
    if (!st) {
      // Texts vary only with the shape of a filter or the length of an IN list: a few dozen in practice.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      st = this.conn.prepare(text);
      if (st.reader) st.safeIntegers(false);
      this.statements.set(text, st);
    }
    return st;
  }

  all<T>(q: Query): Promise<T[]> {
    return this.hold(async () => this.statement(q).all(...q.values.map(encodeSqlite)) as T[]);
  }

  get<T>(q: Query): Promise<T | undefined> {
    return this.hold(async () => this.statement(q).get(...q.values.map(encodeSqlite)) as T | undefined);
  }

  run(q: Query): Promise<number> {
    return this.hold(async () => {
      const st = this.statement(q);
      // A statement with RETURNING is a reader: run it through all() so its rows are consumed.
      if (st.reader) return st.all(...q.values.map(encodeSqlite)).length;
      return st.run(...q.values.map(encodeSqlite)).changes;
    });
  }
}

const inHand: Exclusive = (fn) => fn();

export class SqliteSql extends SqliteRunner implements Sql {
  private readonly inner: SqliteRunner;

  constructor(conn: SqliteConnection, exclusive: Exclusive) {
    super(conn, exclusive);
    this.inner = new SqliteRunner(conn, inHand);
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.hold(async () => {
      this.conn.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await fn(this.inner);
        this.conn.prepare('COMMIT').run();
        return result;
      } catch (err) {
        // Some failures (disk full, I/O error, a failed COMMIT) end the transaction themselves: a ROLLBACK
        // then would throw and hide the real error.
        if (this.conn.inTransaction) this.conn.prepare('ROLLBACK').run();
        throw err;
      }
    });
  }
}
