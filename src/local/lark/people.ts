import { EventEmitter } from 'node:events';
import type { CardRoutes } from './cards.js';
import { hex } from './crypto.js';
import { botAdded, cardActionTriggered, messageReceived, urlVerification, withMentions, type EnvelopeContext } from './events.js';
import type { Pusher } from './pusher.js';
import { FakeLarkRecords } from './records.js';
import type { Delivery, FakeUser, InboundRecord } from './types.js';

/**
 * The people side of the fake Lark: its directory (users, chats, the files they sent) and what they do —
 * type in a chat, send a file, click a card, add the bot to a group — pushed to the bot as Lark pushes
 * events and callbacks. FakeLark (server.ts) extends it and supplies the envelope, the pusher and the cards.
 */
export abstract class FakeLarkPeople extends FakeLarkRecords {
  /** `message` (StoredMessage: new, or a card replaced in place), `inbound` (InboundRecord), `buzz` (Buzz) and `document` (FakeDocument): local mode's live view. */
  readonly events = new EventEmitter();
  readonly deliveries: Delivery[] = [];
  readonly users = new Map<string, FakeUser>();
  /** chat id → members (open ids); the bot is in every chat listed here. */
  readonly chats = new Map<string, { name: string; members: Set<string> }>();
  /** Files people sent to the bot: file_key → the message that carried it and its bytes. */
  readonly files = new Map<string, { messageId: string; name: string; bytes: Buffer }>();

  abstract readonly botOpenId: string;
  abstract get envelope(): EnvelopeContext;
  protected abstract readonly cards: CardRoutes;
  protected abstract readonly pusher: Pusher;
  protected abstract readonly displayNow: () => number;

  // ---- directory ------------------------------------------------------------

  addUser(name: string, extra: Partial<FakeUser> = {}): FakeUser {
    const user: FakeUser = { openId: extra.openId ?? `ou_${hex(16)}`, name, ...extra };
    this.users.set(user.openId, user);
    return user;
  }

  addChat(name: string, members: FakeUser[], chatId = `oc_${hex(16)}`): string {
    this.chats.set(chatId, { name, members: new Set(members.map((m) => m.openId)) });
    return chatId;
  }

  /** The p2p chat between the bot and a person (Lark creates it on the first message). */
  p2pChatId(openId: string): string {
    const id = `oc_p2p_${openId.slice(3)}`.slice(0, 40);
    if (!this.chats.has(id)) this.chats.set(id, { name: 'p2p', members: new Set([openId]) });
    return id;
  }

  // ---- pushing events to the bot ----------------------------------------------------

  /**
   * A person types `text` in a chat. `@三办助手` in the text becomes the bot's mention; `@姓名` of a known
   * user becomes theirs. Returns the HTTP status and body the bot answered.
   */
  async userSays(o: { chatId: string; from: FakeUser; text: string; p2p?: boolean; messageId?: string; parentId?: string }) {
    const { text, mentions } = withMentions(o.text, this.botOpenId, [...this.users.values()]);
    const envelope = messageReceived(this.envelope, {
      chatId: o.chatId,
      chatType: o.p2p ? 'p2p' : 'group',
      senderOpenId: o.from.openId,
      text,
      mentions,
      messageId: o.messageId,
      ...(o.parentId ? { parentId: o.parentId } : {}),
    });
    this.rememberInbound(envelope.event.message.message_id, o.chatId, o.from.openId, o.text);
    return this.push(envelope, 'event');
  }

  /**
   * A person sends a picture (message_type `image`): in a private chat, or in a group (where it cannot @
   * the bot: delivered as to an app that may read all group messages). Optionally as a reply.
   */
  async userSendsImage(o: { chatId: string; from: FakeUser; p2p?: boolean; parentId?: string; messageId?: string }) {
    const messageId = o.messageId ?? `om_${hex(16)}`;
    const imageKey = `img_v3_${hex(16)}`;
    const envelope = messageReceived(this.envelope, {
      chatId: o.chatId,
      chatType: o.p2p === false ? 'group' : 'p2p',
      senderOpenId: o.from.openId,
      messageType: 'image',
      content: { image_key: imageKey },
      messageId,
      ...(o.parentId ? { parentId: o.parentId } : {}),
    });
    this.rememberInbound(messageId, o.chatId, o.from.openId, '［图片］');
    return { imageKey, messageId, ...(await this.push(envelope, 'event')) };
  }

  /**
   * A person sends a file (im.message.receive_v1 with message_type `file`); the bot can then download it
   * from the message resource route. Direct message unless `p2p: false`.
   */
  async userSendsFile(o: { chatId: string; from: FakeUser; name: string; bytes: Uint8Array; p2p?: boolean; messageId?: string }) {
    const messageId = o.messageId ?? `om_${hex(16)}`;
    const fileKey = `file_v3_${hex(16)}`;
    this.files.set(fileKey, { messageId, name: o.name, bytes: Buffer.from(o.bytes) });
    const envelope = messageReceived(this.envelope, {
      chatId: o.chatId,
      chatType: o.p2p === false ? 'group' : 'p2p',
      senderOpenId: o.from.openId,
      messageType: 'file',
      content: { file_key: fileKey, file_name: o.name },
      messageId,
    });
    this.rememberInbound(messageId, o.chatId, o.from.openId, `［文件］${o.name}`);
    return { fileKey, messageId, ...(await this.push(envelope, 'event')) };
  }

  /** A person clicks a button (or submits a form) on a card the bot posted. */
  async click(o: { messageId: string; by: FakeUser; value?: Record<string, unknown>; formValue?: Record<string, unknown>; name?: string }) {
    const message = this.messages.get(o.messageId);
    if (!message) throw new Error(`no message ${o.messageId}`);
    const envelope = cardActionTriggered(this.envelope, {
      operatorOpenId: o.by.openId,
      messageId: o.messageId,
      chatId: message.chatId,
      value: o.value,
      formValue: o.formValue,
      name: o.name,
      token: this.cards.issueToken(o.messageId),
    });
    const result = await this.push(envelope, 'callback');
    this.cards.applyCallbackAnswer(message, result);
    return result;
  }

  async botAddedTo(chatId: string, by: FakeUser) {
    return this.push(botAdded(this.envelope, chatId, by.openId), 'event');
  }

  async challenge(challenge = `ch-${hex(8)}`) {
    return { challenge, ...(await this.pusher.challenge(urlVerification(this.envelope, challenge))) };
  }

  /** Pushes a v2 envelope as Lark does: compact JSON, encrypted when a key is set, signed. */
  async push(envelope: Record<string, unknown>, kind: 'event' | 'callback' = 'event', tamper?: { signature?: string; timestamp?: string }) {
    return this.pusher.push(envelope, kind, tamper);
  }

  /** POST raw bytes to the bot; Lark gives up after 3 s. */
  async post(body: string, headers: Record<string, string>, kind: Delivery['kind'], eventType?: string) {
    return this.pusher.post(body, headers, kind, eventType);
  }

  /** Make a user's message known so that the bot's reply to it finds its chat. */
  rememberInbound(messageId: string, chatId: string, from = '', text = ''): void {
    const record: InboundRecord = { messageId, chatId, from, text, at: this.displayNow() };
    this.inboundMessages.set(messageId, record);
    if (from) this.events.emit('inbound', record);
  }
}
