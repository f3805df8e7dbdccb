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
