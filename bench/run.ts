import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { benchIngress, type IngressResult } from './ingress.js';
import { benchLedger } from './ledger.js';

/**
 * `npm run bench`: each figure is measured beside its baseline in the same run and reported as a ratio;
 * the median of several rounds is taken because these machines are shared and noisy.
 *
 * BENCH_ONLY=ingress|chase runs one part (the other part of results/latest.json is kept as it was).
 * BENCH_ITEMS (default 100000) sizes the ledger of the chase part; BENCH_DATABASE_URL runs that part on
 * PostgreSQL (a fresh, empty database) instead of a temporary SQLite file.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const items = Number(process.env.BENCH_ITEMS ?? 100_000);
const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'ingress' && only !== 'chase') throw new Error(`BENCH_ONLY must be "ingress" or "chase", got "${only}"`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function summarise(all: IngressResult[][]) {
  const names = all[0]!.map((r) => r.name);
  return names.map((name, i) => {
    const runs = all.map((round) => round[i]!);
    return {
      name,
      p50ms: median(runs.map((r) => r.p50ms)),
      p99ms: median(runs.map((r) => r.p99ms)),
      rps: median(runs.map((r) => r.rps)),
      non200: runs.reduce((s, r) => s + r.non200, 0),
    };
  });
}

const resultsFile = new URL('./results/latest.json', import.meta.url);
let previous: Record<string, unknown> = {};
try {
  previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
} catch {
  // No earlier results: nothing to keep.
}
const results: Record<string, unknown> = { ...previous, at: new Date().toISOString() };

if (only !== 'chase') {
  const ingress = summarise(await benchIngress({ rounds, requests, concurrency }));
  const [base, bot] = ingress as [(typeof ingress)[0], (typeof ingress)[0]];
  const table = ingress.map((r) => ({
    benchmark: r.name,
    'p50 ms': r.p50ms.toFixed(2),
    'p99 ms': r.p99ms.toFixed(2),
    'req/s': r.rps.toFixed(0),
    'non-200': r.non200,
    'p99 vs baseline': (r.p99ms / base.p99ms).toFixed(2) + '×',
  }));
  process.stdout.write(`ingress, SQLite: ${rounds} rounds × ${requests} signed encrypted events at concurrency ${concurrency} (median of rounds)\n`);
  console.table(table);
  Object.assign(results, { rounds, requests, concurrency, ingress, ratios: { p99: bot.p99ms / base.p99ms, rps: bot.rps / base.rps } });
}

if (only !== 'ingress') {
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
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
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(resultsFile, JSON.stringify(results, null, 2));
