import pg from 'pg';

/**
 * The PostgreSQL connection pool under Prisma and the hand-written statements, with what plain pg.Pool
 * leaves to its callers:
 *
 * - A checked-out client whose connection breaks is released with the error (destroyed) at once, by
 *   the pool itself. Prisma 6.19's transaction manager ends an interactive transaction by running
 *   `ROLLBACK`/`COMMIT` through the transaction and only then calling its `rollback()`/`commit()`,
 *   which is where @prisma/adapter-pg releases the client; on a dead connection that statement throws,
 *   the release never runs and the client stays checked out for good (10 restarts: an empty pool).
 *   A failed `COMMIT`/`ROLLBACK` is released the same way even on a live connection, for the same reason.
 *   Releasing twice is harmless here: the first release wins.
 * - Queries on one client run one after another. pg 8 queues overlapping ones itself but warns that
 *   pg 9 will not ("Calling client.query() when the client is already executing a query").
 * - Each new connection is set up (session settings) before it is handed out, not by a query queued in
 *   the 'connect' event ahead of the caller's.
 * - Timeouts everywhere, so that a silent network partition fails a query instead of hanging it: TCP
 *   keepalive, a connect timeout, a server-side statement and idle-in-transaction timeout, and a
 *   client-side read timeout a little longer than the statement timeout (the server cancels first
 *   while it is reachable; the client gives up when it is not).
 */
export interface PoolTimeouts {
  /** Server-side: a statement running longer is cancelled (its connection stays usable). Default 30 s. */
  statementTimeoutMs?: number;
  /** Client-side: no answer for this long → the query fails and its connection is destroyed. Default statement timeout + 5 s. */
  queryTimeoutMs?: number;
  /** Opening a connection (TCP, TLS, authentication). Default 5 s. */
  connectTimeoutMs?: number;
  /** Server-side: a transaction left idle this long is ended with its session. Default 60 s. */
  idleInTransactionTimeoutMs?: number;
}

export interface GuardedPoolOptions extends PoolTimeouts {
  connectionString: string;
  max: number;
  /** More session settings for every connection of this pool, e.g. `SET synchronous_commit TO off`. */
  sessionSetup?: string[];
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

type Callback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: Error | boolean) => void) => void;

/** Statements after whose failure Prisma's transaction manager never releases the client. */
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK|END|ABORT)\b/i;

/** The connection itself is gone or out of step (not a statement the server refused). */
function connectionBroken(err: unknown): boolean {
  if (!(err instanceof pg.DatabaseError)) return true;
  return err.severity === 'FATAL' || err.severity === 'PANIC';
}

/** What the pool keeps per client, from its first connection on. */
interface Guard {
  /** Not yet set up (session settings). */
  fresh: boolean;
  /** The release of the current checkout (undefined while idle in the pool). */
  lease?: (err?: Error) => void;
  /** The client's queries, one after another. */
  tail: Promise<unknown>;
}

type Untyped = (...args: unknown[]) => unknown;

export class GuardedPool extends pg.Pool {
  private readonly guards = new WeakMap<pg.PoolClient, Guard>();
  private readonly setup: string;
  private checkedOutCount = 0;

  constructor(o: GuardedPoolOptions) {
    const statementTimeout = o.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    super({
      connectionString: o.connectionString,
      max: o.max,
      connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
      query_timeout: o.queryTimeoutMs ?? statementTimeout + 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // Session settings rather than startup options, which a pooler such as PgBouncer refuses.
    this.setup = [
      `SET statement_timeout TO ${Math.floor(statementTimeout)}`,
      `SET idle_in_transaction_session_timeout TO ${Math.floor(o.idleInTransactionTimeoutMs ?? 60_000)}`,
      ...(o.sessionSetup ?? []),
    ].join('; ');
    // Emitted for each new client before its first checkout.
    this.on('connect', (client) => this.guards.set(client, adopt(client)));
    // An idle client lost (server restart): the pool drops it and opens another when needed.
    this.on('error', () => undefined);
  }

  /** Clients handed out and not yet released (leak detection; healthy: back to 0 when idle). */
  get checkedOut(): number {
    return this.checkedOutCount;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: Callback): void;
  override connect(callback?: Callback): Promise<pg.PoolClient> | void {
    const ready = super.connect().then((client) => this.checkout(client));
    if (!callback) return ready;
    ready.then(
      (client) => callback(undefined, client, client.release),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }

  private async checkout(client: pg.PoolClient): Promise<pg.PoolClient> {
    let guard = this.guards.get(client);
    if (!guard) this.guards.set(client, (guard = adopt(client)));
    this.checkedOutCount++;
    const poolRelease = client.release;
    let released = false;
    // The first release wins; later ones (Prisma's own, after the pool released a broken client) do nothing.
    const release = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      this.checkedOutCount--;
      if (guard.lease === release) guard.lease = undefined;
      poolRelease.call(client, err);
    };
    guard.lease = release;
    client.release = release;
    if (guard.fresh) {
      guard.fresh = false;
      try {
        await client.query(this.setup);
      } catch (err) {
        release(asError(err));
        throw err;
      }
    }
    return client;
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Installs the guard on a new client, once: its listeners and query wrapper outlive each checkout. */
function adopt(client: pg.PoolClient): Guard {
  const guard: Guard = { fresh: true, tail: Promise.resolve() };
  // The untyped original: the overloads of pg's typings do not survive being passed through.
  const plainQuery = client.query as unknown as Untyped;
  // The connection died with nobody awaiting it (a transaction between statements): released now. The
  // listener also keeps pg from throwing the 'error' event at the process while the client is out.
  client.on('error', (err: Error) => guard.lease?.(err));
  client.on('end', () => guard.lease?.(new Error('connection ended while checked out')));
  const query = (config: unknown, values?: unknown, cb?: unknown): unknown => {
    if (typeof (config as { submit?: unknown })?.submit === 'function') return plainQuery.call(client, config);
    const callback = (typeof values === 'function' ? values : cb) as ((e: unknown, r?: unknown) => void) | undefined;
    const params = typeof values === 'function' ? undefined : values;
    const text = typeof config === 'string' ? config : ((config as { text?: string })?.text ?? '');
    const lease = guard.lease;
    const run = () => plainQuery.call(client, config, params) as Promise<pg.QueryResult>;
    const result = guard.tail.then(run, run).catch((err: unknown) => {
      if (connectionBroken(err) || ENDS_TRANSACTION.test(text)) lease?.(asError(err));
      throw err;
    });
    guard.tail = result.catch(() => undefined);
    if (!callback) return result;
    result.then(
      (r) => callback(undefined, r),
      (e: unknown) => callback(e),
    );
    return undefined;
  };
  client.query = query as typeof client.query;
  return guard;
}
