import { hex } from './crypto.js';
import { validateCard } from './card-validator.js';
import type { RateWindows } from './rates.js';
import type { Answer, ApiCall, InboundRecord, Routes, StoredMessage, UploadedFile } from './types.js';

/** What the message routes read and write of the fake's state. */
export interface MessageState {
  readonly messages: Map<string, StoredMessage>;
  readonly inboundMessages: Map<string, InboundRecord>;
  readonly users: Map<string, unknown>;
  readonly chats: Map<string, { name: string; members: Set<string> }>;
  readonly uploads: Map<string, UploadedFile>;
  readonly events: { emit(name: 'message', m: StoredMessage): unknown };
  readonly appId: string;
  readonly tenantKey: string;
  p2pChatId(openId: string): string;
}

const INVALID_CARD = (problems: string[]) => `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${problems.join('; ')}`;

/**
 * `POST /im/v1/messages`, `POST …/:id/reply` and `PATCH …/:id` (lark-notes §6.3–6.5): content checked as
 * Lark does, bot membership, uuid idempotency for an hour, per-app and per-chat rate limits.
 */
export class MessageRoutes implements Routes {
  private readonly uuids = new Map<string, { messageId: string; at: number }>();
  private seq = 0;

  constructor(
    private readonly state: MessageState,
    private readonly rates: RateWindows,
    private readonly o: { perAppRate: number; perChatRate: number; displayNow: () => number },
  ) {}

  handle(call: ApiCall, a: Answer): boolean {
    const { path, method, query, body } = call;
    if (path === '/open-apis/im/v1/messages' && method === 'POST') {
      const b = body as { receive_id?: string; msg_type?: string; content?: unknown; uuid?: string };
      const type = query.receive_id_type;
      let chatId: string | undefined;
      if (type === 'chat_id') chatId = b?.receive_id;
      else if (type === 'open_id') chatId = b?.receive_id && this.state.users.has(b.receive_id) ? this.state.p2pChatId(b.receive_id) : undefined;
      else {
        a.fail(400, 230001, `invalid receive_id_type ${type}`);
        return true;
      }
      if (!chatId) a.fail(400, 230034, 'The receive_id is invalid.');
      else if (!this.state.chats.has(chatId)) a.fail(400, 230002, 'The bot can not be outside the group.');
      else this.create(chatId, b, a);
      return true;
    }
    const replyMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (replyMatch && method === 'POST') {
      const parent = this.state.messages.get(replyMatch[1]!) ?? this.state.inboundMessages.get(replyMatch[1]!);
      if (!parent) a.fail(400, 230011, 'The message was withdrawn or does not exist.');
      else this.create(parent.chatId, body as never, a, replyMatch[1]);
      return true;
    }
    const patchMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (patchMatch && method === 'PATCH') {
      this.patch(patchMatch[1]!, body, a);
      return true;
    }
    return false;
  }

  private patch(messageId: string, body: unknown, a: Answer): void {
    const message = this.state.messages.get(messageId);
    if (!message) return a.fail(400, 230011, 'The message was withdrawn or does not exist.');
    if (message.msgType !== 'interactive') return a.fail(400, 230001, 'invalid msg_type, only interactive can be patched');
    if (this.o.displayNow() - message.createdAt > 14 * 86_400_000) return a.fail(400, 230031, 'The message is too old to update.');
    const content = (body as { content?: unknown })?.content;
    if (typeof content !== 'string') return a.fail(400, 230001, 'content must be a JSON string');
    const problems = validateCard(content);
    if (problems.length) return a.fail(400, 230099, INVALID_CARD(problems));
    if (this.rates.over(`patch:${message.messageId}`, 5)) return a.fail(400, 230020, 'This operation triggers the frequency limit.');
    message.content = content;
    message.patches++;
    this.state.events.emit('message', message);
    a.reply(200, { code: 0, msg: 'ok', data: {} });
  }

  private create(chatId: string, b: { msg_type?: string; content?: unknown; uuid?: string } | undefined, a: Answer, parentId?: string): void {
    if (!b || typeof b.content !== 'string') return a.fail(400, 230001, 'content must be a JSON-encoded string');
    if (b.uuid !== undefined && (typeof b.uuid !== 'string' || b.uuid.length > 50)) return a.fail(400, 230001, 'uuid longer than 50 characters');
    if (b.uuid) {
      const seen = this.uuids.get(b.uuid);
      if (seen && Date.now() - seen.at < 3_600_000) {
        const original = this.state.messages.get(seen.messageId)!;
        return a.reply(200, { code: 0, msg: 'success', data: this.wire(original) });
      }
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(b.content) as Record<string, unknown>;
    } catch {
      return a.fail(400, 230001, 'content is not valid JSON');
    }
    const bytes = Buffer.byteLength(b.content, 'utf8');
    if (b.msg_type === 'text') {
      if (typeof parsed.text !== 'string' || !parsed.text) return a.fail(400, 230001, 'text content needs a non-empty "text"');
      if (bytes > 150 * 1024) return a.fail(400, 230025, 'The message exceeds the length limit.');
    } else if (b.msg_type === 'interactive') {
      const problems = validateCard(b.content);
      if (problems.length) return a.fail(400, 230099, INVALID_CARD(problems));
    } else if (b.msg_type === 'file') {
      if (typeof parsed.file_key !== 'string') return a.fail(400, 230001, 'file content needs file_key');
      if (!this.state.uploads.has(parsed.file_key))
        return a.fail(400, 230001, `invalid file_key ${parsed.file_key}: no file with this key was uploaded by the app`);
    } else {
      return a.fail(400, 230001, `fake Lark does not accept msg_type ${String(b.msg_type)}`);
    }
    if (this.rates.over('app', this.o.perAppRate)) {
      return a.fail(429, 99991400, 'request trigger frequency limit', {
        'x-ogw-ratelimit-limit': String(this.o.perAppRate),
        'x-ogw-ratelimit-reset': '1',
      });
    }
    if (this.rates.over(`chat:${chatId}`, this.o.perChatRate)) return a.fail(400, 230020, 'This chat triggers the frequency limit.');
    const message: StoredMessage = {
      messageId: `om_${hex(16)}`,
      chatId,
      msgType: b.msg_type,
      content: b.content,
      ...(parentId ? { rootId: parentId } : {}),
      ...(b.uuid ? { uuid: b.uuid } : {}),
      createdAt: this.o.displayNow() + this.seq++ / 1000,
      patches: 0,
    };
    this.state.messages.set(message.messageId, message);
    this.state.events.emit('message', message);
    if (b.uuid) this.uuids.set(b.uuid, { messageId: message.messageId, at: Date.now() });
    a.reply(200, { code: 0, msg: 'success', data: this.wire(message) });
  }

  private wire(m: StoredMessage) {
    return {
      message_id: m.messageId,
      ...(m.rootId ? { root_id: m.rootId, parent_id: m.rootId } : {}),
      msg_type: m.msgType,
      create_time: String(Math.floor(m.createdAt)),
      update_time: String(Math.floor(m.createdAt)),
      deleted: false,
      updated: m.patches > 0,
      chat_id: m.chatId,
      sender: { id: this.state.appId, id_type: 'app_id', sender_type: 'app', tenant_key: this.state.tenantKey },
      body: { content: m.content },
    };
  }
}
