import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';

/** Map our LARK_DOMAIN value to what the SDK takes: its enum for the two clouds, the URL verbatim otherwise. */
export function sdkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

const SECRET_PATTERNS: [RegExp, string][] = [
  [/Bearer\s+[\w.-]+/g, 'Bearer [redacted]'],
  [/"(app_secret|AppSecret|tenant_access_token)"\s*:\s*"[^"]*"/g, '"$1":"[redacted]"'],
];

function scrub(args: unknown[]): string {
  let text = args.map((a) => (typeof a === 'string' ? a : safeStringify(a))).join(' ');
  for (const [re, replacement] of SECRET_PATTERNS) text = text.replace(re, replacement);
  return text.slice(0, 2000);
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** The SDK logs every failed call at error level (we handle those ourselves) and may print headers: scrub and demote. */
export function sdkLogger(log: Logger): lark.Logger {
  const child = log.child({ component: 'lark-sdk' });
  return {
    error: (...a: unknown[]) => child.warn(scrub(a)),
    warn: (...a: unknown[]) => child.warn(scrub(a)),
    info: (...a: unknown[]) => child.debug(scrub(a)),
    debug: (...a: unknown[]) => child.debug(scrub(a)),
    trace: (...a: unknown[]) => child.trace(scrub(a)),
  };
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
    logger: sdkLogger(o.log),
    loggerLevel: lark.LoggerLevel.warn,
  });
  return { client, tokenCache };
}
