import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { createTestDatabaseUrl, testProvider } from '../test/support/database.js';
import { botEnv, startFake } from './support/bot.js';
import { spawnBot, type BotProcess } from './support/child.js';
import { summary } from './support/report.js';
import { sleep, waitFor } from './support/wait.js';

/**
 * Drill 3 — crash. The bot runs as its own process; an admin has it run the 督查通报 job, which queues a
 * card for each of 500 groups. Well into the broadcast the process is killed with SIGKILL (no shutdown,
 * claims held, requests in flight), then started again on the same database. Each group must end with
 * exactly one card.
 */
const GROUPS = 500;
const ORIGIN = 'job:supervision.report';
/** The restarted process takes over the dead one's claims after this (the default is 60 s). */
const LEASE_MS = 3000;

describe(`drill: SIGKILL mid-broadcast and restart (${testProvider})`, () => {
  let fake: FakeLark;
  let db: Database;
  let databaseUrl: string;
  let dropDb: () => Promise<void>;
  let admin: FakeUser;
  let groups: string[];
  const running: BotProcess[] = [];

  beforeAll(async () => {
    fake = await startFake();
    ({ url: databaseUrl, drop: dropDb } = await createTestDatabaseUrl());
    db = await openDatabase(databaseUrl);
    await migrate(db);
    admin = fake.addUser('周管理');
    const office = await db.prisma.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'department' } });
    await db.prisma.person.create({ data: { name: admin.name, openId: admin.openId, unitId: office.id, roles: { create: [{ role: 'admin', scope: '' }] } } });
    groups = Array.from({ length: GROUPS }, (_, i) => fake.addChat(`督查群${i + 1}`, [admin]));
    await db.prisma.chatBinding.createMany({ data: groups.map((chatId) => ({ chatId, purpose: 'supervision' })) });
  });
  afterAll(async () => {
    for (const p of running) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    await db?.close();
    await fake?.stop();
    await dropDb?.();
  });

  const start = async () => {
    const p = await spawnBot(botEnv(fake, databaseUrl, { OUTBOX_LEASE_MS: String(LEASE_MS), LOG_LEVEL: 'warn' }));
    running.push(p);
    fake.botUrl = p.url;
    return p;
  };
  const cardsPosted = () => [...fake.messages.values()].filter((m) => m.msgType === 'interactive' && groups.includes(m.chatId));

  it('delivers each of 500 messages exactly once across a SIGKILL and a restart', async () => {
    const started = Date.now();
    const first = await start();
    const asked = await fake.userSays({ chatId: fake.p2pChatId(admin.openId), from: admin, text: '任务 执行 supervision.report', p2p: true });
    expect(asked.status).toBe(200);

    await waitFor('the job to queue the broadcast', async () => (await db.prisma.outboxMessage.count({ where: { origin: ORIGIN } })) === GROUPS, {
      timeoutMs: 30_000,
    });
    await waitFor('the broadcast to be well under way', () => cardsPosted().length >= 150, { timeoutMs: 60_000, intervalMs: 10 });
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = cardsPosted().length;
    const rowsAtKill = await db.prisma.outboxMessage.groupBy({ by: ['status'], where: { origin: ORIGIN }, _count: { _all: true } });
    const sentAtKill = rowsAtKill.find((r) => r.status === 'sent')?._count._all ?? 0;
    const claimedAtKill = await db.prisma.outboxMessage.count({ where: { origin: ORIGIN, status: 'pending', lockedUntil: { gt: new Date() } } });
    expect(atKill).toBeGreaterThanOrEqual(150);
    expect(atKill).toBeLessThan(GROUPS);

    // Nothing is delivered while no bot runs.
    await sleep(300);
    expect(cardsPosted().length).toBe(atKill);

    const restartedAt = Date.now();
    const second = await start();
    await waitFor(
      'the restarted bot to finish the broadcast',
      async () => (await db.prisma.outboxMessage.count({ where: { origin: ORIGIN, status: { not: 'sent' } } })) === 0,
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    // A second post of anything would arrive now.
    await sleep(1500);
    const posted = cardsPosted();
    const perGroup = new Map<string, number>();
    for (const m of posted) perGroup.set(m.chatId, (perGroup.get(m.chatId) ?? 0) + 1);
    const uuids = new Set(posted.map((m) => m.uuid));
    const sendCalls = fake.callsTo(/^\/open-apis\/im\/v1\/messages$/, 'POST').filter((c) => c.status === 200);
    const perUuid = new Map<string, number>();
    for (const c of sendCalls) {
      const uuid = (c.body as { uuid?: string }).uuid ?? '';
      perUuid.set(uuid, (perUuid.get(uuid) ?? 0) + 1);
    }
    summary('crash', {
      db: testProvider,
      groups: GROUPS,
      postedAtKill: atKill,
      markedSentAtKill: sentAtKill,
      postedButUnrecordedAtKill: atKill - sentAtKill,
      claimedByDeadProcess: claimedAtKill,
      resentAfterRestartDedupedByUuid: [...perUuid.values()].filter((n) => n > 1).length,
      posted: posted.length,
      distinctUuids: uuids.size,
      restartToDoneMs: Date.now() - restartedAt,
      ms: Date.now() - started,
    });

    expect(posted).toHaveLength(GROUPS);
    expect(uuids.size).toBe(GROUPS);
    expect(perGroup.size).toBe(GROUPS);
    expect([...perGroup.values()].every((n) => n === 1)).toBe(true);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
