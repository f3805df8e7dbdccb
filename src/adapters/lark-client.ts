import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import { sdkLogger } from './sdk-logger.js';

/** Map our LARK_DOMAIN value to what the SDK takes: its enum for the two clouds, the URL verbatim otherwise. */
export function sdkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

export { sdkLogger } from './sdk-logger.js';

/**
 * Thrown for an answer that is not Lark's JSON: a proxy's or gateway's HTML page, an empty body. The SDK
 * resolves such an HTTP-200 answer with the raw string, which reads as a success without an error code.
 */
export class NotLarkJsonError extends Error {
  readonly notLarkJson = true;
  constructor(readonly bytes: number) {
    super(`Lark answered without a JSON body (${bytes} bytes)`);
  }
}

let answersGuarded = false;

/**
 * Every answer through the SDK's HTTP instance must be JSON (axios parses it into an object) or a stream
 * (a download): a string is refused. Runs after the SDK's own interceptor, which unwraps `resp.data`.
 */
function guardJsonAnswers(http: typeof lark.defaultHttpInstance): void {
  if (answersGuarded) return;
  answersGuarded = true;
  http.interceptors.response.use((value: unknown) => {
    const data = typeof value === 'object' && value !== null && 'headers' in value && 'data' in value ? (value as { data: unknown }).data : value;
    if (typeof data === 'string') throw new NotLarkJsonError(Buffer.byteLength(data, 'utf8'));
    return value as never;
  });
}

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  domain: string;
  log: Logger;
  timeoutMs?: number;
}

/** One SDK client with its own token cache (the SDK's default cache is a process-wide singleton). */
export function createLarkClient(o: LarkClientOptions): { client: lark.Client; tokenCache: lark.DefaultCache } {
  const tokenCache = new lark.DefaultCache();
  const http = lark.defaultHttpInstance;
  http.defaults.timeout = o.timeoutMs ?? 10_000;
  guardJsonAnswers(http);
  const domain = sdkDomain(o.domain);
  // axios honours HTTP_PROXY even for loopback; a local endpoint must never go through a proxy.
  if (typeof domain === 'string' && /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(domain)) {
    http.defaults.proxy = false;
  }
  const client = new lark.Client({
    appId: o.appId,
    appSecret: o.appSecret,
    domain,
    cache: tokenCache,
    logger: sdkLogger(o.log, [o.appSecret]),
    loggerLevel: lark.LoggerLevel.warn,
  });
  return { client, tokenCache };
}
