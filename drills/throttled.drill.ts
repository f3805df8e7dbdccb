import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark } from '../src/local/lark/server.js';
import { FixedClock } from '../test/fakes/clock.js';
import { createTestDatabaseUrl, testProvider } from '../test/support/database.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { LossyProxy } from './support/lossy-proxy.js';
import { drillSeed, seededRng } from './support/prng.js';
import { summary } from './support/report.js';
import { sleep, waitFor } from './support/wait.js';

/**
 * Drill 2 — a throttled, failing Lark. The bot's own weekly 督查通报 job posts to every group bound to
 * 督查: 250 groups over four Mondays queue 1,000 cards. Meanwhile Lark answers 429 / 99991400 in bursts
 * (with x-ogw-ratelimit-reset), 500 on 20% of calls, and now and then carries out a request but loses
 * the answer. Every queued message must be posted exactly once, as the fake counts them.
 */
const CHATS = 250;
const MONDAYS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const SEND_PATH = /^\/open-apis\/im\/v1\/messages$/;

describe(`drill: throttled and failing Lark (${testProvider})`, () => {
  let fake: FakeLark;
  let proxy: LossyProxy;
  let bot: DrillBot;
  let dropDb: () => Promise<void>;
  let chats: string[];
  const clock = new FixedClock(`${MONDAYS[0]}T08:00:00+08:00`);

  beforeAll(async () => {
    fake = await startFake();
    const rng = seededRng(drillSeed(4_2026));
    // 2% of the posts that Lark carries out lose their answer on the way back.
    proxy = await new LossyProxy(fake.url, (r) =>
      r.method === 'POST' && SEND_PATH.test(r.path) && rng.chance(0.02) ? rng.pick(['badGateway', 'cut'] as const) : undefined,
    ).start();
    const db = await createTestDatabaseUrl();
    dropDb = db.drop;
    bot = await startBot({ fake, databaseUrl: db.url, clock, env: { LARK_DOMAIN: proxy.url } });
    fake.botUrl = bot.app.url;
    const member = fake.addUser('督查联络员');
    chats = Array.from({ length: CHATS }, (_, i) => fake.addChat(`督查群${i + 1}`, [member]));
    await bot.app.db.prisma.chatBinding.createMany({ data: chats.map((chatId) => ({ chatId, purpose: 'supervision' })) });
  });
  afterAll(async () => {
    fake?.failRandomly(0);
    await bot?.stop();
    await proxy?.stop();
    await fake?.stop();
    await dropDb?.();
  });

  it('delivers every queued message exactly once through 429 bursts, 500s and lost answers', async () => {
    const started = Date.now();
    const prisma = bot.app.db.prisma;
    fake.failRandomly(0.2, 500, SEND_PATH);

    // 429 bursts while the broadcast is going out: a burst every 2 s, at most 8.
    let bursts = 0;
    let broadcasting = true;
    const burster = (async () => {
      while (broadcasting && bursts < 8) {
        fake.failNext(15, { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' }, path: SEND_PATH });
        bursts++;
        await sleep(2000);
      }
    })();

    const outcomes: string[] = [];
    for (const monday of MONDAYS) {
      clock.set(`${monday}T09:30:00+08:00`);
      const ran = await bot.app.scheduler.runDue(clock.now());
      outcomes.push(String(ran['supervision.report']));
    }
    const queued = await prisma.outboxMessage.count({ where: { origin: 'job:supervision.report' } });
    const pending = () => prisma.outboxMessage.count({ where: { status: 'pending' } });
    await waitFor('the outbox to deliver everything', async () => (await pending()) === 0, { timeoutMs: 150_000, intervalMs: 250 });
    broadcasting = false;
    await burster;
    fake.failRandomly(0);
    // A late duplicate (a retry of something already posted) would land now.
    await sleep(1500);
    await bot.app.settle();

    const posted = [...fake.messages.values()].filter((m) => chats.includes(m.chatId));
    const uuids = new Set(posted.map((m) => m.uuid));
    const rows = await prisma.outboxMessage.findMany({ where: { origin: 'job:supervision.report' }, select: { uuid: true, status: true, attempts: true } });
    const perChat = new Map<string, number>();
    for (const m of posted) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const sendCalls = fake.callsTo(SEND_PATH, 'POST');
    const seenUuid = new Set<string>();
    let answeredFromUuid = 0;
    for (const c of sendCalls) {
      const uuid = (c.body as { uuid?: string }).uuid;
      if (c.status !== 200 || !uuid) continue;
      if (seenUuid.has(uuid)) answeredFromUuid++;
      seenUuid.add(uuid);
    }
    summary('throttled', {
      db: testProvider,
      chats: CHATS,
      queued,
      posted: posted.length,
      distinctUuids: uuids.size,
      sendCalls: sendCalls.length,
      http429: sendCalls.filter((c) => c.status === 429).length,
      burstsInjected: bursts,
      http500: sendCalls.filter((c) => c.status === 500).length,
      answersLost: proxy.lost.badGateway + proxy.lost.cut,
      resentAndDedupedByUuid: answeredFromUuid,
      maxAttempts: Math.max(...rows.map((r) => r.attempts)),
      ms: Date.now() - started,
    });

    expect(outcomes).toEqual(['ran', 'ran', 'ran', 'ran']);
    expect(queued).toBe(CHATS * MONDAYS.length);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(posted).toHaveLength(queued);
    expect(uuids.size).toBe(queued);
    expect(new Set(rows.map((r) => r.uuid))).toEqual(uuids);
    expect([...perChat.values()].every((n) => n === MONDAYS.length)).toBe(true);
    expect(perChat.size).toBe(CHATS);
    // The fake really did refuse and fail: the drill tested something.
    expect(sendCalls.filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(30);
    expect(sendCalls.filter((c) => c.status === 500).length).toBeGreaterThan(100);
    expect(proxy.lost.badGateway + proxy.lost.cut).toBeGreaterThan(0);
  });
});
