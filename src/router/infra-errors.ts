import { BotError } from '../errors.js';

/**
 * Which failures are the infrastructure's — the database unreachable, a connection cut or timed out —
 * rather than the person's (a BotError) or the code's (a TypeError): those are worth retrying, the others
 * would fail the same way again. Recognised by shape, whichever layer raised them (pg, Prisma with its
 * driver adapter, better-sqlite3), so the router needs no database import.
 */

/** Socket-level failures (Node system error codes). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Prisma: can't reach / timed out / server closed the connection / pool timeout / transaction API error. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);

/** Prisma driver-adapter error kinds (meta.driverAdapterError.cause.kind). */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception); 57P01–57P03 (shutdown, crash, cannot connect
 * now), 57014 (statement timeout), 55P03 (lock timeout); class 53 (too many connections, disk full,
 * out of memory); class 58 (I/O error); 25006 (read-only: a failover landed on a replica).
 */
const PG_STATE = /^(08...|57P0[123]|57014|55P03|53...|58...|25006)$/;

/** SQLite: busy or locked past the busy timeout, I/O error, disk full, cannot open. */
const SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;
/** The same by primary result code, as the driver adapter reports it (extendedCode & 0xff). */
const SQLITE_PRIMARY = new Set([5, 6, 10, 13, 14, 15]);

/** pg's own messages for a dead or timed-out client (they carry no code). */
const PG_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /terminating connection/i,
  /Can't reach database server/i,
];

export function isInfrastructureError(err: unknown): boolean {
  return scan(err, 0);
}

function scan(err: unknown, depth: number): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  // A BotError is an answer for the person, even when it wraps a cause.
  if (err instanceof BotError) return false;
  const e = err as {
    code?: unknown;
    errorCode?: unknown;
    kind?: unknown;
    extendedCode?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: unknown;
    errors?: unknown;
  };
  // PrismaClientInitializationError names its code `errorCode`.
  const code = typeof e.code === 'string' ? e.code : typeof e.errorCode === 'string' ? e.errorCode : undefined;
  if (code && (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || PG_STATE.test(code) || SQLITE_CODE.test(code))) return true;
  if (typeof e.kind === 'string') {
    if (ADAPTER_KINDS.has(e.kind)) return true;
    if (e.kind === 'postgres' && typeof e.code === 'string' && PG_STATE.test(e.code)) return true;
    if (e.kind === 'sqlite' && typeof e.extendedCode === 'number' && SQLITE_PRIMARY.has(e.extendedCode & 0xff)) return true;
  }
  // Plain errors only: a programming error's message may quote anything.
  if (err.constructor === Error && typeof e.message === 'string' && PG_MESSAGES.some((p) => p.test(e.message as string))) return true;
  const adapter = (e.meta as { driverAdapterError?: { cause?: unknown } } | undefined)?.driverAdapterError;
  if (adapter && scan(adapter.cause, depth + 1)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => scan(x, depth + 1))) return true;
  return scan(e.cause, depth + 1);
}
