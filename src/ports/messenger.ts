import type { Card } from '../cards/types.js';

/** Where a message goes: a chat (group or p2p chat id) or a person (open_id, Lark opens the p2p chat). */
export type Recipient = { chatId: string } | { openId: string };

/** A file message carries the key of a file the bot uploaded first (`uploadFile`). */
export type OutgoingContent = { type: 'text'; text: string } | { type: 'card'; card: Card } | { type: 'file'; fileKey: string };

/** Lark's upload categories (`im/v1/files` file_type): `xls` for spreadsheets, `stream` for anything else. */
export type UploadFileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** Lark refuses uploads over 30 MB (234006) and empty files (234010). */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/** Lark failures as the bot reasons about them; the adapter maps Lark codes and HTTP statuses to these. */
export type MessengerError =
  | { kind: 'rate_limited'; retryAfterMs?: number; code: number }
  | { kind: 'not_in_chat'; code: number; message: string }
  | { kind: 'card_invalid'; code: number; message: string }
  | { kind: 'too_large'; code: number; message: string }
  | { kind: 'token_invalid'; code: number; message: string }
  | { kind: 'recipient_invalid'; code: number; message: string }
  | { kind: 'server_error'; status: number; code?: number; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'other'; code?: number; status?: number; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: MessengerError };

/** Failures worth retrying later; the rest are permanent for that message. */
export function isRetryable(error: MessengerError): boolean {
  return error.kind === 'rate_limited' || error.kind === 'server_error' || error.kind === 'network';
}

export interface ChatMember {
  openId: string;
  name: string;
}

/** People to find in the Lark directory (contact batch_get_id). */
export interface OpenIdQuery {
  mobiles?: readonly string[];
  emails?: readonly string[];
}

export interface SendOptions {
  /** Idempotency key (≤50 chars): Lark posts at most one message per uuid within an hour. */
  uuid?: string;
}

/** Everything the bot says or asks of Lark goes through this port. */
export interface Messenger {
  send(to: Recipient, content: OutgoingContent, options?: SendOptions): Promise<Result<{ messageId: string }>>;
  reply(messageId: string, content: OutgoingContent, options?: SendOptions): Promise<Result<{ messageId: string }>>;
  /** Replace a card in place (`message.patch`); the new card must stay JSON 2.0. */
  updateCard(messageId: string, card: Card): Promise<Result<void>>;
  getUserName(openId: string): Promise<Result<string | undefined>>;
  listChatMembers(chatId: string): Promise<Result<ChatMember[]>>;
  /** The bot's own open_id, to tell whether a group message @-mentions the bot. */
  getBotOpenId(): Promise<string | undefined>;
  /**
   * Each mobile or email that Lark knows (and the app may see) → its open_id; the others are absent.
   * Any number of items: the adapter asks 50 at a time.
   */
  lookupOpenIds(query: OpenIdQuery): Promise<Result<Map<string, string>>>;
  /** The bytes of a file a person sent in a message (the bot must be in that chat). */
  downloadFile(messageId: string, fileKey: string): Promise<Result<Buffer>>;
  /**
   * Uploads a file the bot will send (`im/v1/files`); the key is then sent as `{ type: 'file', fileKey }`.
   * Not idempotent: each call stores a new file, so upload once and queue the send.
   */
  uploadFile(name: string, bytes: Buffer, fileType: UploadFileType): Promise<Result<{ fileKey: string }>>;
  /**
   * Buzzes (加急, in-app only: `im.v1.message.urgentApp`) a message the bot sent, for people in its chat.
   * Returns the open_ids Lark refused. Never SMS or phone (paid, behind an admin switch if ever).
   */
  urgentApp(messageId: string, openIds: readonly string[]): Promise<Result<{ invalidOpenIds: string[] }>>;
}
