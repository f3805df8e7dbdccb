import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../drills/support/tcp-proxy.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { sql } from '../../src/db/sql.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/**
 * A transaction that dies — its COMMIT refused, its connection cut — must give its connection back.
 * Prisma's transaction manager releases a connection only after its COMMIT/ROLLBACK statement succeeded;
 * on PostgreSQL a client left checked out is lost for good (the pool has 10), on SQLite the one shared
 * connection stays locked and every later query waits forever.
 */
const MORE_THAN_THE_POOL = 12;

class NoAnswer extends Error {}

/** `p`, or a rejection naming `what` after `ms` (so that a wedged pool fails the test instead of hanging it). */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new NoAnswer(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** `p` fails, with its own error, within `ms` (an answer that never comes is not a failure). */
async function failsWithin(ms: number, what: string, p: Promise<unknown>): Promise<void> {
  const outcome = await within(ms, what, p).then(
    () => new Error(`${what} succeeded`),
    (err: unknown) => err,
  );
  if (outcome instanceof NoAnswer || (outcome instanceof Error && outcome.message === `${what} succeeded`)) throw outcome;
  expect(outcome).toBeInstanceOf(Error);
}

const deferredSchema = {
  sqlite: [
    'CREATE TABLE "t_parent" ("id" INTEGER PRIMARY KEY)',
    'CREATE TABLE "t_child" ("id" INTEGER PRIMARY KEY, "parentId" INTEGER REFERENCES "t_parent"("id") DEFERRABLE INITIALLY DEFERRED)',
  ],
  postgres: [
    'CREATE TABLE "t_parent" ("id" INTEGER PRIMARY KEY)',
    'CREATE TABLE "t_child" ("id" INTEGER PRIMARY KEY, "parentId" INTEGER REFERENCES "t_parent"("id") DEFERRABLE INITIALLY DEFERRED)',
  ],
};

describe(`a transaction whose COMMIT fails (${testProvider})`, () => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
    if (testProvider === 'sqlite') await db.prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    for (const statement of deferredSchema[testProvider]) await db.prisma.$executeRawUnsafe(statement);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('gives its connection back, more times than the pool has connections', async () => {
    for (let i = 1; i <= MORE_THAN_THE_POOL; i++) {
      // The missing parent is noticed only at COMMIT (a deferred constraint): the COMMIT statement fails.
      await failsWithin(
        5000,
        `transaction ${i}`,
        db.prisma.$transaction(async (tx) => tx.$executeRawUnsafe(`INSERT INTO "t_child" ("id", "parentId") VALUES (${i}, ${1000 + i})`)),
      );
    }
    expect(await within(5000, 'a query after the failed commits', db.sql.get<{ n: unknown }>(sql`SELECT count(*) AS "n" FROM "t_child"`))).toEqual({
      n: expect.anything(),
    });
    expect(Number((await db.sql.get<{ n: unknown }>(sql`SELECT count(*) AS "n" FROM "t_child"`))!.n)).toBe(0);
    // The connection is not left inside the failed transaction: a later write is committed for real.
    await within(
      5000,
      'a transaction after the failed commits',
      db.prisma.$transaction(async (tx) => tx.$executeRawUnsafe('INSERT INTO "t_parent" ("id") VALUES (1)')),
    );
    expect(Number((await db.sql.get<{ n: unknown }>(sql`SELECT count(*) AS "n" FROM "t_parent"`))!.n)).toBe(1);
    expect(db.checkedOut()).toBe(0);
  });
});

if (testProvider === 'postgres') {
  describe('a PostgreSQL connection cut inside a transaction', () => {
    let proxy: TcpProxy;
    let db: Database;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      let url: string;
      ({ url, drop } = await createTestDatabaseUrl());
      const server = new URL(url);
      proxy = new TcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
      await proxy.start();
      server.host = `127.0.0.1:${proxy.port}`;
      db = await openDatabase(server.toString());
      await migrate(db);
    });
    afterAll(async () => {
      await proxy?.start();
      await db?.close();
      await proxy?.stop();
      await drop?.();
    });

    /** Runs `tx` until it signals it is inside, cuts every connection, lets it go on, expects it to fail. */
    async function cutInside(start: (inside: () => void, goOn: Promise<void>) => Promise<unknown>): Promise<void> {
      let inside!: () => void;
      const entered = new Promise<void>((r) => (inside = r));
      let goOn!: () => void;
      const resumed = new Promise<void>((r) => (goOn = r));
      const done = start(inside, resumed);
      await within(5000, 'the transaction to start', entered);
      await proxy.stop();
      await proxy.start();
      goOn();
      await failsWithin(10_000, 'the cut transaction', done);
    }

    const key = (p: string, i: number) => `cut:${p}:${i}`;

    it('gives the connection back on every path: between statements, during one, in Prisma and in db.sql', async () => {
      for (let i = 0; i < MORE_THAN_THE_POOL; i++) {
        // Prisma, between two statements: the next statement and Prisma's ROLLBACK both fail.
        await cutInside((inside, goOn) =>
          db.prisma.$transaction(async (tx) => {
            await tx.inboundReceipt.create({ data: { key: key('prisma', i), receivedAt: new Date() } });
            inside();
            await goOn;
            await tx.inboundReceipt.create({ data: { key: key('prisma2', i), receivedAt: new Date() } });
          }),
        );
        // Prisma, while a statement is running.
        await cutInside((inside) =>
          db.prisma.$transaction(async (tx) => {
            const running = tx.$executeRawUnsafe('SELECT pg_sleep(2)');
            setTimeout(inside, 100);
            await running;
          }),
        );
        // The hand-written transactions, both pools.
        for (const runner of [db.sql, db.relaxed]) {
          await cutInside((inside, goOn) =>
            runner.transaction(async (tx) => {
              await tx.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${key('sql', i)}, ${new Date()})`);
              inside();
              await goOn;
              await tx.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${key('sql2', i)}, ${new Date()})`);
            }),
          );
        }
      }
      // Normal service: Prisma, db.sql and the relaxed pool answer, nothing was committed from the cut
      // transactions, no connection is still checked out, and closing does not wait for lost clients.
      expect(await within(5000, 'Prisma after the cuts', db.prisma.inboundReceipt.count({ where: { key: { startsWith: 'cut:' } } }))).toBe(0);
      await within(
        5000,
        'a Prisma transaction after the cuts',
        db.prisma.$transaction(async (tx) => tx.inboundReceipt.create({ data: { key: 'after', receivedAt: new Date() } })),
      );
      expect(await within(5000, 'db.sql after the cuts', db.sql.get(sql`SELECT 1 AS "one"`))).toEqual({ one: 1 });
      expect(await within(5000, 'db.relaxed after the cuts', db.relaxed.get(sql`SELECT 1 AS "one"`))).toEqual({ one: 1 });
      expect(db.checkedOut()).toBe(0);
      const closing = Date.now();
      await within(3000, 'db.close()', db.close());
      expect(Date.now() - closing).toBeLessThan(3000);
    }, 120_000);
  });
}
