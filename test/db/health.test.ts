import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../drills/support/tcp-proxy.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { sql } from '../../src/db/sql.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/**
 * db.ping() is what /healthz asks: it must say false when the database cannot take a write (a full
 * disk, a read-only failover target) and must answer within its deadline whatever the database does
 * (a silent network partition, a connection held by a stuck transaction).
 */
const DEADLINE_MS = 2000;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** How long `p` took and what it gave; rejects if it takes longer than `ms` (a hang fails the test, not the suite). */
async function timed<T>(ms: number, what: string, p: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return { value: await Promise.race([p, late]), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

describe(`db.ping on ${testProvider}`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('answers true on a healthy database, quickly', async () => {
    const { value, ms } = await timed(DEADLINE_MS, 'ping', db.ping());
    expect(value).toBe(true);
    expect(ms).toBeLessThan(DEADLINE_MS);
  });

  if (testProvider === 'sqlite') {
    it('answers false when the database can no longer grow (a full disk), true again once it can', async () => {
      await db.sql.run(sql`CREATE TABLE "t_fill" ("id" INTEGER PRIMARY KEY, "data" BLOB)`);
      const pages = Number((await db.sql.get<{ page_count: number }>(sql`PRAGMA page_count`))!.page_count);
      await db.prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${pages + 4}`);
      // Fill it until writes are refused, as the events' writes would be on a full disk.
      let refused: unknown;
      for (let i = 0; i < 10_000 && !refused; i++) {
        await db.sql.run(sql`INSERT INTO "t_fill" ("data") VALUES (randomblob(512))`).catch((err: unknown) => (refused = err));
      }
      expect(String(refused)).toMatch(/full/i);
      expect((await timed(DEADLINE_MS + 500, 'ping on a full database', db.ping())).value).toBe(false);
      await db.prisma.$queryRawUnsafe('PRAGMA max_page_count = 1073741823');
      expect(await db.ping()).toBe(true);
    });

    it('answers false when the database is read-only', async () => {
      await db.prisma.$executeRawUnsafe('PRAGMA query_only = ON');
      try {
        expect(await db.sql.get(sql`SELECT 1 AS "one"`)).toEqual({ one: 1 });
        expect((await timed(DEADLINE_MS + 500, 'ping on a read-only database', db.ping())).value).toBe(false);
      } finally {
        await db.prisma.$executeRawUnsafe('PRAGMA query_only = OFF');
      }
      expect(await db.ping()).toBe(true);
    });

    it('answers false within its deadline while a stuck transaction holds the connection', async () => {
      let finish!: () => void;
      const stuck = db.prisma.$transaction(() => new Promise<void>((r) => (finish = r)), { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 50));
      const { value, ms } = await timed(DEADLINE_MS + 1000, 'ping while the connection is held', db.ping());
      expect(value).toBe(false);
      expect(ms).toBeLessThan(DEADLINE_MS + 500);
      finish();
      await stuck;
      expect(await db.ping()).toBe(true);
    });
  }

  if (testProvider === 'postgres') {
    it('answers false when the database is read-only (a failover to a standby)', async () => {
      const name = new URL(url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
        // The bot's connections are cut: the new ones are read-only, as on a standby.
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await new Promise((r) => setTimeout(r, 300));
        expect(await db.sql.get(sql`SELECT 1 AS "one"`)).toEqual({ one: 1 });
        expect((await timed(DEADLINE_MS + 500, 'ping on a read-only database', db.ping())).value).toBe(false);
      } finally {
        await admin.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await admin.end();
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(await db.ping()).toBe(true);
    });
  }
});

if (testProvider === 'postgres') {
  describe('a silent network partition to PostgreSQL', () => {
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
      // Short timeouts, so that the test need not wait out the defaults (30 s statements).
      db = await openDatabase(server.toString(), { statementTimeoutMs: 1000, queryTimeoutMs: 1500, connectTimeoutMs: 1500 });
      await migrate(db);
      // Connections open and idle in the pool, as in a running bot.
      await Promise.all(Array.from({ length: 4 }, () => db.sql.get(sql`SELECT pg_sleep(0.05)`)));
    });
    afterAll(async () => {
      proxy?.heal();
      await db?.close();
      await proxy?.stop();
      await drop?.();
    });

    it('makes ping answer false within its deadline, statements fail instead of hanging, and all recovers after', async () => {
      proxy.blackhole();
      const pinged = await timed(DEADLINE_MS + 1000, 'ping during the partition', db.ping());
      expect(pinged.value).toBe(false);
      expect(pinged.ms).toBeLessThan(DEADLINE_MS + 500);
      // A burst of health checks shares one probe and answers as quickly.
      const burst = await timed(DEADLINE_MS + 1000, 'a burst of pings', Promise.all(Array.from({ length: 20 }, () => db.ping())));
      expect(burst.value.every((ok) => ok === false)).toBe(true);

      // What a command runs: a prepared statement, a relaxed write, a Prisma transaction. Each fails.
      const failures = await timed(
        10_000,
        'statements during the partition',
        Promise.all([
          db.sql.get(sql`SELECT 1 AS "one"`).then(
            () => 'answered',
            () => 'failed',
          ),
          db.relaxed.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${'partition'}, ${new Date()})`).then(
            () => 'answered',
            () => 'failed',
          ),
          db.prisma
            .$transaction(async (tx) => tx.inboundReceipt.count())
            .then(
              () => 'answered',
              () => 'failed',
            ),
        ]),
      );
      expect(failures.value).toEqual(['failed', 'failed', 'failed']);

      proxy.heal();
      const deadline = Date.now() + 10_000;
      while (!(await db.ping()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await db.ping()).toBe(true);
      expect(await db.sql.get(sql`SELECT 1 AS "one"`)).toEqual({ one: 1 });
      expect(await db.prisma.$transaction(async (tx) => tx.inboundReceipt.count())).toBe(0);
      // Everything the partition caught was given back, and closing does not wait for it.
      await new Promise((r) => setTimeout(r, 200));
      expect(db.checkedOut()).toBe(0);
      expect((await timed(3000, 'db.close()', db.close())).ms).toBeLessThan(3000);
    }, 60_000);
  });

  describe('the ack path during a silent partition, with the default timeouts', () => {
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
      await Promise.all(Array.from({ length: 4 }, () => db.relaxed.get(sql`SELECT pg_sleep(0.05)`)));
    });
    afterAll(async () => {
      proxy?.heal();
      await db?.close();
      await proxy?.stop();
      await drop?.();
    });

    it("fails an event's receipt within Lark's 3 s, so the event is answered non-200 and delivered again", async () => {
      proxy.blackhole();
      const receipt = await timed(
        10_000,
        'a receipt during the partition',
        db.relaxed.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${'ack-path'}, ${new Date()})`).then(
          () => 'answered',
          () => 'failed',
        ),
      );
      expect(receipt.value).toBe('failed');
      expect(receipt.ms).toBeLessThan(3000);
      proxy.heal();
    }, 30_000);
  });
}
