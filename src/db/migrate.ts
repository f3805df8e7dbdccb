import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, PrismaClient } from './client.js';
import { HEALTH_TABLE } from './health.js';

/**
 * Applies the provider's migration folder at start, in order, each once. The SQL files are the ones Prisma
 * writes (`npm run db:migration`); the bot applies them itself so that start needs no CLI and no engine.
 * On PostgreSQL an advisory lock makes concurrent starts of several instances safe.
 */
const root = new URL('../../prisma/', import.meta.url).pathname;
const MIGRATION_DIRS = { sqlite: join(root, 'migrations'), postgres: join(root, 'postgres', 'migrations') };
const LOCK_ID = 4_242_020_251;

export function listMigrations(provider: Database['provider']): { name: string; sql: string }[] {
  const dir = MIGRATION_DIRS[provider];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name, 'migration.sql'), 'utf8') }));
}

/** Prisma's migration SQL: statements end with `;` at the end of a line; `--` comments are dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

type Tx = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  const migrations = listMigrations(db.provider);
  const createLedger = 'CREATE TABLE IF NOT EXISTS "_sanban_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)';
  if (db.provider === 'sqlite') await db.prisma.$executeRawUnsafe(createLedger);
  await db.prisma.$transaction(
    async (tx: Tx) => {
      if (db.provider === 'postgres') {
        // A migration step on a large table may run longer than the pool's statement timeout (the client's
        // read timeout still bounds each statement).
        await tx.$executeRawUnsafe('SET LOCAL statement_timeout = 0');
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_ID})`);
        await tx.$executeRawUnsafe(createLedger);
      } else {
        // A write first takes SQLite's write lock now: two deferred transactions that both read and then
        // write would deadlock instead of waiting for each other.
        await tx.$executeRawUnsafe('UPDATE "_sanban_migrations" SET "name" = "name" WHERE 0');
      }
      const rows = await tx.$queryRawUnsafe<{ name: string }[]>('SELECT "name" FROM "_sanban_migrations"');
      const done = new Set(rows.map((r) => r.name));
      // Outside Prisma's schema, as the ledger: the row db.ping() rewrites (health.ts).
      await tx.$executeRawUnsafe(HEALTH_TABLE[db.provider]);
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        for (const statement of splitStatements(m.sql)) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(
          db.provider === 'postgres'
            ? 'INSERT INTO "_sanban_migrations" ("name", "appliedAt") VALUES ($1, $2)'
            : 'INSERT INTO "_sanban_migrations" ("name", "appliedAt") VALUES (?, ?)',
          m.name,
          new Date().toISOString(),
        );
        applied.push(m.name);
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return applied;
}
