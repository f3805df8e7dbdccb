import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { listMigrations, migrate, splitStatements } from '../../src/db/migrate.js';
import { SqlReceiptStore } from '../../src/db/receipts.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

const require = createRequire(import.meta.url);

describe(`persistence on ${testProvider}`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('applies every migration once, even when two instances start together', async () => {
    const other = await openDatabase(url);
    // Several instances share a database only on PostgreSQL. Two SQLite connections in one process would
    // block each other's event loop (better-sqlite3 waits synchronously on a lock), so they go one by one.
    const [a, b] = testProvider === 'postgres' ? await Promise.all([migrate(db), migrate(other)]) : [await migrate(db), await migrate(other)];
    await other.close();
    expect([...a, ...b].sort()).toEqual(listMigrations(testProvider).map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
  });

  it('has a table with every column of every model (schema and migrations in step)', async () => {
    const { Prisma } = require(`../../src/db/generated/${testProvider}/index.js`) as {
      Prisma: { dmmf: { datamodel: { models: { name: string; dbName: string | null; fields: { name: string; kind: string; dbName?: string | null }[] }[] } } };
    };
    for (const model of Prisma.dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const columns =
        testProvider === 'sqlite'
          ? (await db.prisma.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`)).map((c) => c.name)
          : (
              await db.prisma.$queryRawUnsafe<{ column_name: string }[]>(
                `SELECT column_name::text AS column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
                table,
              )
            ).map((c) => c.column_name);
      const expected = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.dbName ?? f.name);
      expect({ table, columns: columns.sort() }).toEqual({ table, columns: expected.sort() });
    }
  });

  it('claims a receipt once, also under concurrent claims', async () => {
    const store = new SqlReceiptStore(db.sql);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.claim('msg:om_same')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.claim('msg:om_other')).toBe(true);
  });

  it('claims a windowed receipt again once the window has passed (card clicks), once under concurrent claims', async () => {
    const store = new SqlReceiptStore(db.sql);
    expect(await store.claim('card:om_w', 30_000)).toBe(true);
    expect(await store.claim('card:om_w', 30_000)).toBe(false);
    await db.prisma.inboundReceipt.update({ where: { key: 'card:om_w' }, data: { receivedAt: new Date(Date.now() - 60_000) } });
    const results = await Promise.all(Array.from({ length: 4 }, () => store.claim('card:om_w', 30_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.claim('card:om_w', 30_000)).toBe(false);
  });

  it('prunes receipts older than an age by its own physical clock', async () => {
    const DAY = 86_400_000;
    let now = Date.now();
    const store = new SqlReceiptStore(db.sql, () => now);
    await store.claim('msg:om_old');
    now += 6 * DAY;
    expect(await store.prune(7 * DAY)).toBe(0);
    expect(await store.claim('msg:om_old')).toBe(false);
    now += 2 * DAY;
    expect(await store.prune(7 * DAY)).toBeGreaterThanOrEqual(1);
    expect(await store.claim('msg:om_old')).toBe(true);
  });

  it('reports its health', async () => {
    expect(await db.ping()).toBe(true);
  });
});

describe('splitStatements', () => {
  it('splits Prisma migration SQL into statements, dropping comments', () => {
    const sql = '-- CreateTable\nCREATE TABLE "A" (\n  "x" TEXT\n);\n\n-- CreateIndex\nCREATE INDEX "i" ON "A"("x");\n';
    expect(splitStatements(sql)).toEqual(['CREATE TABLE "A" (\n  "x" TEXT\n)', 'CREATE INDEX "i" ON "A"("x")']);
  });
});

describe(`writes outside a transaction that rolls back (${testProvider})`, () => {
  it('are kept: a receipt recorded while another transaction is open survives its rollback', async () => {
    const { url, drop } = await createTestDatabaseUrl();
    const db = await openDatabase(url);
    await migrate(db);
    const store = new SqlReceiptStore(db.sql);
    let claimed: Promise<boolean> | undefined;
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.counter.create({ data: { name: 'doomed', value: 1 } });
        // Another event arrives meanwhile and records its receipt on the shared client.
        claimed = store.claim('msg:om_meanwhile');
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('business rule refused the change');
      }),
    ).rejects.toThrow('business rule');
    expect(await claimed).toBe(true);
    expect(await db.prisma.counter.count({ where: { name: 'doomed' } })).toBe(0);
    expect(await db.prisma.inboundReceipt.count({ where: { key: 'msg:om_meanwhile' } })).toBe(1);
    await db.close();
    await drop();
  });
});
