import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardRoutes } from './cards.js';
import { hex } from './crypto.js';
import { DirectoryRoutes } from './directory.js';
import { documentUrl, FakeDocuments, type AddDocument } from './documents.js';
import { fileEdited, type EnvelopeContext } from './events.js';
import { FileRoutes, MAX_UPLOAD_BYTES } from './files.js';
import { safeListener } from './http-io.js';
import { MessageRoutes } from './messages.js';
import { OpenApi } from './open-api.js';
import { Pusher } from './pusher.js';
import { RateWindows } from './rates.js';
import { FakeLarkPeople } from './people.js';
import type { Delivery, FakeDocument, FakeLarkOptions, FakeLarkSnapshot, FakeUser, Injection, Routes } from './types.js';
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
 * live by subject in messages.ts, cards.ts, files.ts, directory.ts, documents.ts, urgent.ts and calendar.ts;
 * what people do (type, send a file, click) is in people.ts.
 */
export class FakeLark extends FakeLarkPeople {
  readonly appId: string;
  readonly appSecret: string;
  readonly encryptKey?: string;
  readonly verificationToken?: string;
  readonly botOpenId: string;
  readonly tenantKey = `tk_${hex(8)}`;
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
  protected readonly cards: CardRoutes;
  private readonly docs: FakeDocuments;
  protected readonly pusher: Pusher;
  private readonly api: OpenApi;
  protected readonly displayNow: () => number;

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

  get envelope(): EnvelopeContext {
    return { appId: this.appId, verificationToken: this.verificationToken, tenantKey: this.tenantKey };
  }
}
