import { BotError, userMessageFor } from '../errors.js';
import { cardActionKey } from './dedup.js';
import { lazyChild } from '../logger.js';
import { RENDER_KEY } from '../cards/stamp.js';
import type { ActionContext, ActionResponse } from './context.js';
import type { InboundCardAction } from './events.js';
import { isInfrastructureError } from './infra-errors.js';
import { runChain } from './chain.js';
import { errorRef, logHandlerError } from './error-log.js';
import type { Registry } from './registry.js';
import type { RouterDeps } from './types.js';

export const UNKNOWN_ACTION_TOAST = '无法识别的操作，请刷新卡片后重试。';

/** A card click after its receipt: the registered action's chain; a thrown error becomes an error toast. */
export async function dispatchAction(r: Registry, deps: RouterDeps, action: InboundCardAction): Promise<ActionResponse> {
  const log = lazyChild(deps.log, { messageId: action.messageId, operator: action.operatorOpenId });
  const { a: key, [RENDER_KEY]: _rendering, ...value } = action.value;
  const registered = typeof key === 'string' ? r.actions.get(key) : undefined;
  if (!registered) {
    log.warn({ key }, 'unknown card action');
    return { toast: { type: 'error', content: UNKNOWN_ACTION_TOAST } };
  }
  const ctx: ActionContext = {
    actorOpenId: action.operatorOpenId,
    chatId: action.chatId,
    clock: deps.clock,
    messenger: deps.messenger,
    log,
    locals: {},
    action,
    value,
  };
  try {
    let response: ActionResponse = {};
    await runChain(ctx, [...r.globalActionMiddleware, ...registered.middleware], async (c) => {
      response = (await registered.handler(c)) ?? {};
    });
    return response;
  } catch (err) {
    if (isInfrastructureError(err)) throw err; // retried (acked-work.ts)
    const ref = errorRef();
    logHandlerError(log, err, ref, { action: key });
    // 'unavailable' (a Lark API down): nothing was done and the person is told to retry, so the
    // click's receipt goes — else the same click within the double-click window is refused as done.
    if (err instanceof BotError && err.code === 'unavailable') await deps.receipts.release(cardActionKey(action)).catch(() => undefined);
    return { toast: { type: 'error', content: userMessageFor(err, ref) } };
  }
}
