import type { Tx } from '../../db/handles.js';
import { BotError } from '../../errors.js';
import { recordEvent, type ObjectEvent } from '../events.js';
import type { Machine } from './machine.js';

/** What a click on a card that someone else acted on first is told, unless the caller has better words. */
export const DEFAULT_STALE_MESSAGE = '该事项刚被他人处理，卡片已更新为最新状态，请核对后再操作。';

export interface Transition<S extends string, A extends string, X> {
  machine: Machine<S, A, X>;
  action: A;
  /** The state the caller read (and will compare-and-set against). */
  from: S;
  ctx?: X;
  /** The conditional write (compare-and-set on status/version); false = someone else won → stale card. */
  write: (next: S) => Promise<boolean>;
  /** The timeline + audit entry (platform/events.ts recordEvent), given the next state. */
  event: (next: S) => ObjectEvent;
  staleMessage?: string;
}

/**
 * One guarded, audited state change inside the caller's transaction: the machine decides where the
 * action leads (or refuses with its stale-card words), the caller's compare-and-set makes two clicks at
 * once impossible to both win, and the event is written only by the winner, so the audit trail never
 * records a change that did not happen.
 */
export async function applyTransition<S extends string, A extends string, X>(tx: Tx, t: Transition<S, A, X>): Promise<S> {
  const next = t.machine.next(t.action, t.from, t.ctx);
  if (!(await t.write(next))) throw new BotError('stale_card', t.staleMessage ?? DEFAULT_STALE_MESSAGE);
  await recordEvent(tx, t.event(next));
  return next;
}
