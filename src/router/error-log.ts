import { randomBytes } from 'node:crypto';
import { BotError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * Codes that mean the person did something the bot refuses (a typo, a missing right, an item that is not
 * there, a card already acted on). They are the bot working as intended, not faults: `unavailable` and
 * `internal` are faults even when wrapped in a BotError, because someone has to look at them.
 */
const USER_MISTAKES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['bad_input', 'forbidden', 'not_found', 'conflict', 'stale_card']);

export const isUserMistake = (err: unknown): err is BotError => err instanceof BotError && USER_MISTAKES.has(err.code);

/**
 * Logs what a command or card action threw. A user's mistake goes at info with its code only: no stack,
 * and no message, since the Chinese text often quotes what the person typed. Anything else is a fault,
 * logged at error with its stack and the reference the person was shown.
 */
export function logHandlerError(log: Logger, err: unknown, ref: string, where: { command?: string } | { action?: unknown }): void {
  if (isUserMistake(err)) {
    log.info({ code: err.code, ...where }, 'request refused');
    return;
  }
  log.error({ err, ref, ...where }, 'command' in where ? 'command failed' : 'card action failed');
}

/** A short reference shown to the person and logged with the error, to find one in the other. */
export const errorRef = (): string => randomBytes(3).toString('hex');
