import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCard } from './card-validator.js';
import { hex, larkEncrypt, larkSign } from './crypto.js';
import { botAdded, cardActionTriggered, messageReceived, urlVerification, type EnvelopeContext, type MentionSpec } from './events.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { BodyTooLargeError, readBody, safeListener } from './http-io.js';

/**
 * A loopback fake of the Lark Open API (lark-notes §6): the real SDK talks to it as to open.feishu.cn.
 * It checks tokens and payloads as Lark does, records every call, can inject rate limits and failures,
 * and pushes events and card callbacks to the bot encrypted and signed exactly as Lark does.
 */
export interface FakeUser {
  openId: string;
  name: string;
  mobile?: string;
  email?: string;
}

export interface StoredMessage {
  messageId: string;
  chatId: string;
  msgType: string;
  /** The `content` JSON string as last set (send, patch, or a callback's card response). */
  content: string;
  rootId?: string;
  uuid?: string;
  createdAt: number;
  patches: number;
}

/** A file the bot uploaded (`POST /open-apis/im/v1/files`). */
export interface UploadedFile {
  fileKey: string;
  fileType: string;
  /** The `file_name` field. */
  name: string;
  /** The file part's own `filename` parameter, if the encoder sent one. */
  partFilename?: string;
  contentType?: string;
  bytes: Buffer;
}

/** Lark's upload limit (234006) and file types (im/v1/files). */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
const UPLOAD_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
/** Larger request bodies are refused unread: an upload at Lark's limit plus its multipart framing fits. */
const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/** A message a person sent (kept so that replies find their chat, and for local mode's page). */
export interface InboundRecord {
  messageId: string;
  chatId: string;
  /** open_id of the sender ('' when only the chat is known). */
  from: string;
  text: string;
  at: number;
}

export interface FakeLarkSnapshot {
  messages: StoredMessage[];
  inbound: InboundRecord[];
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  response: unknown;
  at: number;
}

export interface Delivery {
  kind: 'event' | 'callback' | 'challenge';
  eventType?: string;
  status: number;
  body: unknown;
  ms: number;
}

interface Injection {
  status: number;
  code: number;
  msg: string;
  headers?: Record<string, string>;
  /**
   * Only calls whose path matches. The token endpoint fails only for an injection whose path names it
   * (e.g. /tenant_access_token/): one without a path is for the API calls after the token check.
   */
  path?: RegExp;
  /** Answer this body verbatim instead of Lark's JSON error (e.g. a proxy's HTML page), with `contentType`. */
  rawBody?: string;
  contentType?: string;
}

export interface FakeLarkOptions {
  appId?: string;
  appSecret?: string;
  encryptKey?: string;
  verificationToken?: string;
  botOpenId?: string;
  /** Seconds a token lives (Lark: 7200). */
  tokenExpire?: number;
  /** Messages per second per chat (Lark: 5); 0 disables. */
  perChatRate?: number;
  /** Messages per second per app (Lark: 50); 0 disables. */
  perAppRate?: number;
  /** The time shown on messages (local mode passes the bot's movable clock); rate limits use real time. */
  displayNow?: () => number;
}

export class FakeLark {
  readonly appId: string;
  readonly appSecret: string;
  readonly encryptKey?: string;
  readonly verificationToken?: string;
  readonly botOpenId: string;
  readonly tenantKey = `tk_${hex(8)}`;
  readonly calls: RecordedCall[] = [];
  /** `message` (StoredMessage: new, or a card replaced in place) and `inbound` (InboundRecord): local mode's live view. */
  readonly events = new EventEmitter();
  readonly deliveries: Delivery[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly users = new Map<string, FakeUser>();
  /** chat id → members (open ids); the bot is in every chat listed here. */
  readonly chats = new Map<string, { name: string; members: Set<string> }>();
  /** Files people sent to the bot: file_key → the message that carried it and its bytes. */
  readonly files = new Map<string, { messageId: string; name: string; bytes: Buffer }>();
  /** Files the bot uploaded, by file_key. */
  readonly uploads = new Map<string, UploadedFile>();
  /** Where events and callbacks are pushed (the bot's webhook base URL). */
  botUrl?: string;
  /**
   * Routes answered before the Open API's token check (e.g. the long-connection gateway's endpoint
   * discovery, which carries no token). Return undefined to fall through.
   */
  extraRoutes?: (r: { method: string; path: string; body: unknown }) => { status: number; body: unknown } | undefined;

  private server?: Server;
  private readonly tokens = new Map<string, number>();
  private readonly uuids = new Map<string, { messageId: string; at: number }>();
  private readonly sendTimes = new Map<string, number[]>();
  private readonly cardTokens = new Map<string, { uses: number; at: number; messageId: string }>();
  private readonly injections: Injection[] = [];
  private randomFailure?: { rate: number; status: number; path?: RegExp };
  /** Test hook: hold the answer to a call this many ms (e.g. so that concurrent sends could finish out of order). */
  holdAnswer?: (call: { method: string; path: string; body: unknown }) => number;
  private readonly opts: Required<Pick<FakeLarkOptions, 'tokenExpire' | 'perChatRate' | 'perAppRate'>>;
  private seq = 0;

  private readonly displayNow: () => number;

  constructor(o: FakeLarkOptions = {}) {
    this.displayNow = o.displayNow ?? (() => Date.now());
    this.appId = o.appId ?? `cli_${hex(8)}`;
    this.appSecret = o.appSecret ?? `secret-${hex(8)}`;
    this.encryptKey = o.encryptKey;
    this.verificationToken = o.verificationToken;
    this.botOpenId = o.botOpenId ?? `ou_bot${hex(13)}`;
    this.opts = { tokenExpire: o.tokenExpire ?? 7200, perChatRate: o.perChatRate ?? 5, perAppRate: o.perAppRate ?? 50 };
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
    this.server = createServer(safeListener((req, res) => this.handle(req, res)));
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

  // ---- local mode: history across restarts -------------------------------------

  /** The chat history (bot messages and what people typed), to save between runs of local mode. */
  snapshot(): FakeLarkSnapshot {
    return { messages: [...this.messages.values()], inbound: [...this.inboundMessages.values()] };
  }

  restore(s: FakeLarkSnapshot): void {
    for (const m of s.messages) this.messages.set(m.messageId, m);
    for (const i of s.inbound) this.inboundMessages.set(i.messageId, i);
  }

  // ---- failure injection ------------------------------------------------------

  /** The next `times` API calls (matching `path`) fail with this status and code. */
  failNext(times: number, failure: Partial<Injection> = {}): void {
    for (let i = 0; i < times; i++) {
      this.injections.push({
        status: failure.status ?? 429,
        code: failure.code ?? 99991400,
        msg: failure.msg ?? 'request trigger frequency limit',
        headers:
          failure.headers ?? (failure.status === undefined || failure.status === 429 ? { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' } : {}),
        path: failure.path,
        ...(failure.rawBody !== undefined ? { rawBody: failure.rawBody, contentType: failure.contentType ?? 'text/html; charset=utf-8' } : {}),
      });
    }
  }

  /** A fraction of API calls fail with a server error. */
  failRandomly(rate: number, status = 500, path?: RegExp): void {
    this.randomFailure = rate > 0 ? { rate, status, path } : undefined;
  }

  /** Every issued token stops working (Lark rotated or revoked it). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  // ---- assertions helpers --------------------------------------------------------

  /** Messages the bot posted to a chat (send or reply), oldest first. */
  messagesIn(chatId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === chatId).sort((a, b) => a.createdAt - b.createdAt);
  }

  cardsIn(chatId: string): { messageId: string; card: Record<string, unknown> }[] {
    return this.messagesIn(chatId)
      .filter((m) => m.msgType === 'interactive')
      .map((m) => ({ messageId: m.messageId, card: JSON.parse(m.content) as Record<string, unknown> }));
  }

  textsIn(chatId: string): string[] {
    return this.messagesIn(chatId)
      .filter((m) => m.msgType === 'text')
      .map((m) => (JSON.parse(m.content) as { text: string }).text);
  }

  /** The bytes of a file the bot uploaded. */
  fileBytes(fileKey: string): Buffer | undefined {
    return this.uploads.get(fileKey)?.bytes;
  }

  /** File messages the bot posted to a chat, with the uploads they carry, oldest first. */
  filesIn(chatId: string): { messageId: string; rootId?: string; file: UploadedFile }[] {
    return this.messagesIn(chatId)
      .filter((m) => m.msgType === 'file')
      .map((m) => ({
        messageId: m.messageId,
        ...(m.rootId ? { rootId: m.rootId } : {}),
        file: this.uploads.get((JSON.parse(m.content) as { file_key: string }).file_key)!,
      }));
  }

  callsTo(pathPattern: RegExp, method?: string): RecordedCall[] {
    return this.calls.filter((c) => pathPattern.test(c.path) && (!method || c.method === method));
  }

  // ---- pushing events to the bot ----------------------------------------------------

  get envelope(): EnvelopeContext {
    return { appId: this.appId, verificationToken: this.verificationToken, tenantKey: this.tenantKey };
  }

  /**
   * A person types `text` in a chat. `@三办助手` in the text becomes the bot's mention; `@姓名` of a known
   * user becomes theirs. Returns the HTTP status and body the bot answered.
   */
  async userSays(o: { chatId: string; from: FakeUser; text: string; p2p?: boolean; messageId?: string }) {
    const mentions: MentionSpec[] = [];
    let text = o.text;
    const names = ['三办助手', ...[...this.users.values()].map((u) => u.name)];
    text = text.replace(/@([\p{Script=Han}A-Za-z0-9_]+)/gu, (whole, name: string) => {
      if (!names.includes(name)) return whole;
      const key = `@_user_${mentions.length + 1}`;
      const openId = name === '三办助手' ? this.botOpenId : [...this.users.values()].find((u) => u.name === name)!.openId;
      mentions.push({ key, openId, name });
      return key;
    });
    const envelope = messageReceived(this.envelope, {
      chatId: o.chatId,
      chatType: o.p2p ? 'p2p' : 'group',
      senderOpenId: o.from.openId,
      text,
      mentions,
      messageId: o.messageId,
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

  /** A person clicks a button (or submits a form) on a card the bot posted. */
  async click(o: { messageId: string; by: FakeUser; value?: Record<string, unknown>; formValue?: Record<string, unknown>; name?: string }) {
    const message = this.messages.get(o.messageId);
    if (!message) throw new Error(`no message ${o.messageId}`);
    const token = `c-${hex(20)}`;
    this.cardTokens.set(token, { uses: 0, at: Date.now(), messageId: o.messageId });
    const envelope = cardActionTriggered(this.envelope, {
      operatorOpenId: o.by.openId,
      messageId: o.messageId,
      chatId: message.chatId,
      value: o.value,
      formValue: o.formValue,
      name: o.name,
      token,
    });
    const result = await this.push(envelope, 'callback');
    const body = result.body as { card?: { type?: string; data?: unknown } } | undefined;
    if (result.status === 200 && body?.card?.type === 'raw') {
      const content = JSON.stringify(body.card.data);
      const problems = validateCard(content);
      if (problems.length) throw new Error(`callback answered with a bad card (200673): ${problems.join('; ')}`);
      message.content = content;
      message.patches++;
      this.events.emit('message', message);
    }
    return result;
  }

  async botAddedTo(chatId: string, by: FakeUser) {
    return this.push(botAdded(this.envelope, chatId, by.openId), 'event');
  }

  async challenge(challenge = `ch-${hex(8)}`) {
    const payload = urlVerification(this.envelope, challenge);
    const body = this.encryptKey ? JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(payload), this.encryptKey) }) : JSON.stringify(payload);
    return { challenge, ...(await this.post(body, {}, 'challenge')) };
  }

  /** Pushes a v2 envelope as Lark does: compact JSON, encrypted when a key is set, signed. */
  async push(envelope: Record<string, unknown>, kind: 'event' | 'callback' = 'event', tamper?: { signature?: string; timestamp?: string }) {
    const plain = JSON.stringify(envelope);
    const body = this.encryptKey ? JSON.stringify({ encrypt: larkEncrypt(plain, this.encryptKey) }) : plain;
    const timestamp = tamper?.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = hex(8);
    const headers: Record<string, string> = { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce };
    if (this.encryptKey) headers['x-lark-signature'] = tamper?.signature ?? larkSign(timestamp, nonce, this.encryptKey, body);
    const eventType = (envelope.header as { event_type?: string } | undefined)?.event_type;
    return this.post(body, headers, kind, eventType);
  }

  /** POST raw bytes to the bot; Lark gives up after 3 s. */
  async post(body: string, headers: Record<string, string>, kind: Delivery['kind'], eventType?: string) {
    if (!this.botUrl) throw new Error('botUrl not set');
    const started = Date.now();
    let status = 0;
    let parsed: unknown;
    try {
      const res = await fetch(`${this.botUrl}/lark/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(3000),
      });
      status = res.status;
      const text = await res.text();
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
    } catch (err) {
      parsed = { error: String(err) };
    }
    const delivery: Delivery = { kind, eventType, status, body: parsed, ms: Date.now() - started };
    this.deliveries.push(delivery);
    return delivery;
  }

  // ---- the Open API ------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    let bytes: Buffer;
    try {
      bytes = await readBody(req, MAX_REQUEST_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err; // aborted: nobody to answer (safeListener)
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ code: 234006, msg: 'The request body exceeds the max value.' }));
      return;
    }
    const multipart = boundaryOf(req.headers['content-type']);
    const raw = multipart ? '' : bytes.toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const query = Object.fromEntries(url.searchParams.entries());
    const hold = this.holdAnswer?.({ method: req.method ?? '', path: url.pathname, body });
    if (hold) await new Promise((resolve) => setTimeout(resolve, hold));
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method: req.method ?? '', path: url.pathname, query, body, status, response: payload, at: Date.now() });
      if (res.destroyed || res.writableEnded) return; // the client went away meanwhile
      res.writeHead(status, { 'content-type': 'application/json', 'x-tt-logid': hex(10), ...headers });
      res.end(JSON.stringify(payload));
    };
    const fail = (status: number, code: number, msg: string, headers?: Record<string, string>) =>
      reply(status, { code, msg, error: { log_id: hex(12) } }, headers);
    const injected = (i: Injection) => {
      if (i.rawBody === undefined) return fail(i.status, i.code, i.msg, i.headers);
      this.calls.push({ method: req.method ?? '', path: url.pathname, query, body, status: i.status, response: i.rawBody, at: Date.now() });
      res.writeHead(i.status, { 'content-type': i.contentType ?? 'text/html', ...i.headers });
      res.end(i.rawBody);
    };

    try {
      const path = url.pathname;
      const extra = this.extraRoutes?.({ method: req.method ?? '', path, body });
      if (extra) return reply(extra.status, extra.body);
      if (path === '/open-apis/auth/v3/tenant_access_token/internal' && req.method === 'POST') {
        const tokenFailure = this.injections.findIndex((i) => i.path?.test(path));
        if (tokenFailure >= 0) return injected(this.injections.splice(tokenFailure, 1)[0]!);
        const b = body as { app_id?: string; app_secret?: string };
        if (b?.app_id !== this.appId || b?.app_secret !== this.appSecret) return reply(200, { code: 10014, msg: 'app secret invalid' });
        const now = Date.now();
        const live = [...this.tokens.entries()].find(([, exp]) => exp - now >= 30 * 60_000);
        const token = live?.[0] ?? `t-${hex(20)}`;
        if (!live) this.tokens.set(token, now + this.opts.tokenExpire * 1000);
        return reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: Math.round((this.tokens.get(token)! - now) / 1000) });
      }

      const auth = req.headers.authorization;
      if (!auth) return fail(400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
      const token = auth.replace(/^Bearer\s+/, '');
      if (!token.startsWith('t-')) return fail(400, 99991671, 'Invalid token: must start with t-/u-');
      const exp = this.tokens.get(token);
      if (!exp || exp < Date.now()) return fail(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');

      const injectedAt = this.injections.findIndex((i) => !i.path || i.path.test(path));
      if (injectedAt >= 0) {
        return injected(this.injections.splice(injectedAt, 1)[0]!);
      }
      if (this.randomFailure && (!this.randomFailure.path || this.randomFailure.path.test(path)) && Math.random() < this.randomFailure.rate) {
        return fail(this.randomFailure.status, 0, 'internal error');
      }

      if (path === '/open-apis/im/v1/files' && req.method === 'POST') {
        const outcome = this.receiveUpload(multipart, bytes);
        body = outcome.recorded;
        if ('error' in outcome) return fail(400, outcome.error.code, outcome.error.msg);
        return reply(200, { code: 0, msg: 'success', data: { file_key: outcome.fileKey } });
      }
      if (path === '/open-apis/bot/v3/info' && req.method === 'GET') {
        return reply(200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: '三办助手', open_id: this.botOpenId, ip_white_list: [] } });
      }
      if (path === '/open-apis/im/v1/messages' && req.method === 'POST') {
        const b = body as { receive_id?: string; msg_type?: string; content?: unknown; uuid?: string };
        const type = query.receive_id_type;
        let chatId: string | undefined;
        if (type === 'chat_id') chatId = b?.receive_id;
        else if (type === 'open_id') chatId = b?.receive_id && this.users.has(b.receive_id) ? this.p2pChatId(b.receive_id) : undefined;
        else return fail(400, 230001, `invalid receive_id_type ${type}`);
        if (!chatId) return fail(400, 230034, 'The receive_id is invalid.');
        if (!this.chats.has(chatId)) return fail(400, 230002, 'The bot can not be outside the group.');
        return this.createMessage(chatId, b, reply, fail);
      }
      const replyMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
      if (replyMatch && req.method === 'POST') {
        const parent = this.messages.get(replyMatch[1]!) ?? this.inboundMessages.get(replyMatch[1]!);
        if (!parent) return fail(400, 230011, 'The message was withdrawn or does not exist.');
        return this.createMessage(parent.chatId, body as never, reply, fail, replyMatch[1]);
      }
      const patchMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
      if (patchMatch && req.method === 'PATCH') {
        const message = this.messages.get(patchMatch[1]!);
        if (!message) return fail(400, 230011, 'The message was withdrawn or does not exist.');
        if (message.msgType !== 'interactive') return fail(400, 230001, 'invalid msg_type, only interactive can be patched');
        if (this.displayNow() - message.createdAt > 14 * 86_400_000) return fail(400, 230031, 'The message is too old to update.');
        const content = (body as { content?: unknown })?.content;
        if (typeof content !== 'string') return fail(400, 230001, 'content must be a JSON string');
        const problems = validateCard(content);
        if (problems.length) return fail(400, 230099, `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${problems.join('; ')}`);
        if (this.overRate(`patch:${message.messageId}`, 5)) return fail(400, 230020, 'This operation triggers the frequency limit.');
        message.content = content;
        message.patches++;
        this.events.emit('message', message);
        return reply(200, { code: 0, msg: 'ok', data: {} });
      }
      const membersMatch = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/.exec(path);
      if (membersMatch && req.method === 'GET') {
        const chat = this.chats.get(membersMatch[1]!);
        if (!chat) return fail(400, 232011, 'The operator is not in the chat.');
        const all = [...chat.members];
        const size = Math.min(Number(query.page_size ?? 20) || 20, 100);
        const start = Number(query.page_token ?? 0) || 0;
        const items = all.slice(start, start + size).map((id) => ({
          member_id_type: 'open_id',
          member_id: id,
          name: this.users.get(id)?.name ?? '',
          tenant_key: this.tenantKey,
        }));
        const more = start + size < all.length;
        return reply(200, { code: 0, msg: 'success', data: { items, page_token: more ? String(start + size) : '', has_more: more, member_total: all.length } });
      }
      const resourceMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
      if (resourceMatch && req.method === 'GET') {
        const stored = this.files.get(resourceMatch[2]!);
        if (!stored || stored.messageId !== resourceMatch[1]) return fail(400, 234003, 'File not in msg.');
        if (query.type !== 'file' && query.type !== 'image') return fail(400, 234001, 'Invalid request param.');
        this.calls.push({ method: 'GET', path, query, body, status: 200, response: `<${stored.bytes.length} bytes>`, at: Date.now() });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(stored.bytes.length), 'x-tt-logid': hex(10) });
        res.end(stored.bytes);
        return;
      }
      const userMatch = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
      if (userMatch && req.method === 'GET' && userMatch[1] !== 'batch_get_id') {
        const user = this.users.get(userMatch[1]!);
        if (!user) return fail(400, 99992351, 'open_id not existed');
        return reply(200, { code: 0, msg: 'success', data: { user: { open_id: user.openId, name: user.name } } });
      }
      if (path === '/open-apis/contact/v3/users/batch_get_id' && req.method === 'POST') {
        const b = (body ?? {}) as { mobiles?: string[]; emails?: string[] };
        if ((b.mobiles?.length ?? 0) > 50 || (b.emails?.length ?? 0) > 50) return fail(400, 99992402, 'field validation failed');
        const users = [...this.users.values()];
        const user_list = [
          ...(b.mobiles ?? []).map((mobile) => {
            const u = users.find((x) => x.mobile === mobile);
            return {
              mobile,
              ...(u ? { user_id: u.openId } : {}),
              status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
            };
          }),
          ...(b.emails ?? []).map((email) => {
            const u = users.find((x) => x.email === email);
            return {
              email,
              ...(u ? { user_id: u.openId } : {}),
              status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
            };
          }),
        ];
        return reply(200, { code: 0, msg: 'success', data: { user_list } });
      }
      if (path === '/open-apis/interactive/v1/card/update' && req.method === 'POST') {
        const b = (body ?? {}) as { token?: string; card?: unknown };
        const entry = b.token ? this.cardTokens.get(b.token) : undefined;
        if (!entry || Date.now() - entry.at > 30 * 60_000 || entry.uses >= 2) return fail(400, 230001, 'card token invalid or expired');
        const content = JSON.stringify(b.card);
        const problems = validateCard(content);
        if (problems.length) return fail(400, 230099, `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${problems.join('; ')}`);
        entry.uses++;
        const updated = this.messages.get(entry.messageId)!;
        updated.content = content;
        updated.patches++;
        this.events.emit('message', updated);
        return reply(200, { code: 0, msg: 'success', data: {} });
      }
      return fail(404, 404, `fake Lark has no route ${req.method} ${path}`);
    } catch (err) {
      return fail(500, 1, `fake Lark crashed: ${String(err)}`);
    }
  }

  /** User messages the bot may reply to (registered when pushed). */
  readonly inboundMessages = new Map<string, InboundRecord>();

  /** Make a user's message known so that the bot's reply to it finds its chat. */
  rememberInbound(messageId: string, chatId: string, from = '', text = ''): void {
    const record: InboundRecord = { messageId, chatId, from, text, at: this.displayNow() };
    this.inboundMessages.set(messageId, record);
    if (from) this.events.emit('inbound', record);
  }

  /** Validates an upload as Lark does (234001 bad params, 234010 empty, 234006 over 30 MB) and stores it. */
  private receiveUpload(boundary: string | undefined, raw: Buffer): { recorded: unknown } & ({ fileKey: string } | { error: { code: number; msg: string } }) {
    const invalid = (why: string) => ({ recorded: { invalid: why }, error: { code: 234001, msg: `Invalid request param. (${why})` } });
    if (!boundary) return invalid('Content-Type must be multipart/form-data with a boundary');
    const parts = parseMultipart(raw, boundary);
    if (typeof parts === 'string') return invalid(parts);
    const field = (name: string) => parts.find((p) => p.name === name);
    const fileType = field('file_type')?.data.toString('utf8');
    const name = field('file_name')?.data.toString('utf8');
    const file = field('file');
    const recorded = {
      file_type: fileType,
      file_name: name,
      file: file ? `<${file.data.length} bytes${file.filename ? ` as ${file.filename}` : ''}>` : undefined,
    };
    if (!fileType || !UPLOAD_TYPES.has(fileType)) return { ...invalid(`file_type ${String(fileType)}`), recorded };
    if (!name) return { ...invalid('file_name is required'), recorded };
    if (!file) return { ...invalid('file is required'), recorded };
    if (!file.data.length) return { recorded, error: { code: 234010, msg: "File's size can't be 0." } };
    if (file.data.length > MAX_UPLOAD_BYTES) return { recorded, error: { code: 234006, msg: 'The file size exceed the max value.' } };
    const fileKey = `file_v2_${hex(16)}`;
    this.uploads.set(fileKey, {
      fileKey,
      fileType,
      name,
      ...(file.filename !== undefined ? { partFilename: file.filename } : {}),
      ...(file.contentType ? { contentType: file.contentType } : {}),
      bytes: Buffer.from(file.data),
    });
    return { recorded, fileKey };
  }

  private overRate(key: string, perSecond: number): boolean {
    if (perSecond <= 0) return false;
    const now = Date.now();
    const times = (this.sendTimes.get(key) ?? []).filter((t) => now - t < 1000);
    if (times.length >= perSecond) {
      this.sendTimes.set(key, times);
      return true;
    }
    times.push(now);
    this.sendTimes.set(key, times);
    return false;
  }

  private createMessage(
    chatId: string,
    b: { msg_type?: string; content?: unknown; uuid?: string } | undefined,
    reply: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    fail: (status: number, code: number, msg: string, headers?: Record<string, string>) => void,
    parentId?: string,
  ): void {
    if (!b || typeof b.content !== 'string') return fail(400, 230001, 'content must be a JSON-encoded string');
    if (b.uuid !== undefined && (typeof b.uuid !== 'string' || b.uuid.length > 50)) return fail(400, 230001, 'uuid longer than 50 characters');
    if (b.uuid) {
      const seen = this.uuids.get(b.uuid);
      if (seen && Date.now() - seen.at < 3_600_000) {
        const original = this.messages.get(seen.messageId)!;
        return reply(200, { code: 0, msg: 'success', data: this.wire(original) });
      }
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(b.content) as Record<string, unknown>;
    } catch {
      return fail(400, 230001, 'content is not valid JSON');
    }
    const bytes = Buffer.byteLength(b.content, 'utf8');
    if (b.msg_type === 'text') {
      if (typeof parsed.text !== 'string' || !parsed.text) return fail(400, 230001, 'text content needs a non-empty "text"');
      if (bytes > 150 * 1024) return fail(400, 230025, 'The message exceeds the length limit.');
    } else if (b.msg_type === 'interactive') {
      const problems = validateCard(b.content);
      if (problems.length) return fail(400, 230099, `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${problems.join('; ')}`);
    } else if (b.msg_type === 'file') {
      if (typeof parsed.file_key !== 'string') return fail(400, 230001, 'file content needs file_key');
      if (!this.uploads.has(parsed.file_key)) return fail(400, 230001, `invalid file_key ${parsed.file_key}: no file with this key was uploaded by the app`);
    } else {
      return fail(400, 230001, `fake Lark does not accept msg_type ${String(b.msg_type)}`);
    }
    if (this.overRate('app', this.opts.perAppRate)) {
      return fail(429, 99991400, 'request trigger frequency limit', { 'x-ogw-ratelimit-limit': String(this.opts.perAppRate), 'x-ogw-ratelimit-reset': '1' });
    }
    if (this.overRate(`chat:${chatId}`, this.opts.perChatRate)) return fail(400, 230020, 'This chat triggers the frequency limit.');
    const message: StoredMessage = {
      messageId: `om_${hex(16)}`,
      chatId,
      msgType: b.msg_type,
      content: b.content,
      ...(parentId ? { rootId: parentId } : {}),
      ...(b.uuid ? { uuid: b.uuid } : {}),
      createdAt: this.displayNow() + this.seq++ / 1000,
      patches: 0,
    };
    this.messages.set(message.messageId, message);
    this.events.emit('message', message);
    if (b.uuid) this.uuids.set(b.uuid, { messageId: message.messageId, at: Date.now() });
    return reply(200, { code: 0, msg: 'success', data: this.wire(message) });
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
      sender: { id: this.appId, id_type: 'app_id', sender_type: 'app', tenant_key: this.tenantKey },
      body: { content: m.content },
    };
  }
}
