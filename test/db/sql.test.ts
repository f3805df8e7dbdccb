import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { asBool, asDate, asInt, join, list, newId, raw, sql } from '../../src/db/sql.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/** The prepared-statement layer beside Prisma (src/db/sql.ts): same encodings, bound values, transactions. */
describe(`db.sql on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  // Millisecond neighbours, a leap day, the epoch and a far-future instant.
  const instants = [
    new Date('2026-11-23T01:02:03.004Z'),
    new Date('2026-11-23T01:02:03.005Z'),
    new Date('2026-11-23T01:02:03.999Z'),
    new Date('2024-02-29T23:59:59.999Z'),
    new Date('1970-01-01T00:00:00.000Z'),
    new Date('2099-12-31T16:00:00.000Z'),
  ];

  /** The column as stored, as text (to compare the encodings byte for byte). */
  const storedText = async (key: string) =>
    (await db.sql.get<{ t: string }>(
      sql`SELECT ${raw(testProvider === 'postgres' ? '"receivedAt"::text' : '"receivedAt"')} AS "t" FROM "InboundReceipt" WHERE "key" = ${key}`,
    ))!.t;

  it('reads a timestamp written by Prisma as the same instant, and stores it as Prisma does', async () => {
    for (const [i, d] of instants.entries()) {
      await db.prisma.inboundReceipt.create({ data: { key: `prisma:${i}`, receivedAt: d } });
      await db.sql.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${`sql:${i}`}, ${d})`);
      const row = await db.sql.get<{ receivedAt: unknown }>(sql`SELECT "receivedAt" FROM "InboundReceipt" WHERE "key" = ${`prisma:${i}`}`);
      expect(asDate(row!.receivedAt).toISOString()).toBe(d.toISOString());
      expect(await storedText(`sql:${i}`)).toBe(await storedText(`prisma:${i}`));
    }
    if (testProvider === 'sqlite') expect(await storedText('prisma:0')).toBe('2026-11-23T01:02:03.004+00:00');
  });

  it('writes a timestamp that Prisma reads as the same instant (also a nullable one, in another table)', async () => {
    for (const [i, d] of instants.entries()) {
      const got = await db.prisma.inboundReceipt.findUniqueOrThrow({ where: { key: `sql:${i}` } });
      expect(got.receivedAt.toISOString()).toBe(d.toISOString());
    }
    const d = instants[0]!;
    await db.sql.run(sql`
      INSERT INTO "OutboxMessage" ("id", "uuid", "op", "targetType", "targetId", "kind", "content", "nextAttemptAt", "lockedUntil", "createdAt")
      VALUES (${newId()}, ${'u-sql'}, 'send', 'chat_id', 'oc_x', 'text', 'hi', ${d}, ${null}, ${d})`);
    const m = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { uuid: 'u-sql' } });
    expect([m.nextAttemptAt.toISOString(), m.createdAt.toISOString(), m.lockedUntil]).toEqual([d.toISOString(), d.toISOString(), null]);

    await db.prisma.outboxMessage.create({
      data: { uuid: 'u-prisma', op: 'send', targetType: 'chat_id', targetId: 'oc_x', kind: 'text', content: 'hi', nextAttemptAt: d, lockedUntil: instants[3]! },
    });
    const r = await db.sql.get<{ nextAttemptAt: unknown; lockedUntil: unknown; attempts: unknown }>(
      sql`SELECT "nextAttemptAt", "lockedUntil", "attempts" FROM "OutboxMessage" WHERE "uuid" = ${'u-prisma'}`,
    );
    expect([asDate(r!.nextAttemptAt).getTime(), asDate(r!.lockedUntil).getTime(), asInt(r!.attempts)]).toEqual([d.getTime(), instants[3]!.getTime(), 0]);
  });

  it('compares timestamps as Prisma does (to the millisecond)', async () => {
    const probes = [...instants, new Date('2026-11-23T01:02:03.003Z'), new Date('2026-11-23T01:02:04.000Z'), new Date('2100-01-01T00:00:00Z')];
    for (const d of probes) {
      const viaPrisma = (await db.prisma.inboundReceipt.findMany({ where: { receivedAt: { lt: d } }, select: { key: true } })).map((r) => r.key).sort();
      const viaSql = (await db.sql.all<{ key: string }>(sql`SELECT "key" FROM "InboundReceipt" WHERE "receivedAt" < ${d}`)).map((r) => r.key).sort();
      expect({ d, keys: viaSql }).toEqual({ d, keys: viaPrisma });
      const eq = await db.sql.all<{ key: string }>(sql`SELECT "key" FROM "InboundReceipt" WHERE "receivedAt" = ${d}`);
      expect(eq.length).toBe(await db.prisma.inboundReceipt.count({ where: { receivedAt: d } }));
    }
  });

  it('encodes instants independently of the process time zone', async () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York'; // Node re-reads TZ when it is assigned
    try {
      expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).not.toBe(0);
      const d = new Date('2026-07-01T03:04:05.678Z');
      await db.sql.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${'tz:sql'}, ${d})`);
      await db.prisma.inboundReceipt.create({ data: { key: 'tz:prisma', receivedAt: d } });
      expect((await db.prisma.inboundReceipt.findUniqueOrThrow({ where: { key: 'tz:sql' } })).receivedAt.toISOString()).toBe(d.toISOString());
      const row = await db.sql.get<{ receivedAt: unknown }>(sql`SELECT "receivedAt" FROM "InboundReceipt" WHERE "key" = ${'tz:prisma'}`);
      expect(asDate(row!.receivedAt).toISOString()).toBe(d.toISOString());
      expect(await storedText('tz:sql')).toBe(await storedText('tz:prisma'));
    } finally {
      process.env.TZ = saved;
      await db.prisma.inboundReceipt.deleteMany({ where: { key: { startsWith: 'tz:' } } });
    }
  });

  it('round-trips booleans both ways (Person.active)', async () => {
    const now = new Date();
    await db.prisma.person.create({ data: { id: 'p_on', name: '甲', active: true } });
    await db.prisma.person.create({ data: { id: 'p_off', name: '乙', active: false } });
    await db.sql.run(sql`INSERT INTO "Person" ("id", "name", "active", "createdAt", "updatedAt") VALUES (${'q_on'}, '丙', ${true}, ${now}, ${now})`);
    await db.sql.run(sql`INSERT INTO "Person" ("id", "name", "active", "createdAt", "updatedAt") VALUES (${'q_off'}, '丁', ${false}, ${now}, ${now})`);
    const rows = await db.sql.all<{ id: string; active: unknown }>(
      sql`SELECT "id", "active" FROM "Person" WHERE "id" IN ${list(['p_on', 'p_off', 'q_on', 'q_off'])} ORDER BY "id"`,
    );
    expect(rows.map((r) => [r.id, asBool(r.active)])).toEqual([
      ['p_off', false],
      ['p_on', true],
      ['q_off', false],
      ['q_on', true],
    ]);
    const viaPrisma = await db.prisma.person.findMany({ where: { id: { in: ['q_on', 'q_off'] } }, orderBy: { id: 'asc' } });
    expect(viaPrisma.map((p) => [p.id, p.active, p.updatedAt.getTime()])).toEqual([
      ['q_off', false, now.getTime()],
      ['q_on', true, now.getTime()],
    ]);
    // A bound boolean filters as Prisma's does.
    const active = await db.sql.all<{ id: string }>(sql`SELECT "id" FROM "Person" WHERE "active" = ${true} ORDER BY "id"`);
    expect(active.map((r) => r.id)).toEqual((await db.prisma.person.findMany({ where: { active: true }, orderBy: { id: 'asc' } })).map((p) => p.id));
  });

  it('composes fragments with join, list and raw, values bound in order', async () => {
    await db.prisma.counter.createMany({ data: ['a', 'b', 'c', 'd'].map((name, i) => ({ name: `k_${name}`, value: i + 1 })) });
    const conds = [sql`"name" IN ${list(['k_a', 'k_b', 'k_c'])}`, sql`"value" >= ${2}`, sql`${raw('"value"')} <= ${3}`];
    const q = sql`SELECT "name", "value" FROM "Counter" WHERE ${join(conds, ' AND ')} ORDER BY ${raw('"name"')} DESC`;
    expect(q.parts.length).toBe(q.values.length + 1);
    expect(q.values).toEqual(['k_a', 'k_b', 'k_c', 2, 3]);
    const rows = await db.sql.all<{ name: string; value: unknown }>(q);
    expect(rows.map((r) => [r.name, asInt(r.value)])).toEqual([
      ['k_c', 3],
      ['k_b', 2],
    ]);
    const either = sql`(${join([sql`"name" = ${'k_a'}`, sql`"name" = ${'k_d'}`], ' OR ')})`;
    const n = await db.sql.get<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM "Counter" WHERE ${either} AND "value" > ${0}`);
    expect(asInt(n!.n)).toBe(2);
    expect(() => list([])).toThrow();
    expect(() => join([], ' AND ')).toThrow();
  });

  it('binds values rather than splicing them', async () => {
    const evil = "x' OR '1'='1";
    expect(await db.sql.all(sql`SELECT "name" FROM "Counter" WHERE "name" = ${evil}`)).toEqual([]);
    expect(await db.sql.all(sql`SELECT "name" FROM "Counter" WHERE "name" IN ${list([evil, 'nope'])}`)).toEqual([]);
    await db.sql.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${evil}, ${7})`);
    const back = await db.sql.get<{ name: string }>(sql`SELECT "name" FROM "Counter" WHERE "name" = ${evil}`);
    expect(back?.name).toBe(evil);
    expect(await db.prisma.counter.count()).toBe(5);
  });

  it('commits a transaction, and rolls back all of its statements when the callback throws', async () => {
    const result = await db.sql.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${'tx_ok_1'}, ${1})`);
      await tx.run(sql`UPDATE "Counter" SET "value" = "value" + 10 WHERE "name" = ${'k_a'}`);
      return (await tx.get<{ value: unknown }>(sql`SELECT "value" FROM "Counter" WHERE "name" = ${'k_a'}`))!.value;
    });
    expect(asInt(result)).toBe(11);
    expect(await db.prisma.counter.findUnique({ where: { name: 'tx_ok_1' } })).toMatchObject({ value: 1 });

    await expect(
      db.sql.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${'tx_bad_1'}, ${1})`);
        await tx.run(sql`UPDATE "Counter" SET "value" = 0 WHERE "name" = ${'k_a'}`);
        expect(asInt((await tx.get<{ value: unknown }>(sql`SELECT "value" FROM "Counter" WHERE "name" = ${'k_a'}`))!.value)).toBe(0);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.prisma.counter.findUnique({ where: { name: 'tx_bad_1' } })).toBeNull();
    expect(await db.prisma.counter.findUnique({ where: { name: 'k_a' } })).toMatchObject({ value: 11 });

    // A failing statement also rolls back the ones before it.
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${'tx_bad_2'}, ${1})`);
        await tx.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${'k_b'}, ${1})`); // duplicate key
      }),
    ).rejects.toThrow();
    expect(await db.prisma.counter.findUnique({ where: { name: 'tx_bad_2' } })).toBeNull();
    // The connection is usable afterwards (no transaction left open).
    expect(await db.sql.run(sql`UPDATE "Counter" SET "value" = "value" WHERE "name" = ${'k_b'}`)).toBe(1);
  });

  it('keeps a db.sql write issued while a Prisma transaction is open, when that transaction rolls back (SQLite: it waits for it)', async () => {
    const order: string[] = [];
    let write: Promise<number> | undefined;
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.counter.create({ data: { name: 'doomed', value: 1 } });
        write = db.sql.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${'meanwhile'}, ${1})`).then((n) => (order.push('sql'), n));
        await new Promise((r) => setTimeout(r, 50));
        order.push('rollback');
        throw new Error('business rule refused the change');
      }),
    ).rejects.toThrow('business rule');
    expect(await write).toBe(1);
    // SQLite has one connection: the write waits for the transaction to end. PostgreSQL: its own connection.
    expect(order).toEqual(testProvider === 'sqlite' ? ['rollback', 'sql'] : ['sql', 'rollback']);
    expect(await db.prisma.counter.count({ where: { name: 'doomed' } })).toBe(0);
    expect(await db.prisma.counter.count({ where: { name: 'meanwhile' } })).toBe(1);
  });

  it('keeps a Prisma write issued while a db.sql transaction is open, when that transaction rolls back', async () => {
    let write: Promise<unknown> | undefined;
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO "Counter" ("name", "value") VALUES (${'doomed_sql'}, ${1})`);
        write = db.prisma.counter.create({ data: { name: 'meanwhile_prisma', value: 1 } }); // not awaited: SQLite queues it
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await write;
    expect(await db.prisma.counter.count({ where: { name: 'doomed_sql' } })).toBe(0);
    expect(await db.prisma.counter.count({ where: { name: 'meanwhile_prisma' } })).toBe(1);
  });
});

describe('newId', () => {
  it('gives 25-character cuid-shaped ids, 10,000 of them distinct', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe(`db.relaxed on ${testProvider}`, () => {
  it('records receipts on connections that do not wait for the disk on PostgreSQL, and on the shared connection on SQLite', async () => {
    const { url, drop } = await createTestDatabaseUrl();
    const db = await openDatabase(url);
    try {
      await migrate(db);
      if (testProvider === 'postgres') {
        expect((await db.relaxed.get<{ synchronous_commit: string }>(sql`SHOW synchronous_commit`))!.synchronous_commit).toBe('off');
        expect((await db.sql.get<{ synchronous_commit: string }>(sql`SHOW synchronous_commit`))!.synchronous_commit).toBe('on');
      } else expect(db.relaxed).toBe(db.sql);
      // A receipt recorded through the relaxed connections is seen by everything else at once.
      await db.relaxed.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${'relaxed:1'}, ${new Date()})`);
      expect(await db.prisma.inboundReceipt.count({ where: { key: 'relaxed:1' } })).toBe(1);
    } finally {
      await db.close();
      await drop();
    }
  });
});
