import pg from 'pg';
import type { Query, Sql, SqlRunner } from './sql.js';
import { MAX_CACHED_STATEMENTS, textOf } from './sql-text.js';

/** The PostgreSQL runner: named prepared statements on the pool; a connection that cannot roll back is released broken. */

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // Prisma keeps UTC in `timestamp(3)` (no zone); pg would read it as local time.
    if (oid === TIMESTAMP_OID) return (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
    if (oid === INT8_OID) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

function encodePg(v: unknown): unknown {
  // Sent as UTC text: a Date would be sent in the process's local time and `timestamp` drops the zone.
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

const pgTexts = new Map<string, { text: string; name: string }>();

function pgText(parts: readonly string[]): { text: string; name: string } {
  const key = textOf(parts, '?');
  let t = pgTexts.get(key);
  if (!t) {
    if (pgTexts.size >= MAX_CACHED_STATEMENTS) return { text: parts.reduce((acc, s, i) => `${acc}$${i}${s}`), name: '' };
    // Named: each pooled connection prepares it once and then only binds.
    t = { text: parts.reduce((acc, s, i) => `${acc}$${i}${s}`), name: `sanban_${pgTexts.size + 1}` };
    pgTexts.set(key, t);
  }
  return t;
}

interface PgQueryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
}

class PgRunner implements SqlRunner {
  readonly provider = 'postgres' as const;
  constructor(protected readonly target: PgQueryable) {}

  protected exec(q: Query): Promise<pg.QueryResult> {
    const { text, name } = pgText(q.parts);
    return this.target.query({ text, ...(name ? { name } : {}), values: q.values.map(encodePg), types: pgTypes });
  }

  async all<T>(q: Query): Promise<T[]> {
    return (await this.exec(q)).rows as T[];
  }

  async get<T>(q: Query): Promise<T | undefined> {
    return (await this.exec(q)).rows[0] as T | undefined;
  }

  async run(q: Query): Promise<number> {
    return (await this.exec(q)).rowCount ?? 0;
  }
}

export class PgSql extends PgRunner implements Sql {
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(new PgRunner(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is not given back to the pool for reuse.
      await client.query('ROLLBACK').catch((e: Error) => void (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  }
}
