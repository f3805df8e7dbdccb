import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { note } from './report.js';

/** The PostgreSQL server the drills may use (as the test suite: TEST_POSTGRES_URL, trust auth on loopback). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const where = () => {
  const u = new URL(POSTGRES_ADMIN_URL);
  return `${u.hostname}:${u.port || '5432'}`;
};

export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh, empty database on that server, and how to drop it (even while connections remain). */
export async function createPostgresDatabase(prefix: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A suite that needs PostgreSQL. Unreachable: skipped with a note locally, but in CI (CI=true) the
 * suite fails instead, so that a broken CI database cannot turn the drill green by skipping it.
 */
export async function describeWithPostgres(drill: string, title: string, body: () => void): Promise<void> {
  const probe = await probePostgres();
  if (probe.ok) {
    describe(title, body);
    return;
  }
  const why = `PostgreSQL is not reachable at ${where()} (${probe.reason})`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('runs against PostgreSQL (required in CI)', () => {
        throw new Error(`${why}. In CI this drill must run: start PostgreSQL or set TEST_POSTGRES_URL.`);
      });
    });
    return;
  }
  note(drill, `SKIPPED: ${why}. Start PostgreSQL or set TEST_POSTGRES_URL to run it (in CI, CI=true, a skip fails).`);
  describe(title, () => {
    it.skip(`needs PostgreSQL: ${why}`, () => undefined);
  });
}
