import type { IncomingMessage, ServerResponse } from 'node:http';
import { hex } from './crypto.js';
import { BodyTooLargeError, readBody } from './http-io.js';
import { boundaryOf } from './multipart.js';
import type { TokenRoutes } from './tokens.js';
import type { Answer, ApiCall, Injection, RecordedCall, Routes } from './types.js';

/**
 * The Open API's front door: reads the body, records the call, answers the token endpoint, checks the
 * token on everything else, applies injected failures, then hands the call to the first route group
 * that takes it (404 when none does).
 */
export class OpenApi {
  private readonly injections: Injection[] = [];
  private randomFailure?: { rate: number; status: number; path?: RegExp };

  constructor(
    private readonly o: {
      calls: RecordedCall[];
      tokens: TokenRoutes;
      routes: readonly Routes[];
      maxRequestBytes: number;
      extraRoutes: () => ((r: { method: string; path: string; body: unknown }) => { status: number; body: unknown } | undefined) | undefined;
      holdAnswer: () => ((call: { method: string; path: string; body: unknown }) => number | Promise<unknown> | undefined) | undefined;
    },
  ) {}

  failNext(times: number, failure: Partial<Injection>): void {
    for (let i = 0; i < times; i++) {
      this.injections.push({
        status: failure.status ?? 429,
        code: failure.code ?? 99991400,
        msg: failure.msg ?? 'request trigger frequency limit',
        headers:
          failure.headers ?? (failure.status === undefined || failure.status === 429 ? { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' } : {}),
        path: failure.path,
        ...(failure.rawBody !== undefined ? { rawBody: failure.rawBody, contentType: failure.contentType ?? 'text/html; charset=utf-8' } : {}),
      });
    }
  }

  failRandomly(rate: number, status: number, path?: RegExp): void {
    this.randomFailure = rate > 0 ? { rate, status, path } : undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    let bytes: Buffer;
    try {
      bytes = await readBody(req, this.o.maxRequestBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err; // aborted: nobody to answer (safeListener)
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ code: 234006, msg: 'The request body exceeds the max value.' }));
      return;
    }
    const boundary = boundaryOf(req.headers['content-type']);
    const raw = boundary ? '' : bytes.toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const method = req.method ?? '';
    const path = url.pathname;
    const call: ApiCall = { method, path, query: Object.fromEntries(url.searchParams.entries()), body, bytes, res, ...(boundary ? { boundary } : {}) };
    const hold = this.o.holdAnswer()?.({ method, path, body });
    if (typeof hold === 'number' && hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    else if (hold instanceof Promise) await hold.catch(() => undefined);
    const record = (status: number, response: unknown) =>
      this.o.calls.push({ method, path, query: call.query, body: call.body, status, response, at: Date.now() });
    const answer: Answer = {
      record,
      reply: (status, payload, headers = {}) => {
        record(status, payload);
        if (res.destroyed || res.writableEnded) return; // the client went away meanwhile
        res.writeHead(status, { 'content-type': 'application/json', 'x-tt-logid': hex(10), ...headers });
        res.end(JSON.stringify(payload));
      },
      fail: (status, code, msg, headers) => answer.reply(status, { code, msg, error: { log_id: hex(12) } }, headers),
    };
    const injected = (i: Injection) => {
      if (i.rawBody === undefined) return answer.fail(i.status, i.code, i.msg, i.headers);
      record(i.status, i.rawBody);
      res.writeHead(i.status, { 'content-type': i.contentType ?? 'text/html', ...i.headers });
      res.end(i.rawBody);
    };

    try {
      const extra = this.o.extraRoutes()?.({ method, path, body });
      if (extra) return answer.reply(extra.status, extra.body);
      if (this.o.tokens.isTokenEndpoint(call)) {
        const tokenFailure = this.injections.findIndex((i) => i.path?.test(path));
        if (tokenFailure >= 0) return injected(this.injections.splice(tokenFailure, 1)[0]!);
        return this.o.tokens.issue(call, answer);
      }
      if (!this.o.tokens.authorize(req.headers.authorization, answer)) return;

      const injectedAt = this.injections.findIndex((i) => !i.path || i.path.test(path));
      if (injectedAt >= 0) return injected(this.injections.splice(injectedAt, 1)[0]!);
      if (this.randomFailure && (!this.randomFailure.path || this.randomFailure.path.test(path)) && Math.random() < this.randomFailure.rate) {
        return answer.fail(this.randomFailure.status, 0, 'internal error');
      }
      for (const routes of this.o.routes) if (routes.handle(call, answer)) return;
      return answer.fail(404, 404, `fake Lark has no route ${method} ${path}`);
    } catch (err) {
      return answer.fail(500, 1, `fake Lark crashed: ${String(err)}`);
    }
  }
}
