import type { Answer, ApiCall, Buzz, InboundRecord, Routes, StoredMessage } from './types.js';

const USER_ID_TYPES = new Set(['open_id', 'union_id', 'user_id']);
/** Lark keeps at most 200 unread buzzes per person (230023). */
const MAX_UNREAD_BUZZES = 200;

/**
 * `PATCH /im/v1/messages/:message_id/urgent_app` (feature-notes §3; FS im-v1/buzz-messages/urgent_app):
 * only the bot's own message (230012), at least one target in its chat (230001), the others listed in
 * `invalid_user_id_list`; at most 200 ids per call. Every buzz is recorded (`fake.buzzes`).
 */
export class UrgentRoutes implements Routes {
  constructor(
    private readonly state: {
      messages: Map<string, StoredMessage>;
      inboundMessages: Map<string, InboundRecord>;
      chats: Map<string, { name: string; members: Set<string> }>;
      buzzes: Buzz[];
      events: { emit(name: 'buzz', b: Buzz): unknown };
    },
    private readonly now: () => number,
  ) {}

  handle(call: ApiCall, a: Answer): boolean {
    const m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_app$/.exec(call.path);
    if (!m || call.method !== 'PATCH') return false;
    this.buzz(m[1]!, call, a);
    return true;
  }

  private buzz(messageId: string, call: ApiCall, a: Answer): void {
    const type = call.query.user_id_type;
    if (!type || !USER_ID_TYPES.has(type)) return a.fail(400, 99992402, 'field validation failed: user_id_type is required');
    const list = (call.body as { user_id_list?: unknown } | undefined)?.user_id_list;
    if (!Array.isArray(list) || !list.length || list.length > 200 || list.some((id) => typeof id !== 'string' || !id)) {
      return a.fail(400, 99992402, 'field validation failed: user_id_list must hold 1 to 200 ids');
    }
    const message = this.state.messages.get(messageId);
    if (!message) {
      if (this.state.inboundMessages.has(messageId)) return a.fail(400, 230012, 'Bot can NOT urgent message which is not sent by itself.');
      return a.fail(400, 230011, 'The message was withdrawn or does not exist.');
    }
    const members = this.state.chats.get(message.chatId)?.members ?? new Set<string>();
    const ids = [...new Set(list as string[])];
    // The fake knows people by open_id only: with another id type nobody is found.
    const valid = type === 'open_id' ? ids.filter((id) => members.has(id)) : [];
    const invalid = ids.filter((id) => !valid.includes(id));
    if (!valid.length) return a.fail(400, 230001, 'Invalid request param: none of the users is in the chat of the message.');
    const unread = (id: string) => this.state.buzzes.filter((b) => b.openIds.includes(id)).length;
    if (valid.some((id) => unread(id) >= MAX_UNREAD_BUZZES)) return a.fail(400, 230023, 'The user has too many unread urgent messages.');
    const buzz: Buzz = { messageId, chatId: message.chatId, openIds: valid, invalidOpenIds: invalid, at: this.now() };
    this.state.buzzes.push(buzz);
    this.state.events.emit('buzz', buzz);
    a.reply(200, { code: 0, msg: 'success', data: { invalid_user_id_list: invalid } });
  }
}
