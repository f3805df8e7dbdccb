import type { Result } from './messenger.js';

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
