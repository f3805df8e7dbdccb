import { mkdirSync, writeFileSync } from 'node:fs';
import { benchIngress, type IngressResult } from './ingress.js';

/**
 * `npm run bench`: each figure is measured beside its baseline in the same run and reported as a ratio;
 * the median of several rounds is taken because these machines are shared and noisy.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);

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
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  JSON.stringify({ at: new Date().toISOString(), rounds, requests, concurrency, ingress, ratios: { p99: bot.p99ms / base.p99ms, rps: bot.rps / base.rps } }, null, 2),
);
