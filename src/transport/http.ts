import Router, { type RouterMiddleware } from '@koa/router';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { DispatchResult } from './dispatcher.js';
import { verifyLarkRequest } from './verify.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpDeps {
  log: Logger;
  clock: Clock;
  encryptKey?: string;
  verificationToken?: string;
  /** Null in long-connection mode: then only /healthz is served. */
  dispatch: ((payload: Record<string, unknown>) => Promise<DispatchResult>) | null;
  health: () => Promise<boolean>;
  /** More routes on the same server (local mode's page and API). */
  extraRoutes?: (router: Router) => void;
}

class BodyTooLarge extends Error {}

function readRawBody(req: Koa.Request['req'], limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Over the limit (a chunked body has no length to refuse up front): stop keeping it, but let the
      // rest drain, as Node does for a body nobody read. Destroying the request instead would reset the
      // connection, and the client would never see the 413.
      req.off('data', onData);
      chunks.length = 0;
      req.resume();
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** The webhook: verify, answer the challenge, hand the event to the dispatcher, always answer fast. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  const router = new Router();

  const handleLark: RouterMiddleware = async (ctx) => {
    if (!deps.dispatch) {
      ctx.status = 404;
      ctx.body = { error: 'webhook disabled: LARK_TRANSPORT=long-connection' };
      return;
    }
    let raw: string;
    try {
      raw = await readRawBody(ctx.req, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        ctx.status = 413;
        ctx.body = { error: 'body too large' };
        return;
      }
      throw err;
    }
    const verdict = verifyLarkRequest({
      rawBody: raw,
      headers: ctx.headers,
      encryptKey: deps.encryptKey,
      verificationToken: deps.verificationToken,
      nowMs: deps.clock.now().getTime(),
    });
    if (!verdict.ok) {
      deps.log.warn({ reason: verdict.reason, status: verdict.status }, 'refused a Lark request');
      ctx.status = verdict.status;
      ctx.body = { error: verdict.reason };
      return;
    }
    if (verdict.kind === 'challenge') {
      ctx.body = { challenge: verdict.challenge };
      return;
    }
    try {
      ctx.body = await deps.dispatch(verdict.payload);
    } catch (err) {
      // Only reached when the event could not be recorded: a non-200 makes Lark deliver it again.
      deps.log.error({ err }, 'event could not be recorded; asking Lark to retry');
      ctx.status = 500;
      ctx.body = { error: 'temporarily unavailable' };
    }
  };

  router.post('/lark/events', handleLark);
  router.post('/lark/cards', handleLark);
  router.get('/healthz', async (ctx) => {
    const ok = await deps.health().catch(() => false);
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'database unavailable' };
  });

  deps.extraRoutes?.(router);
  app.use(router.routes()).use(router.allowedMethods());
  app.on('error', (err: unknown) => deps.log.debug({ err }, 'http error'));
  return app;
}

export function listen(app: Koa, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
