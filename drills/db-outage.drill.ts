import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { clickEnvelope, commandEnvelope, healthz, redelivery } from './support/lark.js';
import { createPostgresDatabase, describeWithPostgres, POSTGRES_ADMIN_URL } from './support/postgres.js';
import { repliesByParent } from './support/replies.js';
import { summary } from './support/report.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { sleep, waitFor } from './support/wait.js';
import { sql } from '../src/db/sql.js';

/**
 * Drill 4 — the database goes away. The bot reaches PostgreSQL through a TCP relay; "stopping" the
 * database closes the relay and cuts every connection (the machine's server is left alone). While it is
 * down /healthz answers 503 and events that cannot be recorded are answered non-200, so Lark delivers
 * them again; once it is back the bot reconnects by itself and handles each of them exactly once.
 *
 * Then the database restarts again and again (15 cuts, more than the pool's 10 connections) while
 * transactions are in flight under load: every connection a restart catches inside a transaction must
 * be given back, so that afterwards the bot serves normally and shuts down promptly.
 */
const DURING_OUTAGE = 40;
const BEFORE = 10;
const RESTARTS = 15;
const AFTER_RESTARTS = 12;

await describeWithPostgres('db-outage', 'drill: PostgreSQL outage', () => {
  let fake: FakeLark;
  let proxy: TcpProxy;
  let bot: DrillBot;
  let dropDb: () => Promise<void>;
  let people: FakeUser[];
  let groups: string[];
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    fake = await startFake();
    const database = await createPostgresDatabase('sanban_drill_outage');
    dropDb = database.drop;
    const server = new URL(POSTGRES_ADMIN_URL);
    proxy = new TcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    await proxy.start();
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    bot = await startBot({ fake, databaseUrl: viaProxy.toString() });
    fake.botUrl = bot.app.url;
    people = ['甲科员', '乙科员', '丙科员', '丁科员'].map((n) => fake.addUser(n));
    groups = Array.from({ length: 8 }, (_, i) => fake.addChat(`第${i + 1}科`, people));
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await proxy?.start();
    await bot?.stop();
    await proxy?.stop();
    await fake?.stop();
    await dropDb?.();
  });

  const command = (i: number) =>
    commandEnvelope(fake, {
      chatId: groups[i % groups.length]!,
      from: people[i % people.length]!,
      text: i % 3 === 0 ? '帮助' : i % 3 === 1 ? '我是谁' : '查一下天气',
    });

  it('answers 503 on /healthz and non-200 to events while down; after recovery handles each event once', async () => {
    const started = Date.now();
    // Before: the bot works.
    const before = Array.from({ length: BEFORE }, (_, i) => command(i));
    for (const e of before) expect((await fake.push(e)).status).toBe(200);
    await bot.app.settle();
    expect(await healthz(bot.app.url)).toBe(200);
    const connectionsBefore = proxy.connections;

    // Down.
    await proxy.stop();
    const downAt = Date.now();
    await waitFor('/healthz to report the outage', async () => (await healthz(bot.app.url)) === 503, { timeoutMs: 15_000, intervalMs: 100 });
    const during = Array.from({ length: DURING_OUTAGE }, (_, i) => command(BEFORE + i));
    const firstAnswers = await Promise.all(during.map((e) => fake.push(e)));
    // Lark's first retry (15 s, scaled) also fails while the database is still down.
    await sleep(150);
    const retryAnswers = await Promise.all(during.map((e) => fake.push(redelivery(e, true))));
    // A card click cannot be recorded either: callbacks are not re-pushed, so it gets a toast, not a 5xx.
    const helpCard = [...fake.messages.values()].find((m) => m.msgType === 'interactive')!;
    const click = await fake.push(
      clickEnvelope(fake, { messageId: helpCard.messageId, chatId: helpCard.chatId, by: people[0]!.openId, value: { a: 'help.noop' } }),
      'callback',
    );
    const healthDuring = await healthz(bot.app.url);
    // Stay down a while: the outbox worker's polls fail meanwhile.
    await sleep(2000);
    await bot.app.router.idle();
    const answeredWhileDown = repliesByParent(fake);

    // Up again on the same port.
    await proxy.start();
    const upAt = Date.now();
    await waitFor('/healthz to recover', async () => (await healthz(bot.app.url)) === 200, { timeoutMs: 30_000, intervalMs: 100 });
    const recoveredMs = Date.now() - upAt;

    // Lark's next retries: each event again, twice over (out of order), now answered 200.
    const redelivered = [...during.map((e) => redelivery(e, true)), ...during.map((e) => redelivery(e))].reverse();
    const laterAnswers = await Promise.all(redelivered.map((e) => fake.push(e)));
    await bot.app.settle();
    await sleep(300);
    await bot.app.settle();

    const replies = repliesByParent(fake);
    const countFor = (e: (typeof during)[number]) => replies.get(e.event.message.message_id)?.length ?? 0;
    summary('db-outage', {
      eventsBefore: BEFORE,
      eventsDuringOutage: DURING_OUTAGE,
      non200WhileDown: [...firstAnswers, ...retryAnswers].filter((a) => a.status !== 200).length,
      statusesWhileDown: [...new Set([...firstAnswers, ...retryAnswers].map((a) => a.status))].join('/'),
      healthzWhileDown: healthDuring,
      clickWhileDown: `${click.status}`,
      outageMs: upAt - downAt,
      recoveredInMs: recoveredMs,
      connectionsBefore,
      reconnects: proxy.connections - connectionsBefore,
      redeliveriesAfter: laterAnswers.length,
      handledOnce: during.filter((e) => countFor(e) === 1).length,
      handledTwice: during.filter((e) => countFor(e) > 1).length,
      lost: during.filter((e) => countFor(e) === 0).length,
      crashes: crashes.length,
      ms: Date.now() - started,
    });

    expect(healthDuring).toBe(503);
    // Not recorded → not 200, so that Lark delivers again; and answered within Lark's 3 s: that bound is
    // the guarantee itself (Lark counts a later answer as none), so it is not loosened.
    for (const a of [...firstAnswers, ...retryAnswers]) {
      expect(a.status).toBeGreaterThanOrEqual(500);
      expect(a.ms).toBeLessThan(3000);
    }
    expect(click.status).toBe(200);
    expect(JSON.stringify(click.body)).toContain('系统繁忙');
    for (const e of during) expect(answeredWhileDown.get(e.event.message.message_id)).toBeUndefined();
    expect(laterAnswers.every((a) => a.status === 200)).toBe(true);
    expect(during.map(countFor)).toEqual(during.map(() => 1));
    expect(before.map(countFor)).toEqual(before.map(() => 1));
    expect(await bot.app.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    expect(crashes).toEqual([]);
  });

  it('survives 15 restarts landing inside transactions: normal service, no connection kept, prompt shutdown', async () => {
    const started = Date.now();
    const db = bot.app.db;
    let loading = true;
    let inFlight = 0;
    let transactions = 0;
    let failedTransactions = 0;
    let pushed = 0;
    // Interactive Prisma transactions and hand-written ones, each spanning a few round trips.
    const transactionLoad = (n: number) => async () => {
      for (let i = 0; loading; i++) {
        inFlight++;
        try {
          if (n % 2)
            await db.prisma.$transaction(async (tx) => {
              await tx.inboundReceipt.create({ data: { key: `load:p${n}:${i}`, receivedAt: new Date() } });
              await sleep(15);
              await tx.inboundReceipt.count({ where: { key: { startsWith: `load:p${n}:` } } });
            });
          else
            await db.sql.transaction(async (tx) => {
              await tx.run(sql`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${`load:s${n}:${i}`}, ${new Date()})`);
              await sleep(15);
              await tx.get(sql`SELECT pg_sleep(0.01)`);
            });
          transactions++;
        } catch {
          failedTransactions++;
          await sleep(20);
        } finally {
          inFlight--;
        }
      }
    };
    // Commands from people at the same time (what they answer during the cuts is drill 4's first part).
    const commandLoad = async () => {
      for (let i = 0; loading; i++) {
        await fake.push(command(1000 + pushed++)).catch(() => undefined);
        await sleep(10);
      }
    };
    const loads = [...Array.from({ length: 8 }, (_, n) => transactionLoad(n)()), commandLoad(), commandLoad()];

    let cutsInsideTransactions = 0;
    for (let r = 0; r < RESTARTS; r++) {
      await waitFor('transactions in flight', () => inFlight >= 3, { timeoutMs: 15_000, intervalMs: 5 });
      cutsInsideTransactions += inFlight > 0 ? 1 : 0;
      await proxy.stop();
      await sleep(100);
      await proxy.start();
      await sleep(250 + (r % 3) * 100);
    }
    loading = false;
    await Promise.all(loads);

    await waitFor('/healthz after the restarts', async () => (await healthz(bot.app.url)) === 200, { timeoutMs: 15_000, intervalMs: 100 });
    await bot.app.settle();
    // Normal service: fresh commands are accepted and each answered once.
    const after = Array.from({ length: AFTER_RESTARTS }, (_, i) => command(5000 + i));
    const answers = await Promise.all(after.map((e) => fake.push(e)));
    await bot.app.settle();
    const replies = repliesByParent(fake);
    const answeredOnce = after.filter((e) => replies.get(e.event.message.message_id)?.length === 1).length;
    const healthAfter = await healthz(bot.app.url);
    const checkedOut = db.checkedOut();
    const stopping = Date.now();
    await bot.stop();
    const stopMs = Date.now() - stopping;

    summary('db-outage/restarts', {
      restarts: RESTARTS,
      cutsInsideTransactions,
      transactions,
      failedTransactions,
      commandsDuringRestarts: pushed,
      answeredAfter: answeredOnce,
      healthzAfter: healthAfter,
      connectionsCheckedOut: checkedOut,
      stopMs,
      crashes: crashes.length,
      ms: Date.now() - started,
    });
    expect(cutsInsideTransactions).toBe(RESTARTS);
    expect(failedTransactions).toBeGreaterThan(0);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answeredOnce).toBe(AFTER_RESTARTS);
    expect(healthAfter).toBe(200);
    expect(checkedOut).toBe(0);
    // The guarantee is that shutdown finishes (a kept connection made db.close() wait forever) and that
    // nothing is checked out (above); how fast is not: stop() also drains the outbox and the delivery
    // thread, which on a loaded 2-core CI machine can take seconds. A hang still fails this bound.
    expect(stopMs).toBeLessThan(15_000);
    expect(crashes).toEqual([]);
  });
});
