import { hex } from './crypto.js';
import { validateCard } from './card-validator.js';
import type { Answer, ApiCall, Delivery, Routes, StoredMessage } from './types.js';

/**
 * Card callbacks' update tokens and `POST /interactive/v1/card/update` (lark-notes §6.6): a token comes
 * from a delivered callback, lives 30 minutes and serves at most two updates.
 */
export class CardRoutes implements Routes {
  private readonly tokens = new Map<string, { uses: number; at: number; messageId: string }>();

  constructor(private readonly state: { messages: Map<string, StoredMessage>; events: { emit(name: 'message', m: StoredMessage): unknown } }) {}

  /** A token for one click on a card message. */
  issueToken(messageId: string): string {
    const token = `c-${hex(20)}`;
    this.tokens.set(token, { uses: 0, at: Date.now(), messageId });
    return token;
  }

  /** The callback answered with a card (`{card:{type:'raw',data}}`): it replaces the stored one. */
  applyCallbackAnswer(message: StoredMessage, result: Delivery): void {
    const body = result.body as { card?: { type?: string; data?: unknown } } | undefined;
    if (result.status !== 200 || body?.card?.type !== 'raw') return;
    const content = JSON.stringify(body.card.data);
    const problems = validateCard(content);
    if (problems.length) throw new Error(`callback answered with a bad card (200673): ${problems.join('; ')}`);
    message.content = content;
    message.patches++;
    this.state.events.emit('message', message);
  }

  handle(call: ApiCall, a: Answer): boolean {
    if (call.path !== '/open-apis/interactive/v1/card/update' || call.method !== 'POST') return false;
    const b = (call.body ?? {}) as { token?: string; card?: unknown };
    const entry = b.token ? this.tokens.get(b.token) : undefined;
    if (!entry || Date.now() - entry.at > 30 * 60_000 || entry.uses >= 2) {
      a.fail(400, 230001, 'card token invalid or expired');
      return true;
    }
    const content = JSON.stringify(b.card);
    const problems = validateCard(content);
    if (problems.length) {
      a.fail(400, 230099, `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${problems.join('; ')}`);
      return true;
    }
    entry.uses++;
    const updated = this.state.messages.get(entry.messageId)!;
    updated.content = content;
    updated.patches++;
    this.state.events.emit('message', updated);
    a.reply(200, { code: 0, msg: 'success', data: {} });
    return true;
  }
}
