/**
 * The one error type a user may see. `code` is stable (logs, tests); `userMessage` is the Chinese text
 * the router sends back (as a reply to a command, or a toast for a card click).
 */
export type ErrorCode = 'bad_input' | 'forbidden' | 'not_found' | 'conflict' | 'stale_card' | 'unavailable' | 'internal';

export class BotError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'BotError';
  }
}

export const badInput = (message: string) => new BotError('bad_input', message);
export const forbidden = (message: string) => new BotError('forbidden', message);
export const notFound = (message: string) => new BotError('not_found', message);

/** What the user sees for an error we did not anticipate; the details go to the log under `ref`. */
export function userMessageFor(err: unknown, ref: string): string {
  if (err instanceof BotError) return err.userMessage;
  return `处理时出现系统错误，请稍后重试。如问题持续，请联系管理员（错误编号：${ref}）。`;
}
