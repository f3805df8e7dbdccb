import { Worker } from 'node:worker_threads';

/**
 * Builds a file (an .xlsx, a .docx) in a worker thread, off the event loop that acks Lark's events:
 * a 20,000-row ledger took ~6.6 s of CPU in exceljs, and every ack waited behind it.
 *
 * The builder module (`entry`) exports `createBuilder(args): { add(part), finish(final) → Uint8Array }`
 * (or a promise of one); `args` is structured-cloned into the thread. The platform's builders are
 * export/sheet-build.ts (any sheet declared with `defineSheet`) and export/docx/docx-build.ts.
 * The caller posts the parts as it reads them (a page of rows at a time: no one large structured clone
 * on the event loop) and then the final part; the bytes come back transferred, not copied.
 */
export interface FileBuilder<P, F> {
  add(part: P): void;
  finish(final: F): Promise<Uint8Array> | Uint8Array;
}

export interface BuiltFile {
  bytes: Buffer;
  /** The worker thread the file was built in (never 0, the main thread). */
  threadId: number;
}

export interface ThreadBuild<P, F> {
  add(part: P): void;
  finish(final: F): Promise<BuiltFile>;
  /** Stops the thread (the caller failed before finishing). */
  abort(): void;
}

export interface ThreadBuildOptions {
  /** The build is stopped after this long (a runaway build must not hold a core for good). */
  timeoutMs?: number;
  /** The thread's heap limit: running out ends the thread with an error, not the bot. */
  maxHeapMb?: number;
  /** Handed to the builder module's `createBuilder` in the thread (plain data: it is structured-cloned). */
  args?: unknown;
}

export class FileBuildError extends Error {}

const DEFAULTS = { timeoutMs: 120_000, maxHeapMb: 1536 };

/**
 * One build at a time per process: each takes a whole core for seconds, and the event loop needs the
 * other. Later builds wait their turn.
 */
let queue: Promise<unknown> = Promise.resolve();

export function startThreadBuild<P, F>(entry: URL, options: ThreadBuildOptions = {}): ThreadBuild<P, F> {
  const { args, ...limits } = options;
  const o = { ...DEFAULTS, ...limits };
  const parts: P[] = [];
  let worker: Worker | undefined;
  let aborted = false;
  let resolveTurn: () => void = () => undefined;
  const turn = queue.then(() => undefined);
  queue = queue.then(() => new Promise<void>((r) => (resolveTurn = r)));
  // What the thread answered, or how it died: listened to from the start (an unheard 'error' event would
  // take the whole process down), read by `finish`.
  let settle: (r: { bytes: Uint8Array; threadId: number } | Error) => void = () => undefined;
  const outcome = new Promise<{ bytes: Uint8Array; threadId: number } | Error>((r) => (settle = r));
  // The thread starts when the previous build has finished; parts posted before then wait here.
  const started = turn.then(() => {
    if (aborted) return undefined;
    const w = new Worker(new URL('./file-thread.mjs', import.meta.url), {
      workerData: { entry: entry.href, args },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb },
    });
    w.unref();
    w.on('message', (m: { type: 'done'; bytes: Uint8Array; threadId: number } | { type: 'error'; message: string }) =>
      settle(m.type === 'done' ? m : new FileBuildError(`file build failed: ${m.message}`)),
    );
    w.on('error', (err) => settle(new FileBuildError(`file build thread failed: ${err.message}`)));
    w.on('exit', (code) => settle(new FileBuildError(`file build thread exited (${code})`)));
    for (const part of parts.splice(0)) w.postMessage({ type: 'part', part });
    worker = w;
    return w;
  });
  const release = () => {
    resolveTurn();
    void worker?.terminate();
  };

  return {
    add(part) {
      if (worker) worker.postMessage({ type: 'part', part });
      else if (!aborted) parts.push(part);
    },
    async finish(final) {
      const w = await started;
      if (!w) throw new FileBuildError('file build aborted');
      let timer: NodeJS.Timeout | undefined;
      try {
        w.postMessage({ type: 'finish', final });
        const timeout = new Promise<Error>((r) => {
          timer = setTimeout(() => r(new FileBuildError(`file build took longer than ${o.timeoutMs} ms`)), o.timeoutMs);
          timer.unref();
        });
        const r = await Promise.race([outcome, timeout]);
        if (r instanceof Error) throw r;
        return { bytes: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength), threadId: r.threadId };
      } finally {
        clearTimeout(timer);
        release();
      }
    },
    abort() {
      aborted = true;
      parts.length = 0;
      void started.then(release);
    },
  };
}
