import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FakeLark } from '../src/local/lark/server.js';
import { LoadGenerator, summariseLoad, type LoadStats, type PreparedRequest } from './loadgen.js';
import { freshSqlite } from './pg.js';
import { mentionMessage, mix } from './signed.js';
import { median, sleep } from './stats.js';

/**
 * Footprint: the bot as a real process (`node --import tsx src/main.ts`, as `npm start` runs it) with
 * LARK_* pointing at a fake Lark in this process and a fresh SQLite database; PORT=0, the URL read from
 * its log. Measured: spawn → first 200 from /healthz, resident memory (VmRSS) once idle, and again after
 * N signed events (half `帮助`, the rest each feature's command word: FOOTPRINT_MIX) posted at a steady rate. Baseline, spawned the same way: a bare Koa
 * server answering /healthz, so the ratio shows the bot's own start cost (and idle memory).
 */
/**
 * What the events say: mostly 帮助, and each feature's command word (its usage text), so that every
 * feature's code is loaded and run in the measured process — the whole product, not the help card alone.
 */
export const FOOTPRINT_MIX = { 帮助: 5, 督办: 1, 日程: 1, 审核: 1, 议题: 1, 会议: 1, 信息: 1 } as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BASELINE = `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx) => {
  ctx.status = ctx.path === '/healthz' ? 200 : 404;
  ctx.body = { status: 'ok' };
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ msg: 'listening', url: 'http://127.0.0.1:' + server.address().port }) + '\\n');
});
`;

export interface FootprintRun {
  /** Spawn → the first 200 from /healthz. */
  readyMs: number;
  idleRssMb: number;
  /** After the events were acked and a few seconds of settling. */
  afterRssMb: number;
  /** Highest VmRSS sampled while the events were posted. */
  peakRssMb: number;
  events?: LoadStats;
  /** Replies the fake Lark had received when RSS was read after the events (the outbox sends ≤ 50/s). */
  repliesSent?: number;
}

export interface FootprintResult {
  rounds: number;
  settleMs: number;
  events: number;
  rate: number;
  baseline: FootprintRun;
  bot: FootprintRun;
  runs: { baseline: FootprintRun[]; bot: FootprintRun[] };
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** Spawns, waits for the listening URL in the log and the first 200 from /healthz. */
async function start(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && /listening/.test(entry.msg ?? '')) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before listening: ${stderr.slice(0, 500)}`)));
  });
  for (;;) {
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(5);
  }
  return { child, url, readyMs: performance.now() - t0 };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  // The bot would first drain its outbox (replies are sent at ≤ 50/s): not the bench's business.
  child.kill('SIGKILL');
  await exited;
}

async function measure(
  args: string[],
  env: NodeJS.ProcessEnv,
  post: ((url: string, pid: number) => Promise<{ stats: LoadStats; peakRssMb: number; repliesSent: () => number }>) | undefined,
  settleMs: number,
): Promise<FootprintRun> {
  const { child, url, readyMs } = await start(args, env);
  try {
    await sleep(settleMs);
    const idleRssMb = rssMb(child.pid!);
    if (!post) return { readyMs, idleRssMb, afterRssMb: NaN, peakRssMb: NaN };
    const { stats, peakRssMb, repliesSent } = await post(url, child.pid!);
    await sleep(settleMs);
    return { readyMs, idleRssMb, afterRssMb: rssMb(child.pid!), peakRssMb, events: stats, repliesSent: repliesSent() };
  } finally {
    await stopChild(child);
  }
}

export async function benchFootprint(o: { rounds: number; events: number; rate: number; settleMs: number }): Promise<FootprintResult> {
  const fake = await new FakeLark({ encryptKey: 'bench-key', verificationToken: 'bench-token', perAppRate: 0, perChatRate: 0 }).start();
  const gen = new LoadGenerator();
  const people = Array.from({ length: 50 }, (_, i) => fake.addUser(`用户${i + 1}`));
  const chat = fake.addChat('工作群', people);
  const events = (): PreparedRequest[] =>
    mix(o.events, FOOTPRINT_MIX).map((kind, i) => mentionMessage(fake, chat, people[i % people.length]!.openId, kind, kind));
  const post = async (url: string, pid: number) => {
    const before = fake.messages.size;
    let peakRssMb = 0;
    const timer = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid))), 200);
    try {
      // At most 64 unanswered (as a pusher with a connection pool would), and a long timeout: every event is
      // acked, however far behind the bot falls; how fast it acked is in the stats.
      const reply = await gen.run({ url: `${url}/lark/events`, mode: 'open', rate: o.rate, maxInFlight: 64, requests: events(), timeoutMs: 120_000 });
      return { stats: summariseLoad(reply), peakRssMb, repliesSent: () => fake.messages.size - before };
    } finally {
      clearInterval(timer);
    }
  };
  const runs: FootprintResult['runs'] = { baseline: [], bot: [] };
  try {
    for (let r = 0; r < o.rounds; r++) {
      runs.baseline.push(await measure(['--import', 'tsx', '--input-type=module', '-e', BASELINE], { ...process.env }, undefined, o.settleMs));
      const database = freshSqlite('footprint');
      const env = {
        ...process.env,
        LARK_APP_ID: fake.appId,
        LARK_APP_SECRET: fake.appSecret,
        LARK_ENCRYPT_KEY: fake.encryptKey,
        LARK_VERIFICATION_TOKEN: fake.verificationToken,
        LARK_DOMAIN: fake.url,
        LARK_TRANSPORT: 'webhook',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        LOG_LEVEL: 'info',
      };
      try {
        runs.bot.push(await measure(['--import', 'tsx', 'src/main.ts'], env, r === 0 ? post : undefined, o.settleMs));
      } finally {
        await database.drop();
      }
    }
  } finally {
    gen.stop();
    await fake.stop();
  }
  const med = (xs: FootprintRun[]): FootprintRun => ({
    readyMs: median(xs.map((x) => x.readyMs)),
    idleRssMb: median(xs.map((x) => x.idleRssMb)),
    afterRssMb: xs[0]!.afterRssMb,
    peakRssMb: xs[0]!.peakRssMb,
    ...(xs[0]!.events ? { events: xs[0]!.events, repliesSent: xs[0]!.repliesSent } : {}),
  });
  return { rounds: o.rounds, settleMs: o.settleMs, events: o.events, rate: o.rate, baseline: med(runs.baseline), bot: med(runs.bot), runs };
}
