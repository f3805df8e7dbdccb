#!/usr/bin/env node
// Prisma housekeeping for two providers from one source schema, offline (Prisma 6.19, JS schema engine).
//   generate          derive the PostgreSQL schema, then generate both clients (runs at npm install)
//   derive [--check]  write (or check) prisma/postgres/schema.prisma from prisma/schema.prisma
//   migration <name>  write a new migration for both providers from the change since the last one
//   check             CI drift check: derived schema up to date, no model change without a migration
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SOURCE = join(root, 'prisma/schema.prisma');
const PG_SCHEMA = join(root, 'prisma/postgres/schema.prisma');
const SNAPSHOT = join(root, 'prisma/migrations/.schema-at-last-migration.prisma');
const MIGRATIONS = { sqlite: join(root, 'prisma/migrations'), postgres: join(root, 'prisma/postgres/migrations') };
const URLS = { sqlite: 'file:./data/prisma-cli.db', postgres: 'postgresql://localhost:5432/unused' };
const prismaBin = join(root, 'node_modules/prisma/build/index.js');

function toPostgres(schema) {
  return schema
    .replace(
      '// The one source of the data model.',
      '// GENERATED from prisma/schema.prisma by `npm run db:derive`: do not edit.\n// The one source of the data model.',
    )
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace('output     = "../src/db/generated/sqlite"', 'output     = "../../src/db/generated/postgres"');
}

function prisma(args, provider, options = {}) {
  return execFileSync(process.execPath, [prismaBin, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: URLS[provider], PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
}

function derive(check) {
  const expected = toPostgres(readFileSync(SOURCE, 'utf8'));
  const actual = existsSync(PG_SCHEMA) ? readFileSync(PG_SCHEMA, 'utf8') : '';
  if (check) {
    if (actual !== expected) {
      console.error('prisma/postgres/schema.prisma is out of date: run `npm run db:derive` and commit it.');
      process.exit(1);
    }
    return;
  }
  if (actual !== expected) {
    mkdirSync(join(root, 'prisma/postgres'), { recursive: true });
    writeFileSync(PG_SCHEMA, expected);
  }
}

function schemaFor(provider, text) {
  return provider === 'sqlite' ? text : toPostgres(text);
}

function migration(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name_in_snake_case>');
    process.exit(2);
  }
  derive(false);
  const current = readFileSync(SOURCE, 'utf8');
  const previous = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, 'utf8') : null;
  if (previous === current) {
    console.log('The schema has not changed since the last migration.');
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const tmp = join(root, 'data/.prisma-tmp');
  mkdirSync(tmp, { recursive: true });
  for (const provider of ['sqlite', 'postgres']) {
    const to = join(tmp, `${provider}-to.prisma`);
    writeFileSync(to, schemaFor(provider, current));
    const from =
      previous === null
        ? ['--from-empty']
        : (() => {
            const f = join(tmp, `${provider}-from.prisma`);
            writeFileSync(f, schemaFor(provider, previous));
            return ['--from-schema-datamodel', f];
          })();
    // `migrate diff` between two datamodels connects to nothing, but the CLI still validates the config's
    // schema (SQLite) against DATABASE_URL, so it always runs with the SQLite URL.
    const sql = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script'], 'sqlite', { capture: true });
    const dir = join(MIGRATIONS[provider], `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    writeFileSync(join(MIGRATIONS[provider], 'migration_lock.toml'), `provider = "${provider === 'sqlite' ? 'sqlite' : 'postgresql'}"\n`);
    console.log(`wrote ${dir}/migration.sql`);
  }
  writeFileSync(SNAPSHOT, current);
}

function check() {
  derive(true);
  const current = readFileSync(SOURCE, 'utf8');
  if (!existsSync(SNAPSHOT) || readFileSync(SNAPSHOT, 'utf8') !== current) {
    console.error('prisma/schema.prisma changed without a migration: run `npm run db:migration -- <name>`.');
    process.exit(1);
  }
  const names = (p) =>
    readdirSync(MIGRATIONS[p], { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .join(',');
  if (names('sqlite') !== names('postgres')) {
    console.error('The SQLite and PostgreSQL migration folders differ: every migration must exist for both providers.');
    process.exit(1);
  }
  console.log('prisma: schemas and migrations in step');
}

const [command, arg] = process.argv.slice(2);
if (command === 'generate') {
  derive(false);
  prisma(['generate', '--schema', SOURCE], 'sqlite');
  prisma(['generate', '--schema', PG_SCHEMA], 'postgres');
} else if (command === 'derive') derive(arg === '--check');
else if (command === 'migration') migration(arg);
else if (command === 'check') check();
else {
  console.error('usage: node scripts/prisma.mjs generate | derive [--check] | migration <name> | check');
  process.exit(2);
}
