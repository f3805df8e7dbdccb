import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Fresh databases for the bench parts that seed their own data: a temporary SQLite file, or a PostgreSQL
 * database created for the run and dropped afterwards. The PostgreSQL server is the one
 * BENCH_POSTGRES_URL names, else BENCH_DATABASE_URL's server (that database itself is left to the chase
 * part, which needs it empty), else postgresql://postgres@127.0.0.1:5432/postgres.
 */
export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

export function freshSqlite(name = 'bench'): FreshDatabase {
  const dir = mkdtempSync(join(tmpdir(), `sanban-${name}-`));
  return { url: `file:${join(dir, `${name}.db`)}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function adminUrl(): string {
  if (process.env.BENCH_POSTGRES_URL) return process.env.BENCH_POSTGRES_URL;
  const server = new URL(process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  return server.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh PostgreSQL database, or the reason there is none (server unreachable, no CREATE DATABASE right). */
export async function freshPostgres(): Promise<FreshDatabase | { unavailable: string }> {
  const name = `sanban_bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    const server = new URL(adminUrl());
    return { unavailable: `PostgreSQL at ${server.host} not usable: ${(err as Error).message}` };
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export const postgresAvailable = (x: FreshDatabase | { unavailable: string }): x is FreshDatabase => 'url' in x;
