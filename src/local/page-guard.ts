import type { RouterMiddleware } from '@koa/router';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.js';

/**
 * The local page acts as anyone in the office and moves the clock for good, so only the page itself may
 * drive it — not another web site open in the same browser:
 * - Host must name this server (loopback, the port it listens on): a DNS-rebinding page reaches
 *   127.0.0.1 under its own name, and is refused before anything is read or returned;
 * - Origin, when the browser sends one, must be this server's own origin (Sec-Fetch-Site likewise);
 * - every POST carries the per-start session token in a header. The token is only in the served
 *   index.html, which a cross-origin page cannot read; a header forces a CORS preflight, which this
 *   server never answers positively, and rules out plain HTML forms (text/plain CSRF);
 * - POST bodies are application/json and at most 1 MB, checked before the body is read.
 */
export const SESSION_HEADER = 'x-sanban-session';
export const MAX_PAGE_BODY_BYTES = 1024 * 1024;
const DRAIN_AT_MOST_BYTES = 16 * MAX_PAGE_BODY_BYTES;

export interface PageGuard {
  /** Embedded in the page (index.html), sent back in SESSION_HEADER. */
  readonly token: string;
  /** Every route of the page: Host and Origin checks. */
  readonly read: RouterMiddleware;
  /** Every POST: read's checks, the session token, JSON, the size cap; the parsed object in `ctx.state.body`. */
  readonly write: RouterMiddleware;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly text: string,
  ) {
    super(reason);
  }
}

const REFUSE_SITE = '只能在本机打开的体验页面中操作（请求来自其他网站或其他地址，已拒绝）。';

const NOWHERE = new URL('invalid:nowhere');
const parseUrl = (text: string): URL => {
  try {
    return new URL(text);
  } catch {
    return NOWHERE;
  }
};

function portOf(u: URL): number {
  return u.port ? Number(u.port) : 80;
}

export function createPageGuard(o: { boundHost: string; log?: Logger }): PageGuard {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const names = new Set(['localhost', o.boundHost.toLowerCase()]);
  const isOurs = (u: URL, port: number) => u.protocol === 'http:' && names.has(u.hostname.toLowerCase()) && portOf(u) === port;

  const checkSite = (req: IncomingMessage) => {
    const port = req.socket.localPort;
    const host = req.headers.host ?? '';
    // Only a bare host[:port]: anything else (userinfo, a path) is not a Host a browser sends.
    if (!port || !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host) || !isOurs(parseUrl(`http://${host}`), port)) throw new Refusal(403, 'host', REFUSE_SITE);
    const origin = req.headers.origin;
    if (origin !== undefined) {
      // "null" (sandboxed frames, file: pages) and garbage parse as no URL, and are refused.
      const u = parseUrl(origin);
      if (!isOurs(u, port) || u.origin !== origin) throw new Refusal(403, 'origin', REFUSE_SITE);
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new Refusal(403, 'sec-fetch-site', REFUSE_SITE);
  };

  const checkWrite = (req: IncomingMessage) => {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/json') throw new Refusal(415, 'content-type', '请求格式不正确：只接受 JSON（application/json）。');
    const sent = Buffer.from(String(req.headers[SESSION_HEADER] ?? ''));
    if (sent.length !== tokenBytes.length || !timingSafeEqual(sent, tokenBytes)) {
      throw new Refusal(403, 'session', '页面会话已失效（助手可能已重新启动），请刷新页面后再试。');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_PAGE_BODY_BYTES) throw tooLarge();
  };

  const refuse = (k: Parameters<RouterMiddleware>[0], err: unknown, write: boolean) => {
    if (!(err instanceof Refusal)) throw err;
    o.log?.debug({ reason: err.reason, method: k.method, path: k.path }, 'local page: refused a request');
    k.status = err.status;
    k.body = { error: err.text };
    // The body of a refused POST is not kept: Node reads and discards what is left of it, so that the
    // client, still sending, gets the answer (closing now would reset the connection under it). A body
    // declared absurdly large is not worth reading through: that connection is closed.
    if (write && Number(k.req.headers['content-length']) > DRAIN_AT_MOST_BYTES) k.set('Connection', 'close');
  };

  const hardening = (k: Parameters<RouterMiddleware>[0]) => {
    k.set({
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  };

  return {
    token,
    read: async (k, next) => {
      try {
        checkSite(k.req);
      } catch (err) {
        return refuse(k, err, false);
      }
      hardening(k);
      await next();
    },
    write: async (k, next) => {
      try {
        checkSite(k.req);
        checkWrite(k.req);
        k.state.body = parseObject(await readCapped(k.req, MAX_PAGE_BODY_BYTES));
      } catch (err) {
        return refuse(k, err, true);
      }
      hardening(k);
      await next();
    },
  };
}

const tooLarge = () => new Refusal(413, 'too-large', '请求内容过大（上限 1 MB）。');

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text || '{}');
  } catch {
    throw new Refusal(400, 'json', '请求内容不是有效的 JSON。');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Refusal(400, 'json', '请求内容须为 JSON 对象。');
  return value as Record<string, unknown>;
}

/** The body as text, refused (and no longer kept) once it passes `limit` bytes, declared or not. */
function readCapped(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
