import type { Logger } from '../logger.js';
import type { Messenger } from '../ports/messenger.js';
import type { ReceiptStore } from './dedup.js';
import type { InboundCardAction, InboundMessage } from './events.js';
import type { InfraRetry } from './retry.js';

export const COMMAND_UNPROCESSED_TEXT = '系统暂时无法处理您的指令，请稍后重新发送。';
export const ACTION_UNPROCESSED_TEXT = '系统暂时无法处理您的操作，请稍后重试。';

/** Releases retry this many times the work's budget (2 minutes → 30 minutes). */
const RELEASE_BUDGET_FACTOR = 15;

/**
 * What happens to an event that was acked but could not be handled, the infrastructure having stayed
 * down past the retry budget. Its receipt is released, so that a redelivery (or the same click again)
 * is handled; and the person is told directly through the messenger, not through the outbox, which
 * lives in the database that just failed.
 */
export class Unprocessed {
  constructor(private readonly deps: { receipts: ReceiptStore; messenger: Messenger; log: Logger; retry: InfraRetry }) {}

  async command(message: InboundMessage, receipt: string): Promise<void> {
    this.deps.log.error({ messageId: message.messageId }, 'command not processed: infrastructure unavailable past the retry budget');
    // A stable uuid: should this run twice, Lark posts the notice once.
    const result = await this.deps.messenger
      .reply(message.messageId, { type: 'text', text: COMMAND_UNPROCESSED_TEXT }, { uuid: `unprocessed-${message.messageId}`.slice(0, 50) })
      .catch((err: unknown) => ({ ok: false, error: err }));
    if (!result.ok) this.deps.log.error({ error: result.error, messageId: message.messageId }, 'could not tell the sender the command was not processed');
    await this.release(receipt);
  }

  /** A click answered too late for its toast: the person is told in a direct message. */
  async lateAction(action: InboundCardAction): Promise<void> {
    const result = await this.deps.messenger
      .send({ openId: action.operatorOpenId }, { type: 'text', text: ACTION_UNPROCESSED_TEXT })
      .catch((err: unknown) => ({ ok: false, error: err }));
    if (!result.ok) this.deps.log.error({ error: result.error, messageId: action.messageId }, 'could not tell the operator the click was not processed');
  }

  /**
   * Forgets a receipt. The database is likely still down when this runs (the work just gave up on
   * it), so the release keeps trying well past the work's budget — it is one cheap statement, and Lark
   * re-delivers for hours. Failing that a redelivery is dropped, but the person was told to send again.
   */
  async release(key: string): Promise<void> {
    await this.deps.retry
      .run(() => this.deps.receipts.release(key), { what: 'release receipt', budgetMs: RELEASE_BUDGET_FACTOR * this.deps.retry.budgetMs })
      .catch((err: unknown) => this.deps.log.error({ err }, 'could not release the receipt of an unprocessed event'));
  }
}
