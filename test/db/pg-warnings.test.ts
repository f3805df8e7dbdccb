import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { sql } from '../../src/db/sql.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/**
 * No process warning during a run of the bot's kinds of queries. pg warns (once per process, hence a
 * file of its own) when a query is issued on a client that is still executing one: pg 9 will refuse
 * it. The relaxed pool's session setting used to be queued that way on every new connection.
 */
describe(`database work without process warnings (${testProvider})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);

  beforeAll(async () => {
    process.on('warning', onWarning);
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await db?.close();
    await drop?.();
  });

  it('emits none: new relaxed connections, overlapping statements in one transaction, a burst on the pools', async () => {
    const receipt = (key: string) => sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${key}, ${new Date()})`;
    // More at once than either pool has connections: every relaxed connection is new and set up first.
    await Promise.all(Array.from({ length: 30 }, (_, i) => db.relaxed.run(receipt(`relaxed:${i}`))));
    await Promise.all(Array.from({ length: 30 }, (_, i) => db.sql.get(sql`SELECT ${i} AS "i"`)));
    // Overlapping statements on the one connection of a transaction, hand-written and Prisma.
    await db.sql.transaction((tx) => Promise.all(Array.from({ length: 5 }, (_, i) => tx.run(receipt(`tx:${i}`)))));
    await db.relaxed.transaction((tx) => Promise.all(Array.from({ length: 5 }, (_, i) => tx.run(receipt(`rtx:${i}`)))));
    await db.prisma.$transaction((tx) =>
      Promise.all(Array.from({ length: 5 }, (_, i) => tx.inboundReceipt.create({ data: { key: `prisma:${i}`, receivedAt: new Date() } }))),
    );
    await Promise.all([db.ping(), db.ping(), db.prisma.inboundReceipt.count()]);
    // Warnings are emitted on a later tick.
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.prisma.inboundReceipt.count()).toBe(45);
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});
