import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { COMMAND_UNPROCESSED_TEXT } from '../src/router/unprocessed.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { commandEnvelope, redelivery } from './support/lark.js';
import { LatencyProxy } from './support/latency-proxy.js';
import { createPostgresDatabase, describeWithPostgres, POSTGRES_ADMIN_URL } from './support/postgres.js';
import { readableText, repliesByParent } from './support/replies.js';
import { summary } from './support/report.js';
import { sleep, waitFor } from './support/wait.js';

/**
 * Drill — the database fails after commands were acked. Each command's receipt commits and Lark gets
 * its 200 (so it will not deliver the command again); then the database is cut while the commands are
 * being processed. A relay with latency in front of PostgreSQL makes the cut land inside the
 * processing. Restored within the retry budget, every command is answered once; down past it, every
 * command is answered with the "please send again" notice and its receipt released. None is silently
 * lost, none answered twice.
 *
 * The second run sends as many commands as the receipts' pool has connections, with a long latency:
 * their receipts commit in one round trip and the cut comes before any of their work reaches the
 * server. (A cut that lands between a commit and its answer cannot be told from a failure — the
 * notice is then followed by the real answer once the database is back. Under load one command in a
 * run can land there; the run finds it by its answer in the outbox, checks that the answer follows the
 * notice, and requires the others to have been cut before their work reached the server.)
 */
const COMMANDS = 16;
const LATENCY_MS = 60;
/** The receipts' pool size (db/client.ts): that many claims commit in one round trip. */
const AT_ONCE = 4;
const LONG_LATENCY_MS = 200;
const RETRY = { budgetMs: 4000, firstDelayMs: 200, maxDelayMs: 1000 };

await describeWithPostgres('lost-commands', 'drill: commands acked, then the database fails', () => {
  let fake: FakeLark;
  let proxy: LatencyProxy;
  let bot: DrillBot;
  let dropDb: () => Promise<void>;
  let people: FakeUser[];
  let groups: string[];
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    // Lark's per-chat limits off: this drill is about the database, not about pacing.
    fake = await startFake({ perChatRate: 0, perAppRate: 0 });
    const database = await createPostgresDatabase('sanban_drill_lost');
    dropDb = database.drop;
    const server = new URL(POSTGRES_ADMIN_URL);
    proxy = new LatencyProxy({ host: server.hostname, port: Number(server.port || 5432) }, LATENCY_MS);
    await proxy.start();
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    bot = await startBot({ fake, databaseUrl: viaProxy.toString(), app: { retry: RETRY, outboxLeaseMs: 2000 } });
    fake.botUrl = bot.app.url;
    people = ['甲科员', '乙科员', '丙科员', '丁科员'].map((n) => fake.addUser(n));
    groups = Array.from({ length: 4 }, (_, i) => fake.addChat(`第${i + 1}科`, people));
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
  type Envelope = ReturnType<typeof command>;
  const idOf = (e: Envelope) => e.event.message.message_id;
  const repliesTo = (e: Envelope) => (repliesByParent(fake).get(idOf(e)) ?? []).map(readableText);

  /** Commands sent at once and acked; the moment the last ack is in, the database is cut. */
  async function ackedThenCut(from: number, count: number) {
    const envelopes = Array.from({ length: count }, (_, i) => command(from + i));
    const answers = await Promise.all(envelopes.map((e) => fake.push(e)));
    await proxy.stop();
    const unansweredAtCut = envelopes.filter((e) => repliesTo(e).length === 0).length;
    return { envelopes, answers, unansweredAtCut };
  }

  it('cut mid-processing and restored within the retry budget: every command answered once', async () => {
    const started = Date.now();
    const warmUp = command(0);
    expect((await fake.push(warmUp)).status).toBe(200);
    await bot.app.settle();
    expect(repliesTo(warmUp)).toHaveLength(1);

    const { envelopes, answers, unansweredAtCut } = await ackedThenCut(1, COMMANDS);
    await sleep(1500);
    await proxy.start();
    await waitFor('every command to be answered', () => envelopes.every((e) => repliesTo(e).length > 0), { timeoutMs: 30_000, intervalMs: 100 });
    await bot.app.settle();
    await sleep(300);

    const counts = envelopes.map((e) => repliesTo(e).length);
    summary('lost-commands', {
      scenario: 'restored',
      commands: COMMANDS,
      acked: answers.filter((a) => a.status === 200).length,
      unansweredAtCut,
      answeredOnce: counts.filter((c) => c === 1).length,
      answeredTwice: counts.filter((c) => c > 1).length,
      lost: counts.filter((c) => c === 0).length,
      ms: Date.now() - started,
    });
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(unansweredAtCut).toBeGreaterThan(0); // the cut did land inside the processing
    expect(counts).toEqual(envelopes.map(() => 1));
    for (const e of envelopes) expect(repliesTo(e)[0]).not.toBe(COMMAND_UNPROCESSED_TEXT);
    expect(crashes).toEqual([]);
  });

  it('down past the retry budget: every command told to send again, its receipt released', async () => {
    const started = Date.now();
    proxy.latencyMs = LONG_LATENCY_MS;
    // Every receipt connection live first: one re-established late after the first run's cut would
    // ack its command late, and the other commands' work could reach the server before the cut.
    const warm = Array.from({ length: AT_ONCE }, (_, i) => command(90 + i));
    await Promise.all(warm.map((e) => fake.push(e)));
    await waitFor('the warm-up commands to be answered', () => warm.every((e) => repliesTo(e).length > 0), { timeoutMs: 30_000, intervalMs: 100 });
    await bot.app.settle();
    const { envelopes, answers, unansweredAtCut } = await ackedThenCut(100, AT_ONCE);
    // The notices go through the messenger while the database is still down.
    await waitFor('every command to get the notice', () => envelopes.every((e) => repliesTo(e).length > 0), {
      timeoutMs: RETRY.budgetMs + 15_000,
      intervalMs: 100,
    });
    const noticedWhileDownMs = Date.now() - started;
    await sleep(500);
    await proxy.start();
    const keys = envelopes.map((e) => `msg:${idOf(e)}`);
    await waitFor('the receipts to be released', async () => (await bot.app.db.prisma.inboundReceipt.count({ where: { key: { in: keys } } })) === 0, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await bot.app.settle();
    await sleep(300);
    const replies = envelopes.map(repliesTo);
    // The one case that cannot be told from a failure: a command whose answer committed just before
    // the cut (the server has it, the bot never heard back). Its answer is in the outbox and follows the
    // notice once the database is back; the notice goes straight through the messenger, never the outbox.
    const committed = new Set(
      (await bot.app.db.prisma.outboxMessage.findMany({ where: { targetId: { in: envelopes.map(idOf) } }, select: { targetId: true } })).map((r) => r.targetId),
    );
    const cutBeforeCommit = envelopes.filter((e) => !committed.has(idOf(e)));

    // Released, a redelivery of the command is handled.
    const first = cutBeforeCommit[0]!;
    expect((await fake.push(redelivery(first))).status).toBe(200);
    await waitFor('the redelivered command to be answered', () => repliesTo(first).length === 2, { timeoutMs: 30_000, intervalMs: 100 });
    await bot.app.settle();

    summary('lost-commands', {
      scenario: 'down-past-budget',
      commands: AT_ONCE,
      acked: answers.filter((a) => a.status === 200).length,
      unansweredAtCut,
      noticed: replies.filter((r) => r.length === 1 && r[0] === COMMAND_UNPROCESSED_TEXT).length,
      committedBeforeCut: committed.size,
      answeredTwice: replies.filter((r, i) => r.length > 1 && !committed.has(idOf(envelopes[i]!))).length,
      lost: replies.filter((r) => r.length === 0).length,
      noticedWhileDownMs,
      ms: Date.now() - started,
    });
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // The cut must have landed before most commands' work reached the server, or the run shows nothing.
    expect(cutBeforeCommit.length).toBeGreaterThanOrEqual(AT_ONCE - 1);
    envelopes.forEach((e, i) => {
      if (committed.has(idOf(e))) {
        expect(replies[i]![0]).toBe(COMMAND_UNPROCESSED_TEXT);
        expect(replies[i]).toHaveLength(2); // told, and then its answer: nothing lost, nothing answered twice
        expect(replies[i]![1]).not.toBe(COMMAND_UNPROCESSED_TEXT);
      } else expect(replies[i]).toEqual([COMMAND_UNPROCESSED_TEXT]);
    });
    expect(repliesTo(first)[0]).toBe(COMMAND_UNPROCESSED_TEXT);
    expect(repliesTo(first)[1]).not.toBe(COMMAND_UNPROCESSED_TEXT);
    expect(crashes).toEqual([]);
  });
});
