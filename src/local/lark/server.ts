import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardRoutes } from './cards.js';
import { hex } from './crypto.js';
import { DirectoryRoutes } from './directory.js';
import { documentUrl, FakeDocuments, type AddDocument } from './documents.js';
import { botAdded, cardActionTriggered, fileEdited, messageReceived, urlVerification, withMentions, type EnvelopeContext } from './events.js';
import { FileRoutes, MAX_UPLOAD_BYTES } from './files.js';
import { safeListener } from './http-io.js';
import { MessageRoutes } from './messages.js';
import { OpenApi } from './open-api.js';
import { Pusher } from './pusher.js';
import { RateWindows } from './rates.js';
import { FakeLarkRecords } from './records.js';
import type { Delivery, FakeDocument, FakeLarkOptions, FakeLarkSnapshot, FakeUser, InboundRecord, Injection, Routes } from './types.js';
import { TokenRoutes } from './tokens.js';
import { UrgentRoutes } from './urgent.js';
import { FakeCalendar } from './calendar.js';

export type {
  Buzz,
  Delivery,
  FakeDocument,
  FakeLarkOptions,
  FakeLarkSnapshot,
  FakeUser,
  InboundRecord,
  RecordedCall,
  StoredMessage,
  UploadedFile,
} from './types.js';
export type { AddDocument } from './documents.js';

/** Larger request bodies are refused unread: an upload at Lark's limit plus its multipart framing fits. */
const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/**
 * A loopback fake of the Lark Open API (lark-notes §6): the real SDK talks to it as to open.feishu.cn.
 * It checks tokens and payloads as Lark does, records every call, can inject rate limits and failures,
 * and pushes events and card callbacks to the bot encrypted and signed exactly as Lark does. The routes
 * live by subject in messages.ts, cards.ts, files.ts, directory.ts, documents.ts, urgent.ts and calendar.ts.
 */
export class FakeLark extends FakeLarkRecords {
  readonly appId: string;
  readonly appSecret: string;
  readonly encryptKey?: string;
  readonly verificationToken?: string;
  readonly botOpenId: string;
  readonly tenantKey = `tk_${hex(8)}`;
  /** `message` (StoredMessage: new, or a card replaced in place), `inbound` (InboundRecord), `buzz` (Buzz) and `document` (FakeDocument): local mode's live view. */
  readonly events = new EventEmitter();
  readonly deliveries: Delivery[] = [];
  readonly users = new Map<string, FakeUser>();
  /** chat id → members (open ids); the bot is in every chat listed here. */
  readonly chats = new Map<string, { name: string; members: Set<string> }>();
  /** Files people sent to the bot: file_key → the message that carried it and its bytes. */
  readonly files = new Map<string, { messageId: string; name: string; bytes: Buffer }>();
  /** Calendar v4: the bot's shared calendars and their events (calendar.ts). */
  readonly calendar = new FakeCalendar();
  /** Where events and callbacks are pushed (the bot's webhook base URL). */
  botUrl?: string;
  /**
   * Routes answered before the Open API's token check (e.g. the long-connection gateway's endpoint
   * discovery, which carries no token). Return undefined to fall through.
   */
  extraRoutes?: (r: { method: string; path: string; body: unknown }) => { status: number; body: unknown } | undefined;
  /**
   * Test hook: hold the answer to a call this many ms (e.g. so that concurrent sends could finish out of
   * order), or until the promise returned settles (a call held while the test changes something).
   */
  holdAnswer?: (call: { method: string; path: string; body: unknown }) => number | Promise<unknown> | undefined;

  private server?: Server;
  private readonly tokens: TokenRoutes;
  private readonly cards: CardRoutes;
  private readonly docs: FakeDocuments;
  private readonly pusher: Pusher;
  private readonly api: OpenApi;
  private readonly displayNow: () => number;

  constructor(o: FakeLarkOptions = {}) {
    super();
    this.displayNow = o.displayNow ?? (() => Date.now());
    this.appId = o.appId ?? `cli_${hex(8)}`;
    this.appSecret = o.appSecret ?? `secret-${hex(8)}`;
    this.encryptKey = o.encryptKey;
    this.verificationToken = o.verificationToken;
    this.botOpenId = o.botOpenId ?? `ou_bot${hex(13)}`;
    this.tokens = new TokenRoutes({ appId: this.appId, appSecret: this.appSecret, tokenExpire: o.tokenExpire ?? 7200 });
    this.cards = new CardRoutes(this);
    const rates = new RateWindows();
    this.docs = new FakeDocuments({ now: this.displayNow, botOpenId: this.botOpenId, rates, docxRate: o.docxRate ?? 0 });
    this.pusher = new Pusher({ encryptKey: this.encryptKey, botUrl: () => this.botUrl, deliveries: this.deliveries });
    const routes: Routes[] = [
      new FileRoutes(this),
      new MessageRoutes(this, rates, { perAppRate: o.perAppRate ?? 50, perChatRate: o.perChatRate ?? 5, displayNow: this.displayNow }),
      new UrgentRoutes(this, this.displayNow),
      new DirectoryRoutes(this),
      this.cards,
      this.docs,
      this.calendar,
    ];
    this.api = new OpenApi({
      calls: this.calls,
      tokens: this.tokens,
      routes,
      maxRequestBytes: MAX_REQUEST_BYTES,
      extraRoutes: () => this.extraRoutes,
      holdAnswer: () => this.holdAnswer,
    });
  }

  get url(): string {
    const a = this.server?.address() as AddressInfo | undefined;
    if (!a) throw new Error('fake Lark not started');
    return `http://127.0.0.1:${a.port}`;
  }

  /** The underlying HTTP server, so that a gateway can accept WebSocket upgrades on the same port. */
  get httpServer(): Server | undefined {
    return this.server;
  }

  async start(): Promise<this> {
    this.server = createServer(safeListener((req, res) => this.api.handle(req, res)));
    // A malformed request or a socket error ends that connection only.
    this.server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

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

  // ---- documents (docx) ---------------------------------------------------------

  /** A document in the fake's drive; the bot may read it unless `botCanRead: false`. */
  addDocument(d: Omit<AddDocument, 'owner'> & { owner?: FakeUser }): { token: string; url: string } {
    const doc = this.docs.add(d);
    this.events.emit('document', doc);
    return { token: doc.token, url: documentUrl(doc.token) };
  }

  /**
   * A person saves new text: the revision moves, the last editor and time are set, and when the bot
   * subscribed, a signed `drive.file.edit_v1` is pushed to it (the envelope is returned so that a test
   * can deliver it again).
   */
  async editDocument(token: string, by: FakeUser, newText: string): Promise<{ revision: number; envelope?: Record<string, unknown>; delivery?: Delivery }> {
    const doc = this.docs.edit(token, by.openId, newText);
    this.events.emit('document', doc);
    if (!doc.subscribed) return { revision: doc.revision };
    const envelope = fileEdited(this.envelope, { fileToken: token, fileType: 'docx', operatorOpenIds: [by.openId] });
    return { revision: doc.revision, envelope, delivery: await this.push(envelope, 'event') };
  }

  documentRevision(token: string): number | undefined {
    return this.docs.docs.get(token)?.revision;
  }

  /** Every document, oldest first. */
  documents(): FakeDocument[] {
    return [...this.docs.docs.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  document(token: string): FakeDocument | undefined {
    return this.docs.docs.get(token);
  }

  // ---- local mode: history across restarts -------------------------------------

  /** The chat history (bot messages and what people typed) and the documents, to save between runs of local mode. */
  snapshot(): FakeLarkSnapshot {
    return { messages: [...this.messages.values()], inbound: [...this.inboundMessages.values()], documents: this.documents() };
  }

  restore(s: FakeLarkSnapshot): void {
    for (const m of s.messages) this.messages.set(m.messageId, m);
    for (const i of s.inbound) this.inboundMessages.set(i.messageId, i);
    if (Array.isArray(s.documents)) this.docs.restore(s.documents);
  }

  // ---- failure injection ------------------------------------------------------

  /** The next `times` API calls (matching `path`) fail with this status and code. */
  failNext(times: number, failure: Partial<Injection> = {}): void {
    this.api.failNext(times, failure);
  }

  /** A fraction of API calls fail with a server error. */
  failRandomly(rate: number, status = 500, path?: RegExp): void {
    this.api.failRandomly(rate, status, path);
  }

  /** Every issued token stops working (Lark rotated or revoked it). */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  // ---- pushing events to the bot ----------------------------------------------------

  get envelope(): EnvelopeContext {
    return { appId: this.appId, verificationToken: this.verificationToken, tenantKey: this.tenantKey };
  }

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
