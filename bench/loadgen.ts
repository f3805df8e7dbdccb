import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats.js';

/** One pre-built request: body and signature headers, a label for per-kind figures, and what a good answer contains. */
export interface PreparedRequest {
  kind: string;
  body: string;
  headers: Record<string, string>;
  /** A substring the response body must contain (e.g. `"card"` for a click answered with a card). */
  expect?: string;
}

export interface LoadJob {
  id: number;
  url: string;
  mode: 'open' | 'closed';
  /** Requests per second (open loop). */
  rate?: number;
  /** Open loop: at most this many unanswered requests (default: no cap). */
  maxInFlight?: number;
  /** Senders (closed loop). */
  concurrency?: number;
  timeoutMs: number;
  requests: PreparedRequest[];
}

export interface Sample {
  kind: string;
  /** From the due time (open loop) or the send (closed loop) to the end of the response. */
  ms: number;
  /** How late the generator sent it (open loop): its own health, not the server's. */
  lagMs: number;
  status: number;
  ok: boolean;
}

export interface LoadReply {
  id: number;
  samples: Sample[];
  elapsedMs: number;
}

export interface LoadStats {
  requests: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  rps: number;
  /** Answers that were not 200 (or not answered within the timeout). */
  non200: number;
  /** 200s whose body lacked what was expected (e.g. a click answered without a card). */
  bad: number;
  /** p99 of the generator's own send lag: large values mean the generator, not the server, fell behind. */
  lagP99ms: number;
  byKind: Record<string, { n: number; p50ms: number; p99ms: number }>;
}

export function summariseLoad(reply: LoadReply): LoadStats {
  const ms = reply.samples.map((s) => s.ms).sort((a, b) => a - b);
  const byKind: LoadStats['byKind'] = {};
  for (const kind of new Set(reply.samples.map((s) => s.kind))) {
    const k = reply.samples
      .filter((s) => s.kind === kind)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    byKind[kind] = { n: k.length, p50ms: percentile(k, 50), p99ms: percentile(k, 99) };
  }
  return {
    requests: ms.length,
    p50ms: percentile(ms, 50),
    p99ms: percentile(ms, 99),
    maxMs: ms.at(-1) ?? NaN,
    rps: ms.length / (reply.elapsedMs / 1000),
    non200: reply.samples.filter((s) => s.status !== 200).length,
    bad: reply.samples.filter((s) => s.status === 200 && !s.ok).length,
    lagP99ms: percentile(
      reply.samples.map((s) => s.lagMs).sort((a, b) => a - b),
      99,
    ),
    byKind,
  };
}

/** The load generator, in a child process of its own. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private seq = 0;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./loadgen-child.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  run(job: Omit<LoadJob, 'id' | 'timeoutMs'> & { timeoutMs?: number }): Promise<LoadReply> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const onMessage = (m: LoadReply) => {
        if (m.id !== id) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(m);
      };
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ timeoutMs: 3000, ...job, id } satisfies LoadJob);
    });
  }

  /** Open loop at `rate` requests per second. */
  async open(url: string, rate: number, requests: PreparedRequest[]): Promise<LoadStats> {
    return summariseLoad(await this.run({ url, mode: 'open', rate, requests }));
  }

  /** Closed loop with `concurrency` senders. */
  async closed(url: string, concurrency: number, requests: PreparedRequest[]): Promise<LoadStats> {
    return summariseLoad(await this.run({ url, mode: 'closed', concurrency, requests }));
  }

  stop(): void {
    this.child.kill();
  }
}
