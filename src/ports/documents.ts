import type { MessengerError, Result } from './messenger.js';

/** A Feishu document (docx) as the review chain needs it: which revision it stands at. */
export interface DocumentInfo {
  /** The document token (the last path segment of a /docx/ link). */
  token: string;
  title: string;
  /** `docx.v1.document.get` → `document.revision_id`: starts at 1, raised by every edit (the bot's own too). */
  revisionId: number;
}

/** `drive.v1.meta.batchQuery` → `latest_modify_user` / `latest_modify_time`. */
export interface LastEdit {
  openId?: string;
  at?: Date;
}

/**
 * Feishu documents and drive, through the real SDK (adapters/lark-documents.ts). Failures come back as
 * the messenger's errors: 403 / 1770002 (the bot may not read it, or no such document) is `other` or
 * `recipient_invalid` with its code, for the feature to word.
 */
export interface Documents {
  /** `docx.v1.document.get`. */
  getDocument(token: string): Promise<Result<DocumentInfo>>;
  /** `docx.v1.document.rawContent`: the document as plain text (for a diff between sign-offs). */
  rawContent(token: string): Promise<Result<string>>;
  /** `drive.v1.meta.batchQuery` for one docx. */
  lastEdit(token: string): Promise<Result<LastEdit>>;
  /** `drive.v1.file.subscribe` (file_type docx): edits then arrive as `drive.file.edit_v1`. */
  subscribe(token: string): Promise<Result<void>>;
}

/** What `drive.file.edit_v1` says, normalised by the transport: a hint to re-read the revision (it carries none). */
export interface DocumentEdited {
  eventId: string;
  fileToken: string;
  fileType: string;
  /** open_ids of the people who edited. */
  operatorOpenIds: string[];
}

/**
 * Lark's answers for a document the bot cannot reach: not found or deleted (docx 1770002, 1770003;
 * batch_query 970005; subscribe 1069604), or not shared with the bot (docx 1770032; batch_query 970003;
 * subscribe 1069603). A person must add the bot to the document (「添加文档应用」) or share it to a
 * group the bot is in.
 */
export const DOCUMENT_UNREACHABLE_CODES: ReadonlySet<number> = new Set([1770002, 1770003, 1770032, 970003, 970005, 1069603, 1069604]);

export function documentUnreachable(error: MessengerError): boolean {
  return 'code' in error && error.code !== undefined && DOCUMENT_UNREACHABLE_CODES.has(error.code);
}
