import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineDocuments } from '../src/adapters/offline-documents.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { sql } from '../src/db/sql.js';
import type { FeatureDeps } from '../src/features/deps.js';
import { loadActor } from '../src/features/org/index.js';
import { runReviewerDigest } from '../src/features/reviews/ops/index.js';
import { holdersCommand } from '../src/features/reviews/ops/commands/desk.js';
import { createLogger } from '../src/logger.js';
import { CalendarService } from '../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../src/platform/calendar/working-hours.js';
import { addWorkingMinutes } from '../src/platform/calendar/working-time.js';
import { enqueue, enqueueMany } from '../src/platform/outbox/outbox.js';
import { JobControl } from '../src/platform/scheduler/job-control.js';
import type { CommandContext } from '../src/router/context.js';
import type { Card } from '../src/cards/types.js';
import { median } from './stats.js';

/**
 * 文稿审核 at scale: BENCH_REVIEW_DRAFTS (10,000) open drafts of 5 levels each (50,000 steps), held by
 * BENCH_REVIEWERS (2,000) reviewers, on a fresh database. Each figure beside a baseline in the same round:
 *   - `审核 卡在谁那` (the command as the router runs it, card built, over every open draft) against one
 *     indexed query over the same data: the current steps in (status, reachedAt) order, the least any
 *     "who holds what, longest first" must read;
 *   - the morning digest for every reviewer (runReviewerDigest: the holdings read, dwell in working time,
 *     one card per person queued in the outbox) against the same indexed read plus queueing one plain text
 *     per reviewer through the same outbox (enqueueMany): what any per-person digest must do at least, so
 *     the ratio is the cost of working out the dwell and building the cards.
 */
export interface ReviewBenchRow {
  name: string;
  ms: number;
  ratio?: number;
  baseline?: string;
  rows: number;
  note: string;
}

export interface ReviewBenchResult {
  provider: Database['provider'];
  drafts: number;
  steps: number;
  reviewers: number;
  rounds: number;
  seedMs: number;
  rows: ReviewBenchRow[];
}

/** mulberry32: the same data on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = [
  ['section_chief', '科长'],
  ['deputy_director', '分管副主任'],
  ['legal', '法制审查'],
  ['director', '主任'],
  ['leader', '领导审定'],
] as const;
const KINDS = ['general', 'request', 'speech', 'minutes', 'info', 'normative'];
const URGENCIES = ['extra_urgent', 'urgent', 'normal', 'normal', 'normal'];

async function seed(db: Database, calendar: CalendarService, now: Date, drafts: number, reviewers: number): Promise<{ adminOpenId: string }> {
  const { prisma } = db;
  const rand = random(20261201);
  const cal = calendar.current();
  const units = Array.from({ length: 40 }, (_, i) => ({ id: `bu${i}`, code: `BU${i}`, name: `单位${i}`, kind: i < 8 ? 'office_section' : 'department' }));
  await prisma.unit.createMany({ data: units });
  const people = Array.from({ length: reviewers + 200 }, (_, i) => ({
    id: `bp${i}`,
    name: `审核人${i}`,
    openId: `ou_bench_${String(i).padStart(6, '0')}`,
    unitId: units[i % units.length]!.id,
    title: i === 0 ? '办公室主任' : '',
  }));
  for (let i = 0; i < people.length; i += 1000) await prisma.person.createMany({ data: people.slice(i, i + 1000) });
  await prisma.roleGrant.createMany({
    data: [
      { personId: 'bp0', role: 'director' },
      { personId: 'bp0', role: 'admin' },
    ],
  });
  const drafters = people.slice(reviewers);
  const draftRows: Record<string, string | number | Date>[] = [];
  const stepRows: Record<string, string | number | Date | null>[] = [];
  for (let d = 0; d < drafts; d++) {
    const id = `bd${d}`;
    // Arrived up to 15 working days ago, at the current level (0..4); the levels before it signed.
    const current = Math.floor(rand() * LEVELS.length);
    const reachedAt = addWorkingMinutes(cal, now, -Math.floor(rand() * 15 * 390) - 1, DEFAULT_HOURS);
    const drafter = drafters[d % drafters.length]!;
    draftRows.push({
      id,
      year: 2026,
      seq: d + 1,
      number: `审〔2026〕${d + 1}号`,
      title: `关于做好第${d + 1}项重点工作的通知`,
      kind: KINDS[d % KINDS.length]!,
      urgency: URGENCIES[d % URGENCIES.length]!,
      sourceType: 'docx',
      drafterId: drafter.id,
      drafterOpenId: drafter.openId,
      unitId: drafter.unitId,
      status: 'reviewing',
      currentPosition: (current + 1) * 100,
      submittedAt: reachedAt,
      statusAt: reachedAt,
    });
    for (const [i, [role, label]] of LEVELS.entries()) {
      // Every reviewer holds some drafts: the holder of draft d's current level is reviewer d mod N.
      const p = i === current ? people[d % reviewers]! : people[Math.floor(rand() * reviewers)]!;
      stepRows.push({
        id: `bs${d}_${i}`,
        draftId: id,
        position: (i + 1) * 100,
        role,
        label,
        personId: p.id,
        openId: p.openId,
        personName: p.name,
        status: i < current ? 'approved' : i === current ? 'current' : 'waiting',
        revision: i < current ? 1 : null,
        reachedAt: i <= current ? reachedAt : null,
        decidedAt: i < current ? reachedAt : null,
      });
    }
  }
  // Prepared inserts in one transaction: Prisma's createMany took most of a minute for these 60,000 rows.
  await db.sql.transaction(async (tx) => {
    for (const r of draftRows) {
      await tx.run(sql`INSERT INTO "ReviewDraft" ("id", "year", "seq", "number", "title", "kind", "urgency", "sourceType", "drafterId", "drafterOpenId",
        "unitId", "status", "currentPosition", "submittedAt", "statusAt", "createdAt", "updatedAt")
        VALUES (${r.id}, ${r.year}, ${r.seq}, ${r.number}, ${r.title}, ${r.kind}, ${r.urgency}, ${r.sourceType}, ${r.drafterId}, ${r.drafterOpenId},
        ${r.unitId}, ${r.status}, ${r.currentPosition}, ${r.submittedAt}, ${r.statusAt}, ${now}, ${now})`);
    }
    for (const r of stepRows) {
      await tx.run(sql`INSERT INTO "ReviewStep" ("id", "draftId", "position", "role", "label", "personId", "openId", "personName", "status", "revision",
        "reachedAt", "decidedAt") VALUES (${r.id}, ${r.draftId}, ${r.position}, ${r.role}, ${r.label}, ${r.personId}, ${r.openId}, ${r.personName},
        ${r.status}, ${r.revision}, ${r.reachedAt}, ${r.decidedAt})`);
    }
  });
  if (db.provider === 'postgres') await prisma.$executeRawUnsafe('ANALYZE');
  return { adminOpenId: people[0]!.openId };
}

export async function benchReviews(o: { rounds: number; drafts: number; reviewers: number; databaseUrl?: string }): Promise<ReviewBenchResult> {
  // Any size down to one draft and one reviewer (CI runs a small one for its invariants); not a typo'd knob.
  for (const [knob, v] of [
    ['BENCH_ROUNDS', o.rounds],
    ['BENCH_REVIEW_DRAFTS', o.drafts],
    ['BENCH_REVIEWERS', o.reviewers],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${knob} must be a whole number of at least 1, got ${v}`);
  }
  // Draft d's current level is held by reviewer d mod N: with fewer drafts than reviewers, only that many hold one.
  const holding = Math.min(o.drafts, o.reviewers);
  const now = new Date('2026-12-01T08:30:00+08:00');
  const dir = o.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'sanban-bench-reviews-'));
  const db = await openDatabase(o.databaseUrl ?? `file:${join(dir!, 'reviews.db')}`);
  try {
    await migrate(db);
    const { prisma } = db;
    if ((await prisma.reviewDraft.count()) + (await prisma.person.count()) > 0) {
      throw new Error('BENCH_DATABASE_URL must name a fresh, empty database: the bench seeds it and deletes rows in it');
    }
    const calendar = await CalendarService.load(prisma, DEFAULT_HOURS);
    const seedStarted = performance.now();
    const { adminOpenId } = await seed(db, calendar, now, o.drafts, o.reviewers);
    const seedMs = performance.now() - seedStarted;
    const deps: FeatureDeps = {
      prisma,
      sql: db.sql,
      clock: { now: () => now },
      messenger: new Proxy({} as FeatureDeps['messenger'], {
        get: (_, m) => () => Promise.reject(new Error(`messenger.${String(m)} called during the bench`)),
      }),
      documents: new OfflineDocuments(createLogger('silent')),
      log: createLogger('silent'),
      outbox: { deliver: (item) => enqueue(prisma, item), kick: () => {} },
      calendar,
      bootstrapAdmins: [],
      jobs: new JobControl(),
      settings: { supervision: {} as FeatureDeps['settings']['supervision'] },
    };
    const actor = await loadActor(db.sql, adminOpenId, []);
    let answered: Card | undefined;
    // The command as the router hands it over in a direct chat (the org middleware's actor in locals).
    const ctx = {
      actorOpenId: adminOpenId,
      chatId: 'oc_bench_p2p',
      clock: deps.clock,
      messenger: deps.messenger,
      log: deps.log,
      locals: { 'org.actor': actor },
      message: { chatType: 'p2p' },
      command: { name: '审核', args: '卡在谁那', argv: ['卡在谁那'], mentions: [] },
      replyCard: async (card: Card) => {
        answered = card;
      },
      replyText: async () => {},
      reply: async () => {},
    } as unknown as CommandContext;
    const holders = holdersCommand(deps);
    const indexed = () => db.sql.all(sql`SELECT "id", "draftId", "openId", "reachedAt" FROM "ReviewStep" WHERE "status" = 'current' ORDER BY "reachedAt"`);

    const samples = new Map<string, { ms: number; rows: number }[]>();
    const time = async (key: string, fn: () => Promise<number>) => {
      const t0 = performance.now();
      const rows = await fn();
      samples.set(key, [...(samples.get(key) ?? []), { ms: performance.now() - t0, rows }]);
    };
    for (let round = 0; round < o.rounds; round++) {
      await time('holders-baseline', async () => (await indexed()).length);
      await time('holders', async () => {
        answered = undefined;
        await holders.run(ctx, []);
        if (!answered || !JSON.stringify(answered).includes(`在审文稿 ${o.drafts.toLocaleString('en-US').replace(/,/g, '')} 份`)) {
          throw new Error('审核 卡在谁那 did not answer with every open draft');
        }
        return o.drafts;
      });
      await time('digest-baseline', async () => {
        const rows = await indexed();
        const people = [...new Set(rows.map((r) => String((r as { openId: string }).openId)))];
        await enqueueMany(
          prisma,
          people.map((openId) => ({
            to: { openId },
            content: { type: 'text', text: '您手中有文稿待审' },
            key: `bench-base:${round}:${openId}`,
            origin: 'bench:baseline',
          })),
        );
        if (people.length !== holding) throw new Error(`the baseline read ${people.length} holders, expected ${holding}`);
        return people.length;
      });
      await time('digest', async () => {
        const r = await runReviewerDigest(deps, new Date(now.getTime() + round * 86_400_000));
        if (r.reviewers !== holding) throw new Error(`the digest reached ${r.reviewers} reviewers, expected ${holding}`);
        return r.reviewers;
      });
      // Checked outside the timing: one card queued per reviewer holding a draft, none twice.
      const queued = await prisma.outboxMessage.count({ where: { origin: 'job:reviews.digest' } });
      if (queued !== holding) throw new Error(`the digest queued ${queued} messages, expected one for each of ${holding} reviewers`);
      await prisma.outboxMessage.deleteMany({ where: { origin: { in: ['bench:baseline', 'job:reviews.digest'] } } });
    }
    const med = (key: string) => ({ ms: median(samples.get(key)!.map((s) => s.ms)), rows: samples.get(key)![0]!.rows });
    const row = (key: string, name: string, note: string, baseKey?: string, baseName?: string): ReviewBenchRow => {
      const m = med(key);
      return { name, ...m, ...(baseKey ? { ratio: m.ms / med(baseKey).ms, baseline: baseName } : {}), note };
    };
    return {
      provider: db.provider,
      drafts: o.drafts,
      steps: o.drafts * LEVELS.length,
      reviewers: o.reviewers,
      rounds: o.rounds,
      seedMs,
      rows: [
        row('holders-baseline', 'baseline: current steps by (status, reachedAt)', 'one indexed query, rows only'),
        row('holders', '审核 卡在谁那', 'join, dwell in working time, grouping, card', 'holders-baseline', 'indexed query'),
        row('digest-baseline', 'baseline: read + one text per reviewer queued', 'indexed query + enqueueMany of plain texts'),
        row('digest', 'daily reviewer digest', 'one card per reviewer queued', 'digest-baseline', 'read + queue texts'),
      ],
    };
  } finally {
    await db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
