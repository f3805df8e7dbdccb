import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { benchDelivery } from './delivery.js';
import { benchDrafting, printDrafting } from './drafting.js';
import { benchExport } from './export.js';
import { benchFootprint } from './footprint.js';
import { benchIngress } from './ingress.js';
import { benchLedger } from './ledger.js';
import { benchSchedules, printSchedules } from './schedules.js';
import { benchBriefBoard, printBriefBoard } from './briefs.js';
import { benchReviews } from './reviews.js';
import { ingressVerdicts, printDelivery, printExport, printFootprint, printIngress } from './report.js';

/**
 * `npm run bench`: each figure is measured beside its baseline in the same run and reported as a ratio;
 * the median of several rounds is taken because these machines are shared and noisy.
 *
 * BENCH_ONLY=ingress|delivery|chase|reviews|export|schedules|drafting|briefs|footprint runs one part (the other parts of results/latest.json are
 * kept as they were). BENCH_ROUNDS (default 3) rounds everywhere, except BENCH_DELIVERY_ROUNDS.
 *   ingress   BENCH_RATE (200) requests/s for BENCH_SECONDS (4) per run, five runs a round (baseline and
 *             four variants of the bot), on SQLite and on PostgreSQL (a database created for the run on
 *             BENCH_POSTGRES_URL's server, else BENCH_DATABASE_URL's, else 127.0.0.1:5432; reported as not
 *             run when unreachable); BENCH_INGRESS_ITEMS (1000) items in the ledger; closed loop:
 *             BENCH_REQUESTS (300) of the same mix at BENCH_CONCURRENCY (10). BENCH_INGRESS_DB=sqlite|postgres: one only.
 *             The mix: 帮助, 督办 列表, 督办 返回 clicks, and half of it the newer features' commands and clicks in
 *             turn (日程 今天, 审核 卡在谁那, 议题 列表, 信息 报送 and a click of each: ingress-features.ts).
 *   delivery  BENCH_DELIVERY_ROUNDS (3) × 1,000 messages to 200 chats (each round ≥ 20 s) on SQLite;
 *             BENCH_DELIVERY_POSTGRES=1 adds PostgreSQL.
 *   chase     BENCH_ITEMS (default 100000) sizes the ledger; BENCH_DATABASE_URL runs it on PostgreSQL (a
 *             fresh, empty database) instead of a temporary SQLite file.
 *   reviews   BENCH_REVIEW_DRAFTS (10000) open drafts of 5 levels held by BENCH_REVIEWERS (2000) reviewers on a
 *             temporary SQLite file (BENCH_DATABASE_URL: PostgreSQL, a fresh database): 审核 卡在谁那 against one
 *             indexed query, and the daily reviewer digest against the same read plus one queued text each.
 *   export    BENCH_EXPORT_ITEMS (20000, the export cap) items on a temporary SQLite file: the longest event-loop
 *             stall during 督办 导出 of the whole ledger, beside an idle loop and the old in-thread build.
 *   drafting  the rules classifier's accuracy on the labelled notes (test/fixtures/brief-notes.ts), and
 *             BENCH_DRAFT_NOTES (50) notes drafted through the fake model via our adapter against the openai
 *             client alone with the same prompts, in the same run (our overhead as a ratio).
 *   briefs    the daily board of BENCH_BRIEF_UNITS (500) units through the whole bot: 信息 今日 against 我是谁 in the
 *             same run, the 16:00 nudge against Lark's 50 messages/s, and the close that records 漏报 (SQLite).
 *   footprint BENCH_FOOTPRINT_EVENTS (10000) events at BENCH_FOOTPRINT_RATE (500)/s; start time over BENCH_ROUNDS.
 */
const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const rounds = env('BENCH_ROUNDS', 3);
const PARTS = ['ingress', 'delivery', 'chase', 'reviews', 'export', 'schedules', 'drafting', 'briefs', 'footprint'] as const;
type Part = (typeof PARTS)[number];
const only = process.env.BENCH_ONLY as Part | undefined;
if (only !== undefined && !PARTS.includes(only)) throw new Error(`BENCH_ONLY must be one of ${PARTS.join(', ')}, got "${only}"`);
const runs = (part: Part) => only === undefined || only === part;

const resultsFile = new URL('./results/latest.json', import.meta.url);
let previous: Record<string, unknown> = {};
try {
  previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
} catch {
  // No earlier results: nothing to keep.
}
const results: Record<string, unknown> = { ...previous, at: new Date().toISOString() };
const started = performance.now();
let partStarted = started;
/** Writes results/latest.json after each part (a later failure keeps what was measured) and says how long the part took. */
const save = () => {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  process.stdout.write(`  (${((performance.now() - partStarted) / 1000).toFixed(0)} s)\n`);
  partStarted = performance.now();
};

if (runs('ingress')) {
  const ingress = await benchIngress({
    rounds,
    rate: env('BENCH_RATE', 200),
    seconds: env('BENCH_SECONDS', 4),
    items: env('BENCH_INGRESS_ITEMS', 1000),
    closed: { requests: env('BENCH_REQUESTS', 300), concurrency: env('BENCH_CONCURRENCY', 10) },
    weights: { help: 2, list: 1, click: 1, features: 4 },
    databases: process.env.BENCH_INGRESS_DB === 'sqlite' ? ['SQLite'] : process.env.BENCH_INGRESS_DB === 'postgres' ? ['PostgreSQL'] : ['SQLite', 'PostgreSQL'],
  });
  printIngress(ingress);
  results.ingress = { ...ingress, targets: ingressVerdicts(ingress) };
  delete results.rounds;
  delete results.requests;
  delete results.concurrency;
  delete results.ratios;
  save();
}

if (runs('delivery')) {
  const databases = process.env.BENCH_DELIVERY_POSTGRES === '1' ? (['SQLite', 'PostgreSQL'] as const) : (['SQLite'] as const);
  const delivery = await benchDelivery({ rounds: env('BENCH_DELIVERY_ROUNDS', 3), messages: 1000, chats: 200, databases: [...databases] });
  printDelivery(delivery);
  results.delivery = delivery;
  save();
}

if (runs('chase')) {
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
  const items = env('BENCH_ITEMS', 100_000);
  const chase = await benchLedger({ rounds, items, ...(databaseUrl ? { databaseUrl } : {}) });
  const l = chase.ledger;
  const n = (x: number) => x.toLocaleString('en-US');
  process.stdout.write(
    `\nchase, ${chase.provider === 'postgres' ? 'PostgreSQL' : 'SQLite'}: a ledger of ${n(l.items)} items (${n(l.open)} open, ${n(l.overdue)} overdue, ` +
      `${n(l.dueWithinHorizon)} due by ${chase.horizon}, ${n(l.pendingAck)} unsigned, ${n(l.progressCycle)} on a progress cycle; ` +
      `${n(l.chaseCandidates)} chase candidates), ${l.units} units, ${l.people} people; seeded in ${(chase.seedMs / 1000).toFixed(1)} s; ` +
      `job fired ${chase.today} 09:00 Beijing; median of ${rounds} rounds\n`,
  );
  console.table(
    chase.rows.map((r) => ({
      benchmark: r.name,
      ms: r.ms.toFixed(1),
      'vs baseline': r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
      rows: r.rows,
      'peak RSS Δ MB': r.peakRssMb.toFixed(1),
      'peak heap Δ MB': r.peakHeapMb.toFixed(1),
      note: r.note,
    })),
  );
  results.chase = chase;
  save();
}

if (runs('reviews')) {
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
  const reviews = await benchReviews({
    rounds,
    drafts: env('BENCH_REVIEW_DRAFTS', 10_000),
    reviewers: env('BENCH_REVIEWERS', 2000),
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  const n = (x: number) => x.toLocaleString('en-US');
  process.stdout.write(
    `\nreviews, ${reviews.provider === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${n(reviews.drafts)} open drafts (${n(reviews.steps)} steps), ` +
      `${n(reviews.reviewers)} reviewers; seeded in ${(reviews.seedMs / 1000).toFixed(1)} s; median of ${rounds} rounds\n`,
  );
  console.table(
    reviews.rows.map((r) => ({
      benchmark: r.name,
      ms: r.ms.toFixed(1),
      'vs baseline': r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
      rows: r.rows,
      note: r.note,
    })),
  );
  results.reviews = reviews;
  save();
}

if (runs('export')) {
  const exported = await benchExport({ rounds, items: env('BENCH_EXPORT_ITEMS', 20_000) });
  printExport(exported);
  results.export = exported;
  save();
}

if (runs('schedules')) {
  // BENCH_SCHEDULE_GROUPS=20 for a smoke run; 1,000 groups is the city-level case.
  const schedules = await benchSchedules({ groups: env('BENCH_SCHEDULE_GROUPS', 1000) });
  printSchedules(schedules);
  results.schedules = schedules;
  save();
}

if (runs('drafting')) {
  const drafting = await benchDrafting({ rounds, notes: env('BENCH_DRAFT_NOTES', 50) });
  printDrafting(drafting);
  results.drafting = drafting;
  save();
}

if (runs('briefs')) {
  const briefs = await benchBriefBoard({ units: env('BENCH_BRIEF_UNITS', 500), rounds: Math.max(rounds, 5) });
  printBriefBoard(briefs);
  results.briefs = briefs;
  save();
}

if (runs('footprint')) {
  const footprint = await benchFootprint({ rounds, events: env('BENCH_FOOTPRINT_EVENTS', 10_000), rate: env('BENCH_FOOTPRINT_RATE', 500), settleMs: 2000 });
  printFootprint(footprint);
  results.footprint = footprint;
  save();
}

process.stdout.write(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
