import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import type { Result } from '../ports/messenger.js';
import { fromLarkCode, fromThrown } from './lark-errors.js';

/** What an SDK call resolves to (Lark's JSON). */
export interface LarkBody {
  code?: number;
  msg?: string;
  data?: unknown;
  bot?: { open_id?: string };
}

/**
 * Runs one SDK call and types its outcome; nothing throws. Success is Lark's JSON saying `code: 0`,
 * nothing less: an answer without a code (`{}`, an array) is a failure to retry, never taken for done.
 * On a token error the cached tenant token is dropped and the call retried once (the SDK itself keeps a
 * revoked token until its own expiry). Shared by the messenger and the documents adapter.
 */
export async function callLark<T>(fn: () => Promise<LarkBody>, pick: (body: LarkBody) => T, tokenCache: lark.DefaultCache, log: Logger): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    let outcome: Result<T>;
    try {
      const body = await fn();
      if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.code !== 'number') {
        outcome = { ok: false, error: { kind: 'server_error', status: 200, message: 'Lark answered without a code' } };
      } else {
        outcome = body.code === 0 ? { ok: true, value: pick(body) } : { ok: false, error: fromLarkCode(body.code, body.msg ?? '') };
      }
    } catch (err) {
      outcome = { ok: false, error: fromThrown(err) };
    }
    if (!outcome.ok && outcome.error.kind === 'token_invalid' && attempt === 0) {
      log.warn({ code: outcome.error.code }, 'tenant token refused; clearing the token cache and retrying once');
      tokenCache.values.clear();
      continue;
    }
    return outcome;
  }
}
