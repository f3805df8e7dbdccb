import type { MessengerError } from '../ports/messenger.js';

/** Lark codes grouped by what the bot does about them (see lark-notes §3.1, §3.9). */
const RATE_LIMIT = new Set([99991400, 230020, 11232, 11233, 11247]);
const NOT_IN_CHAT = new Set([230002, 10002, 10030, 232009]);
const CARD_INVALID = new Set([230099, 200621, 11310, 200861, 200830]);
const TOO_LARGE = new Set([230025, 19036, 234006]);
const TOKEN_INVALID = new Set([99991661, 99991663, 99991664, 99991671]);
const RECIPIENT_INVALID = new Set([230013, 230029, 230034, 230053, 99992351, 99992360, 230001]);

export function fromLarkCode(code: number, message: string, status?: number, retryAfterMs?: number): MessengerError {
  if (RATE_LIMIT.has(code) || status === 429) return { kind: 'rate_limited', code, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (NOT_IN_CHAT.has(code)) return { kind: 'not_in_chat', code, message };
  if (CARD_INVALID.has(code)) return { kind: 'card_invalid', code, message };
  if (TOO_LARGE.has(code)) return { kind: 'too_large', code, message };
  if (TOKEN_INVALID.has(code)) return { kind: 'token_invalid', code, message };
  if (RECIPIENT_INVALID.has(code)) return { kind: 'recipient_invalid', code, message };
  if (status !== undefined && status >= 500) return { kind: 'server_error', status, code, message };
  return { kind: 'other', code, ...(status !== undefined ? { status } : {}), message };
}

interface AxiosLikeError {
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
  code?: string;
  message?: string;
}

/** The SDK resolves HTTP-200 failures and rejects 4xx/5xx with an AxiosError; both end up here. */
export function fromThrown(err: unknown): MessengerError {
  const e = err as AxiosLikeError;
  if (e?.response) {
    const body = (e.response.data ?? {}) as { code?: number; msg?: string };
    const reset = Number(e.response.headers?.['x-ogw-ratelimit-reset']);
    const retryAfterMs = Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
    if (typeof body.code === 'number') return fromLarkCode(body.code, body.msg ?? '', e.response.status, retryAfterMs);
    if (e.response.status === 429) return { kind: 'rate_limited', code: 99991400, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (e.response.status >= 500) return { kind: 'server_error', status: e.response.status, message: String(e.message ?? '') };
    return { kind: 'other', status: e.response.status, message: String(e.message ?? '') };
  }
  // Not Lark's JSON (lark-client.ts NotLarkJsonError): nothing says it was done, so it is tried again.
  if ((err as { notLarkJson?: boolean })?.notLarkJson) return { kind: 'server_error', status: 200, message: String(e.message ?? '') };
  const message = err instanceof Error ? err.message : String(err);
  // The SDK throws a plain Error when the token endpoint refuses the app id/secret.
  const tokenFailure = /tenant_access_token, code: (\d+)/.exec(message);
  if (tokenFailure) return { kind: 'other', code: Number(tokenFailure[1]), message };
  return { kind: 'network', message };
}
