import { simulateMonth } from './run.js';

/** The report goes to stdout, as the benchmarks' does (bench/run.ts). */
const print = (line: string) => void process.stdout.write(`${line}\n`);

/**
 * `npm run simulate`: the demo office's month (SIM_DAYS working days, default 22; SIM_SEED; DATABASE_URL
 * for PostgreSQL, else a temporary SQLite file). Prints the checks and the office's numbers; exits 1 if a
 * check fails.
 */
const days = Number(process.env.SIM_DAYS || 22);
const result = await simulateMonth({
  workingDays: days,
  ...(process.env.SIM_SEED ? { seed: Number(process.env.SIM_SEED) } : {}),
  ...(process.env.DATABASE_URL?.startsWith('postgres') ? { databaseUrl: process.env.DATABASE_URL } : {}),
  log: (line) => print(line),
});
print('');
for (const c of result.checks) print(`${c.ok ? '✓' : '✗'} ${c.name}：${c.detail}`);
print('');
for (const line of result.summary) print(line);
print(`\n用时 ${result.seconds.toFixed(1)} 秒（${days} 个工作日）`);
process.exit(result.ok ? 0 : 1);
