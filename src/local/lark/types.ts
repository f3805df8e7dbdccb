import type { ServerResponse } from 'node:http';

/** The fake Lark's records, as tests and local mode's page read them (re-exported by server.ts). */
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

/** A message a person sent (kept so that replies find their chat, and for local mode's page). */
export interface InboundRecord {
  messageId: string;
  chatId: string;
  /** open_id of the sender ('' when only the chat is known). */
  from: string;
  text: string;
  at: number;
}

/** A Feishu document (docx) in the fake's drive. */
export interface FakeDocument {
  /** The document_id / file token: 27 characters, as in a /docx/ link. */
  token: string;
  title: string;
  text: string;
  /** `revision_id`: 1 when created, +1 for every edit. */
  revision: number;
  ownerOpenId?: string;
  /** The bot was added to the document (「添加文档应用」) or it was shared to a group the bot is in. */
  botCanRead: boolean;
  /** The bot may manage it (its owner or a manager): only then may it subscribe to its events. */
  botCanManage: boolean;
  /** The bot subscribed to its events (drive.v1.file.subscribe). */
  subscribed: boolean;
  createdAt: number;
  modifiedAt: number;
  modifiedBy?: string;
}

/** A buzz (加急) the bot sent: `PATCH /im/v1/messages/:id/urgent_app`. */
export interface Buzz {
  messageId: string;
  chatId: string;
  /** The people it reached. */
  openIds: string[];
  /** Those Lark refused (not in the chat). */
  invalidOpenIds: string[];
  at: number;
}

export interface FakeLarkSnapshot {
  messages: StoredMessage[];
  inbound: InboundRecord[];
  /** Absent in histories saved before documents existed. */
  documents?: FakeDocument[];
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

export interface Injection {
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
  /**
   * docx `document.get` and `raw_content` calls per second per app (Lark: 5, answered 400/99991400 past it).
   * Default 0 (off), so that tests of features do not trip over it unless they mean to.
   */
  docxRate?: number;
  /** The time shown on messages (local mode passes the bot's movable clock); rate limits use real time. */
  displayNow?: () => number;
}

/** One authenticated Open API call, as the route modules see it. */
export interface ApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON (or the raw text); a route may replace it with what the call log should show. */
  body: unknown;
  bytes: Buffer;
  /** The multipart boundary, when the body is multipart/form-data. */
  boundary?: string;
  /** For routes that answer raw bytes (downloads). */
  res: ServerResponse;
}

export interface Answer {
  reply(status: number, payload: unknown, headers?: Record<string, string>): void;
  /** Lark's error body `{code,msg,error:{log_id}}`. */
  fail(status: number, code: number, msg: string, headers?: Record<string, string>): void;
  /** Records a call answered outside reply (a download). */
  record(status: number, response: unknown): void;
}

/** A group of Open API routes: true when it answered the call. */
export interface Routes {
  handle(call: ApiCall, answer: Answer): boolean;
}
