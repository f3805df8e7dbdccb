import Router, { type RouterMiddleware } from '@koa/router';
import Koa from 'koa';
import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import { BodyBudget, BodyBudgetExhausted, BodyTooLarge, readRawBody } from './body.js';
import type { DispatchResult } from './dispatcher.js';
import { verifyLarkRequest } from './verify.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** A request without Lark's signature headers can only be the URL challenge, a few hundred bytes. */
export const UNSIGNED_MAX_BODY_BYTES = 4 * 1024;
/** Request bodies held at once across all requests (see BodyBudget). */
export const BODY_BUDGET_BYTES = 32 * 1024 * 1024;
/** /healthz answers within this, whatever the check does (a load balancer must not hang on it). */
export const HEALTH_DEADLINE_MS = 2000;

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
  healthDeadlineMs?: number;
  bodyBudgetBytes?: number;
}

/**
 * Whether the request carries what a genuine event carries: Lark sends the timestamp always, and the
 * nonce and signature when an encrypt key is set. Only the URL challenge comes without them.
 */
function looksSigned(headers: Koa.Request['headers'], encryptKey: string | undefined): boolean {
  const has = (name: string) => !!headers[name];
  return has('x-lark-request-timestamp') && (!encryptKey || (has('x-lark-request-nonce') && has('x-lark-signature')));
}

/** The check's answer, or false when it has none within `ms`. */
async function withDeadline(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The webhook: verify, answer the challenge, hand the event to the dispatcher, always answer fast. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  const router = new Router();
  const budget = new BodyBudget(deps.bodyBudgetBytes ?? BODY_BUDGET_BYTES);

  const handleLark: RouterMiddleware = async (ctx) => {
    if (!deps.dispatch) {
      ctx.status = 404;
      ctx.body = { error: 'webhook disabled: LARK_TRANSPORT=long-connection' };
      return;
    }
    // Checked before a byte of the body is read: without the headers only a challenge-sized body is taken.
    const signed = looksSigned(ctx.headers, deps.encryptKey);
    let raw: string;
    try {
      raw = await readRawBody(ctx.req, signed ? MAX_BODY_BYTES : UNSIGNED_MAX_BODY_BYTES, budget);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        ctx.status = signed ? 413 : 401;
        ctx.body = { error: signed ? 'body too large' : 'signature headers missing' };
        return;
      }
      if (err instanceof BodyBudgetExhausted) {
        deps.log.warn({ inUse: budget.inUse }, 'refused a Lark request: too many request bodies being read at once');
        ctx.status = 503;
        ctx.set('Retry-After', '1');
        ctx.body = { error: 'busy' };
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
    const ok = await withDeadline(deps.health, deps.healthDeadlineMs ?? HEALTH_DEADLINE_MS);
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'database unavailable' };
  });

  deps.extraRoutes?.(router);
  app.use(router.routes()).use(router.allowedMethods());
  app.on('error', (err: unknown) => deps.log.debug({ err }, 'http error'));
  return app;
}

export interface ServerLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included: a slow sender holds a connection no longer. */
  requestTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

/** Lark gives up on a request after 3 s, and the local page sends small bodies over loopback. */
export const SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxConnections: 512 };

export function listen(app: Koa, port: number, host: string, limits: Partial<ServerLimits> = {}): Promise<Server> {
  const l = { ...SERVER_LIMITS, ...limits };
  const server = createServer(
    {
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      requestTimeout: l.requestTimeoutMs,
      // Node enforces both timeouts only when it checks (every 30 s by default).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(l.requestTimeoutMs / 4))),
    },
    app.callback(),
  );
  server.maxConnections = l.maxConnections;
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
    server.listen(port, host);
  });
}
