import { Agent, request } from 'node:http';
import type { LoadJob, LoadReply, Sample } from './loadgen.js';

/**
 * The load generator's own process (forked by loadgen.ts), so that building and timing requests does not
 * share an event loop with the server under test. Requests are pre-built (signed, encrypted) by the
 * parent; here they are only sent, over keep-alive connections, and timed.
 *
 * - open loop: request i is due at start + i / rate, sent when due whatever the earlier ones are doing;
 *   its latency counts from that due time, so time spent queued (here or in the server) counts. With
 *   `maxInFlight`, a request due while that many are unanswered waits for one (still timed from its due time).
 * - closed loop: `concurrency` senders, each sending its next request when the last one is answered.
 *
 * A request not answered within `timeoutMs` (Lark gives up after 3 s) counts as a failure (status 0).
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function send(url: URL, r: LoadJob['requests'][number], timeoutMs: number, retried = false): Promise<{ status: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number, body: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, body });
    };
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), ...r.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        res.on('error', () => done(0, ''));
      },
    );
    const timer = setTimeout(() => {
      done(0, 'timeout');
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just as it was reused: sent again on a fresh one, as
      // HTTP clients do (the server never saw the request).
      if (req.reusedSocket && err.code === 'ECONNRESET' && !retried && !settled) {
        settled = true;
        clearTimeout(timer);
        void send(url, r, timeoutMs - (performance.now() - started), true).then(resolve);
        return;
      }
      done(0, '');
    });
    req.end(r.body);
  });
}

async function run(job: LoadJob): Promise<LoadReply> {
  const url = new URL(job.url);
  const samples: Sample[] = new Array(job.requests.length);
  const one = async (i: number, due: number) => {
    const started = performance.now();
    const { status, body } = await send(url, job.requests[i]!, job.timeoutMs);
    const r = job.requests[i]!;
    samples[i] = { kind: r.kind, ms: performance.now() - due, lagMs: started - due, status, ok: status === 200 && (!r.expect || body.includes(r.expect)) };
  };
  const t0 = performance.now() + 20;
  if (job.mode === 'open') {
    const interval = 1000 / job.rate!;
    const maxInFlight = job.maxInFlight ?? Infinity;
    const inFlight: Promise<void>[] = [];
    let open = 0;
    let waiting = false;
    await new Promise<void>((resolve) => {
      let i = 0;
      const pump = () => {
        const now = performance.now();
        while (i < job.requests.length && t0 + i * interval <= now && open < maxInFlight) {
          open++;
          inFlight.push(
            one(i, t0 + i * interval).finally(() => {
              open--;
              if (waiting) {
                waiting = false;
                pump();
              }
            }),
          );
          i++;
        }
        if (i >= job.requests.length) resolve();
        else if (open >= maxInFlight) waiting = true;
        else setTimeout(pump, Math.max(0, t0 + i * interval - performance.now()));
      };
      setTimeout(pump, t0 - performance.now());
    });
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all(
      Array.from({ length: job.concurrency! }, async () => {
        while (next < job.requests.length) {
          const i = next++;
          await one(i, performance.now());
        }
      }),
    );
  }
  return { id: job.id, samples, elapsedMs: performance.now() - t0 };
}

process.on('message', (job: LoadJob) => {
  void run(job).then((reply) => process.send!(reply));
});
