import type { Logger } from '../logger.js';
import { isInfrastructureError } from './infra-errors.js';

export interface RetryPolicy {
  /** How long after the first attempt another one may still start. */
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** A database restart or failover is over within a minute or two; longer, the person is better told. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { budgetMs: 120_000, firstDelayMs: 250, maxDelayMs: 10_000 };

/**
 * Re-runs work that failed on the infrastructure (infra-errors.ts), with exponential backoff and jitter,
 * for a bounded time. Anything else fails at once. `close()` (shutdown) ends every wait: the work then
 * fails with its last error, so that whoever waits for it can tell the person.
 */
export class InfraRetry {
  private closed = false;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly policy: RetryPolicy,
    private readonly log: Logger,
  ) {}

  get budgetMs(): number {
    return this.policy.budgetMs;
  }

  async run<T>(attempt: () => Promise<T>, o: { what: string; budgetMs?: number }): Promise<T> {
    const deadline = Date.now() + (o.budgetMs ?? this.policy.budgetMs);
    let delay = this.policy.firstDelayMs;
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        const left = deadline - Date.now();
        if (this.closed || left <= 0 || !isInfrastructureError(err)) throw err;
        const wait = Math.min(left, delay * (0.8 + Math.random() * 0.4));
        this.log.warn({ err, what: o.what, attempt: n, retryInMs: Math.round(wait) }, 'infrastructure unavailable; will retry');
        await this.sleep(wait);
        delay = Math.min(delay * 2, this.policy.maxDelayMs);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
