import { Worker } from 'node:worker_threads';
import type { Card } from '../cards/types.js';
import type { Logger } from '../logger.js';
import type { Messenger, OutgoingContent, Recipient, Result, SendOptions } from '../ports/messenger.js';

/** What the outbox needs of a messenger. */
export type DeliveryMessenger = Pick<Messenger, 'send' | 'reply' | 'updateCard'>;

export interface DeliveryThreadConfig {
  appId: string;
  appSecret: string;
  domain: string;
  logLevel: string;
}

export type DeliveryRequest =
  | { id: number; method: 'send'; args: [Recipient, OutgoingContent, SendOptions?] }
  | { id: number; method: 'reply'; args: [string, OutgoingContent, SendOptions?] }
  | { id: number; method: 'updateCard'; args: [string, Card] };

type Pending = (result: Result<unknown>) => void;

/** pino's numeric levels. */
const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * The outbox's messenger, running the real SDK in a worker thread (delivery-thread.ts). Each send costs the
 * SDK about a millisecond of CPU and ~85 KB of garbage; on the event loop that acks Lark's events, 50 of
 * them a second showed up as several milliseconds on the acks' p99 (sliced work and young-generation GC).
 * In the thread they have their own loop and heap. Only data crosses: requests and typed results.
 * If the thread dies, calls answer a retryable network error and a new thread is started.
 */
export class ThreadedMessenger implements DeliveryMessenger {
  private worker?: Worker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private stopped = false;

  constructor(
    private readonly config: DeliveryThreadConfig,
    private readonly log: Logger,
  ) {
    this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(new URL('./delivery-thread.mjs', import.meta.url), { workerData: this.config, execArgv: [] });
    worker.on('message', (m: { id: number; result: Result<unknown> } | { log: string }) => {
      if ('log' in m) return this.relog(m.log);
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      done?.(m.result);
    });
    worker.on('error', (err) => this.log.error({ err }, 'delivery thread failed'));
    worker.on('exit', (code) => {
      this.worker = undefined;
      for (const done of this.pending.values()) done({ ok: false, error: { kind: 'network', message: `delivery thread exited (${code})` } });
      this.pending.clear();
      // Started again a second later (not at once: a thread that cannot start must not spin).
      if (!this.stopped) setTimeout(() => !this.stopped && this.spawn(), 1000).unref();
    });
    worker.unref();
    this.worker = worker;
  }

  /** A log record the thread wrote (a pino JSON line), written again through the app's logger. */
  private relog(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return this.log.warn({ bytes: line.length }, 'delivery thread wrote an unreadable log record');
    }
    const { level, msg, time: _time, pid: _pid, hostname: _hostname, app: _app, component, ...fields } = record;
    const method = LEVELS[level as number] ?? 'info';
    this.log[method]({ ...fields, ...(component ? { source: component } : {}), thread: true }, typeof msg === 'string' ? msg : '');
  }

  private call<T>(request: Omit<DeliveryRequest, 'id'>): Promise<Result<T>> {
    const id = ++this.seq;
    const worker = this.worker;
    // No thread right now (it died and restarts shortly): a retryable failure, the outbox tries again.
    if (!worker) return Promise.resolve({ ok: false, error: { kind: 'network', message: 'delivery thread restarting' } });
    return new Promise((resolve) => {
      this.pending.set(id, resolve as Pending);
      worker.postMessage({ ...request, id });
    });
  }

  send(to: Recipient, content: OutgoingContent, options?: SendOptions): Promise<Result<{ messageId: string }>> {
    return this.call({ method: 'send', args: [to, content, options] });
  }

  reply(messageId: string, content: OutgoingContent, options?: SendOptions): Promise<Result<{ messageId: string }>> {
    return this.call({ method: 'reply', args: [messageId, content, options] });
  }

  updateCard(messageId: string, card: Card): Promise<Result<void>> {
    return this.call({ method: 'updateCard', args: [messageId, card] });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
  }
}
