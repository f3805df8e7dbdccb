import type * as lark from '@larksuiteoapi/node-sdk';
import { scrubSecrets, type Logger } from '../logger.js';

/**
 * What the SDK hands its logger, made safe to log. On a failed call it passes the AxiosError itself (the
 * token manager) or `formatErrors(e)` (every API method): both carry the request body — the token
 * request's app_secret as an *escaped* JSON string inside `config.data`, a message's text or card — and
 * headers with the tenant token. Neither is ever logged: a request is reduced to its method, path,
 * status, Lark code/msg/log_id and the body's size.
 */
interface RequestSummary {
  message?: string;
  method?: string;
  path?: string;
  status?: number;
  code?: number;
  msg?: string;
  logId?: string;
  requestBytes?: number;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

function pathOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return undefined;
  }
}

function sizeOf(data: unknown): number | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (Buffer.isBuffer(data)) return data.length;
  return undefined; // a stream or form: its size is not known here, and its content is never read
}

/** Lark's error body `{code, msg, error: {log_id}}` (or `{code, msg, log_id}` flattened by formatErrors). */
function larkBody(data: unknown): Pick<RequestSummary, 'code' | 'msg' | 'logId'> {
  if (!isObject(data)) return {};
  const error = isObject(data.error) ? data.error : {};
  const logId = typeof data.log_id === 'string' ? data.log_id : typeof error.log_id === 'string' ? error.log_id : undefined;
  return {
    ...(typeof data.code === 'number' ? { code: data.code } : {}),
    ...(typeof data.msg === 'string' ? { msg: data.msg.slice(0, 200) } : {}),
    ...(logId ? { logId } : {}),
  };
}

/** A failed request (an AxiosError, or formatErrors' `{message, config, request, response}`), summarised. */
function summariseRequest(e: Loose): RequestSummary {
  const config = isObject(e.config) ? e.config : {};
  const response = isObject(e.response) ? e.response : {};
  const method = typeof config.method === 'string' ? config.method.toUpperCase() : undefined;
  const path = pathOf(config.url);
  const status = typeof response.status === 'number' ? response.status : typeof e.status === 'number' ? e.status : undefined;
  const requestBytes = sizeOf(config.data);
  return {
    ...(typeof e.message === 'string' ? { message: e.message } : {}),
    ...(method ? { method } : {}),
    ...(path ? { path } : {}),
    ...(status !== undefined ? { status } : {}),
    ...larkBody(response.data),
    ...(requestBytes !== undefined ? { requestBytes } : {}),
  };
}

/** One argument the SDK logged, as something safe: a string (scrubbed) or a summary. */
function safeArg(a: unknown, depth = 0): unknown {
  if (typeof a === 'string') return a;
  if (Array.isArray(a)) return depth > 2 ? '[…]' : a.map((x) => safeArg(x, depth + 1));
  if (!isObject(a)) return a;
  if ('config' in a || 'request' in a || 'response' in a) return summariseRequest(a);
  if ('code' in a && ('msg' in a || 'log_id' in a || 'error' in a)) return larkBody(a);
  if (a instanceof Error) return { message: a.message };
  // Anything else the SDK logs (event payloads on a failed dispatch, ws frames): only its shape.
  return { keys: Object.keys(a).slice(0, 10) };
}

function render(args: unknown[], secrets: string[]): { fields: Record<string, unknown>; msg: string } {
  const safe = args.map((a) => safeArg(a));
  const headline = safe.find((x): x is string => typeof x === 'string');
  // The SDK's level filter wraps what it was given in arrays: flattened, a request reads as one record.
  const details = (safe.flat(4) as unknown[]).filter((x) => typeof x !== 'string');
  const first = details.find((x): x is RequestSummary => isObject(x) && typeof x.message === 'string');
  const msg = scrubSecrets(headline ?? first?.message ?? 'lark sdk', secrets).slice(0, 500);
  // The summaries hold no bodies by construction; scrubbing them too covers a secret echoed in a msg.
  const fields = details.length ? { sdk: JSON.parse(scrubSecrets(JSON.stringify(details), secrets)) as unknown } : {};
  return { fields, msg };
}

/**
 * The SDK logs every failed call at error level (we handle those ourselves): summarised, scrubbed, and
 * demoted. `secrets` are values that must never appear in the log in any form (the app secret).
 */
export function sdkLogger(log: Logger, secrets: string[] = []): lark.Logger {
  const child = log.child({ component: 'lark-sdk' });
  const emit =
    (level: 'warn' | 'debug' | 'trace') =>
    (...a: unknown[]) => {
      const { fields, msg } = render(a, secrets);
      child[level](fields, msg);
    };
  return { error: emit('warn'), warn: emit('warn'), info: emit('debug'), debug: emit('debug'), trace: emit('trace') };
}
