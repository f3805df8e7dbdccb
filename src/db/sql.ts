import pg from 'pg';

/**
 * Hand-written SQL for the few statements that run on every event: the receipt, the acting person, the
 * outbox, the card a click lands on. Prisma's client engine compiles each query in WebAssembly before it
 * runs it (about 1 ms of CPU per call on our 2-core machines, ~300× a prepared SQLite statement), and at
 * a few hundred events a second that alone fills the event loop that must ack Lark within 3 s.
 *
 * Same tables and the same encodings as Prisma writes them: timestamps as ISO-8601 text with `+00:00` on
 * SQLite (the adapter's default, so text comparison orders them) and `timestamp(3)` in UTC on PostgreSQL;
 * booleans as 0/1 on SQLite. Identifiers are double-quoted, which both dialects accept. Everything else
 * (domain writes, jobs, admin) stays on Prisma.
 */
export type Provider = 'sqlite' | 'postgres';

export interface Query {
  /** The text around the values: `parts.length === values.length + 1`. */
  readonly parts: readonly string[];
  readonly values: readonly unknown[];
}

const QUERY = Symbol('sql.query');

/**
 * `sql\`SELECT … WHERE "key" = ${key}\`` — values are always bound, never spliced into the text. A value
 * that is itself a `sql` fragment (a filter built from parts) is inlined with its own values.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Query {
  if (!values.some(isQuery)) return { parts: strings, values, [QUERY]: true } as Query;
  const parts: string[] = [strings[0]!];
  const flat: unknown[] = [];
  values.forEach((v, i) => {
    if (isQuery(v)) {
      parts[parts.length - 1] += v.parts[0]!;
      for (let j = 0; j < v.values.length; j++) {
        flat.push(v.values[j]);
        parts.push(v.parts[j + 1]!);
      }
      parts[parts.length - 1] += strings[i + 1]!;
    } else {
      flat.push(v);
      parts.push(strings[i + 1]!);
    }
  });
  return { parts, values: flat, [QUERY]: true } as Query;
}

function isQuery(v: unknown): v is Query {
  return typeof v === 'object' && v !== null && QUERY in v;
}

/** Fragments joined by `separator` (e.g. conditions by AND). */
export function join(fragments: readonly Query[], separator: string): Query {
  if (!fragments.length) throw new Error('join: no fragments');
  const parts: string[] = [''];
  const values: unknown[] = [];
  fragments.forEach((f, i) => {
    parts[parts.length - 1] += (i ? separator : '') + f.parts[0]!;
    for (let j = 0; j < f.values.length; j++) {
      values.push(f.values[j]);
      parts.push(f.parts[j + 1]!);
    }
  });
  return { parts, values, [QUERY]: true } as Query;
}

/** Trusted text spliced as is (a column name chosen by the code): never pass anything a person typed. */
export function raw(text: string): Query {
  return { parts: [text], values: [], [QUERY]: true } as Query;
}

/** `(?, ?, ?)` for a non-empty list of values, for `IN`. */
export function list(values: readonly unknown[]): Query {
  if (!values.length) throw new Error('list: no values (IN () is not SQL)');
  return { parts: ['(', ...values.slice(1).map(() => ', '), ')'], values, [QUERY]: true } as Query;
}

export type Row = Record<string, unknown>;

export interface SqlRunner {
  readonly provider: Provider;
  all<T = Row>(q: Query): Promise<T[]>;
  get<T = Row>(q: Query): Promise<T | undefined>;
  /** Rows changed. */
  run(q: Query): Promise<number>;
}

export interface Sql extends SqlRunner {
  /** Statements in one transaction (SQLite: BEGIN IMMEDIATE on the shared connection; PostgreSQL: one pooled client). */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

// ---- decoding: what a column holds on either database → what the code uses -------------------------

export function asDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'string') return new Date(v);
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  throw new TypeError(`not a timestamp: ${String(v)}`);
}

export function asDateOrNull(v: unknown): Date | null {
  return v === null || v === undefined ? null : asDate(v);
}

export function asBool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n || v === '1' || v === 't';
}

export function asInt(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

const MAX_CACHED_STATEMENTS = 500;

/** The parts of a plain template literal are the same array at every call: joined once, not per statement. */
const joinedTemplates = new WeakMap<readonly string[], string>();
function textOf(parts: readonly string[], placeholder: string): string {
  if (!Object.isFrozen(parts)) return parts.join(placeholder); // composed from fragments: built per call
  let text = joinedTemplates.get(parts);
  if (text === undefined) joinedTemplates.set(parts, (text = parts.join(placeholder)));
  return text;
}

// ---- SQLite ---------------------------------------------------------------------------------------

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

// ---- PostgreSQL -----------------------------------------------------------------------------------

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

/** A fresh id for a row written here: cuid-shaped (`c` + time + counter + random, 25 chars), as Prisma's default. */
let idCounter = Math.floor(Math.random() * 1679616);
export function newId(): string {
  idCounter = (idCounter + 1) % 1679616;
  const time = Date.now().toString(36).padStart(8, '0').slice(-8);
  const count = idCounter.toString(36).padStart(4, '0');
  let random = '';
  while (random.length < 12) random += Math.random().toString(36).slice(2);
  return `c${time}${count}${random.slice(0, 12)}`;
}
