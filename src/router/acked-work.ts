import type { Logger } from '../logger.js';
import type { Messenger } from '../ports/messenger.js';
import type { ActionResponse } from './context.js';
import type { ReceiptStore } from './dedup.js';
import type { InboundCardAction, InboundMessage } from './events.js';
import { isInfrastructureError } from './infra-errors.js';
import { DEFAULT_RETRY_POLICY, InfraRetry, type RetryPolicy } from './retry.js';
import { ACTION_UNPROCESSED_TEXT, Unprocessed } from './unprocessed.js';

export interface ActionOutcome {
  response: ActionResponse;
  /** The infrastructure stayed down: nothing was done, and the click's receipt is being released. */
  unprocessed?: true;
}

/**
 * Work done after an event was acked and its receipt recorded: an infrastructure failure (database
 * down, connection cut) must not lose it. The work is retried with backoff for a bounded time; if it
 * still fails, the receipt is released and the person told (unprocessed.ts). Other failures are the
 * work's own to answer.
 */
export class AckedWork {
  private readonly retry: InfraRetry;
  private readonly unprocessed: Unprocessed;

  constructor(
    deps: { receipts: ReceiptStore; messenger: Messenger; log: Logger; retry?: Partial<RetryPolicy> },
    private readonly track: (p: Promise<unknown>) => void,
  ) {
    this.retry = new InfraRetry({ ...DEFAULT_RETRY_POLICY, ...deps.retry }, deps.log);
    this.unprocessed = new Unprocessed({ ...deps, retry: this.retry });
  }

  /** Each attempt is queued anew by `attempt` itself, so the waits between attempts hold no slot. */
  async message(message: InboundMessage, receipt: string, attempt: () => Promise<void>): Promise<void> {
    try {
      await this.retry.run(attempt, { what: 'command' });
    } catch (err) {
      if (!isInfrastructureError(err)) throw err;
      await this.unprocessed.command(message, receipt);
    }
  }

  /** Retries only within `budgetMs`: a click is answered by its toast, and one acting minutes later would surprise. */
  async action(click: string, budgetMs: number, attempt: () => Promise<ActionResponse>): Promise<ActionOutcome> {
    try {
      return { response: await this.retry.run(attempt, { what: 'card action', budgetMs }) };
    } catch (err) {
      if (!isInfrastructureError(err)) throw err;
      // The click's receipt goes, so that clicking again acts (a new click is a new delivery).
      this.track(this.unprocessed.release(click));
      return { response: { toast: { type: 'error', content: ACTION_UNPROCESSED_TEXT } }, unprocessed: true };
    }
  }

  /** A click not processed, found out after its toast was answered: told in a direct message. */
  lateAction(action: InboundCardAction): Promise<void> {
    return this.unprocessed.lateAction(action);
  }

  close(): void {
    this.retry.close();
  }
}

/** The outcome, or 'late' when it is not there within `ms`. */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
