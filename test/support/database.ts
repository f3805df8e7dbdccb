import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database per test file. TEST_DATABASE=postgres runs the suite against the PostgreSQL
 * server (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test): each file gets its own
 * database, created from that connection and dropped afterwards.
 */
export const testProvider = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres';
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export async function createTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testProvider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sanban-test-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sanban_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
