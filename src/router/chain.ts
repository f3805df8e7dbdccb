import type { Middleware } from './types.js';

/** Runs the middleware in order around the handler (each calls `next` to go on). */
export async function runChain<C>(ctx: C, middleware: Middleware<C>[], handler: (ctx: C) => Promise<unknown>): Promise<void> {
  const step = async (i: number): Promise<void> => {
    if (i < middleware.length) await middleware[i]!(ctx, () => step(i + 1));
    else await handler(ctx);
  };
  await step(0);
}
