import { randomInt } from 'node:crypto';
import type { RateWindows } from './rates.js';
import type { Answer, ApiCall, FakeDocument, Routes } from './types.js';

/** A document_id / file token: 27 letters and digits (lark-notes §3.7). */
const TOKEN = /^[A-Za-z0-9]{27}$/;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DOC_TYPES = new Set(['doc', 'sheet', 'bitable', 'mindnote', 'file', 'wiki', 'docx', 'folder', 'synced_block', 'slides']);
const SUBSCRIBE_TYPES = new Set(['doc', 'docx', 'sheet', 'bitable', 'file', 'folder', 'slides']);
const USER_ID_TYPES = new Set(['open_id', 'union_id', 'user_id']);

export function newDocumentToken(): string {
  let token = BASE62[randomInt(52)]!;
  while (token.length < 27) token += BASE62[randomInt(62)]!;
  return token;
}

export function documentUrl(token: string): string {
  return `https://example.feishu.cn/docx/${token}`;
}

export interface AddDocument {
  title: string;
  text: string;
  /** open_id of the person who owns it (else the bot created it). */
  owner?: { openId: string };
  /** Default true: the bot was added to it (「添加文档应用」). */
  botCanRead?: boolean;
  /** Default: as botCanRead (the bot may subscribe to a document it manages). */
  botCanManage?: boolean;
  /** A fixed token (local mode's demo documents keep theirs across restarts). */
  token?: string;
}

/**
 * The fake's drive: docx documents with revisions, read by the bot through `docx.v1.document.get` /
 * `rawContent` and `drive.v1.meta.batchQuery`, and subscribed with `drive.v1.file.subscribe`. Errors as
 * the official tables give them (FS docx-v1/document/raw_content, drive-v1/file/batch_query,
 * drive-v1/event/subscribe): 400/1770001 invalid param, 404/1770002 not found, 403/1770032 forbidden;
 * batch_query lists refused tokens in `failed_list` (970003 no permission, 970005 not found);
 * subscribe answers 400/1069602 param error, 403/1069603 forbidden, 400/1069604 not found.
 */
export class FakeDocuments implements Routes {
  readonly docs = new Map<string, FakeDocument>();

  constructor(private readonly o: { now: () => number; botOpenId: string; rates: RateWindows; docxRate: number }) {}

  add(d: AddDocument): FakeDocument {
    const token = d.token ?? newDocumentToken();
    if (!TOKEN.test(token)) throw new Error(`a docx token is 27 letters and digits: ${token}`);
    if (this.docs.has(token)) throw new Error(`document ${token} exists`);
    const canRead = d.botCanRead ?? true;
    const now = this.o.now();
    const doc: FakeDocument = {
      token,
      title: d.title,
      text: d.text,
      revision: 1,
      ...(d.owner ? { ownerOpenId: d.owner.openId } : {}),
      botCanRead: canRead,
      botCanManage: d.botCanManage ?? canRead,
      subscribed: false,
      createdAt: now,
      modifiedAt: now,
    };
    this.docs.set(token, doc);
    return doc;
  }

  /** A person saves new text: the revision moves (by one, as one save is one edit here). */
  edit(token: string, byOpenId: string, text: string): FakeDocument {
    const doc = this.docs.get(token);
    if (!doc) throw new Error(`no document ${token}`);
    doc.text = text;
    doc.revision++;
    doc.modifiedAt = this.o.now();
    doc.modifiedBy = byOpenId;
    return doc;
  }

  /** Documents kept across restarts (local mode); revisions and subscriptions included. */
  restore(docs: readonly FakeDocument[]): void {
    // A hand-edited or truncated history file: entries that are not documents are skipped, not served.
    const valid = (d: FakeDocument) =>
      typeof d?.token === 'string' &&
      TOKEN.test(d.token) &&
      typeof d.title === 'string' &&
      typeof d.text === 'string' &&
      Number.isInteger(d.revision) &&
      d.revision >= 1 &&
      Number.isFinite(d.createdAt) &&
      Number.isFinite(d.modifiedAt);
    for (const d of docs)
      if (valid(d))
        this.docs.set(d.token, { ...d, botCanRead: d.botCanRead !== false, botCanManage: d.botCanManage !== false, subscribed: d.subscribed === true });
  }

  handle(call: ApiCall, a: Answer): boolean {
    const { path, method } = call;
    const doc = /^\/open-apis\/docx\/v1\/documents\/([^/]+)(\/raw_content)?$/.exec(path);
    if (doc && method === 'GET') {
      // docx reads: 5 per second per app, over it HTTP 400 + 99991400 (FS docx-v1/document/raw_content).
      if (this.o.rates.over(`docx:${doc[2] ? 'raw' : 'get'}`, this.o.docxRate)) {
        a.fail(400, 99991400, 'request trigger frequency limit');
        return true;
      }
      this.read(decodeURIComponent(doc[1]!), doc[2] ? 'raw' : 'meta', call, a);
      return true;
    }
    if (path === '/open-apis/drive/v1/metas/batch_query' && method === 'POST') {
      this.batchQuery(call, a);
      return true;
    }
    const sub = /^\/open-apis\/drive\/v1\/files\/([^/]+)\/subscribe$/.exec(path);
    if (sub && method === 'POST') {
      this.subscribe(decodeURIComponent(sub[1]!), call, a);
      return true;
    }
    return false;
  }

  private read(token: string, what: 'meta' | 'raw', call: ApiCall, a: Answer): void {
    if (!TOKEN.test(token)) return a.fail(400, 1770001, 'invalid param');
    if (what === 'raw' && call.query.lang !== undefined && !['0', '1', '2'].includes(call.query.lang)) return a.fail(400, 1770001, 'invalid param');
    const d = this.docs.get(token);
    if (!d) return a.fail(404, 1770002, 'not found');
    if (!d.botCanRead) return a.fail(403, 1770032, 'forbidden');
    if (what === 'raw') return a.reply(200, { code: 0, msg: 'success', data: { content: rawText(d.text) } });
    a.reply(200, {
      code: 0,
      msg: 'success',
      data: {
        document: {
          document_id: d.token,
          revision_id: d.revision,
          title: d.title,
          display_setting: { show_authors: true, show_create_time: false, show_pv: false, show_uv: false, show_like_count: false, show_comment_count: false },
        },
      },
    });
  }

  private batchQuery(call: ApiCall, a: Answer): void {
    const b = call.body as { request_docs?: unknown; with_url?: unknown } | undefined;
    const userIdType = call.query.user_id_type ?? 'open_id';
    const docs = b?.request_docs;
    if (!USER_ID_TYPES.has(userIdType)) return a.fail(400, 99992402, 'field validation failed: user_id_type');
    if (!Array.isArray(docs) || docs.length < 1 || docs.length > 200)
      return a.fail(400, 99992402, 'field validation failed: request_docs must hold 1 to 200 items');
    const metas: unknown[] = [];
    const failed: { token: string; code: number }[] = [];
    for (const item of docs as { doc_token?: unknown; doc_type?: unknown }[]) {
      if (typeof item?.doc_token !== 'string' || typeof item.doc_type !== 'string' || !DOC_TYPES.has(item.doc_type)) {
        return a.fail(400, 99992402, 'field validation failed: request_docs[].doc_token and doc_type are required');
      }
      const d = this.docs.get(item.doc_token);
      // Every document here is a docx: another doc_type for its token does not match it.
      if (!d || item.doc_type !== 'docx') failed.push({ token: item.doc_token, code: 970005 });
      else if (!d.botCanRead) failed.push({ token: item.doc_token, code: 970003 });
      else {
        const owner = d.ownerOpenId ?? this.o.botOpenId;
        // Only open_ids are known here; another id type shows the same ids (the fake has one id per person).
        metas.push({
          doc_token: d.token,
          doc_type: 'docx',
          title: d.title,
          owner_id: owner,
          create_time: String(Math.floor(d.createdAt / 1000)),
          latest_modify_user: d.modifiedBy ?? owner,
          latest_modify_time: String(Math.floor(d.modifiedAt / 1000)),
          ...(b?.with_url === true ? { url: documentUrl(d.token) } : {}),
        });
      }
    }
    a.reply(200, { code: 0, msg: 'success', data: { metas, ...(failed.length ? { failed_list: failed } : {}) } });
  }

  private subscribe(token: string, call: ApiCall, a: Answer): void {
    const fileType = call.query.file_type;
    if (!fileType || !SUBSCRIBE_TYPES.has(fileType)) return a.fail(400, 1069602, 'param error: file_type');
    // event_type is for folders only (file.created_in_folder_v1); a document subscribes to all its events.
    if (call.query.event_type !== undefined && fileType !== 'folder') return a.fail(400, 1069602, 'param error: event_type');
    const d = this.docs.get(token);
    if (!d || fileType !== 'docx') return a.fail(400, 1069604, 'document not found');
    if (!d.botCanManage) return a.fail(403, 1069603, 'forbidden');
    d.subscribed = true;
    a.reply(200, { code: 0, msg: 'success', data: {} });
  }
}

/** raw_content ends every paragraph with a newline (FS docx-v1/document/raw_content's example). */
function rawText(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
