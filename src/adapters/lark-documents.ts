import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import type { DocumentInfo, Documents, LastEdit } from '../ports/documents.js';
import type { Result } from '../ports/messenger.js';
import { callLark, type LarkBody } from './lark-call.js';

/**
 * A document token as it appears in a /docx/ link (27 letters and digits today; a little slack for other
 * lengths). Anything else is refused before a call: the SDK puts path parameters into the URL verbatim.
 */
const TOKEN = /^[A-Za-z0-9]{10,64}$/;

interface DocumentBody {
  document?: { document_id?: string; revision_id?: number; title?: string };
}
interface MetasBody {
  metas?: { doc_token?: string; latest_modify_user?: string; latest_modify_time?: string }[];
  failed_list?: { token?: string; code?: number }[];
}

/**
 * The Documents port over the real SDK client (feature-notes §2): `docx.v1.document.get` and
 * `rawContent`, `drive.v1.meta.batchQuery`, `drive.v1.file.subscribe`. Errors are the messenger's
 * (lark-errors.ts), with the same single retry on a refused tenant token; a document the bot may not
 * read or that does not exist comes back as `other` with Lark's code (see `documentUnreachable`).
 */
export class LarkDocuments implements Documents {
  constructor(
    private readonly client: lark.Client,
    private readonly tokenCache: lark.DefaultCache,
    private readonly log: Logger,
  ) {}

  private call<T>(token: string, fn: () => Promise<LarkBody>, pick: (body: LarkBody) => Result<T>): Promise<Result<T>> {
    if (!TOKEN.test(token)) return Promise.resolve({ ok: false, error: { kind: 'other', code: 1770001, message: 'not a document token' } });
    return callLark(fn, (b) => b, this.tokenCache, this.log).then((r) => (r.ok ? pick(r.value) : r));
  }

  getDocument(token: string): Promise<Result<DocumentInfo>> {
    return this.call(
      token,
      () => this.client.docx.v1.document.get({ path: { document_id: token } }) as Promise<LarkBody>,
      (b) => {
        const doc = (b.data as DocumentBody | undefined)?.document;
        if (typeof doc?.revision_id !== 'number')
          return { ok: false, error: { kind: 'server_error', status: 200, message: 'document.get answered without revision_id' } };
        return { ok: true, value: { token: doc.document_id ?? token, title: doc.title ?? '', revisionId: doc.revision_id } };
      },
    );
  }

  rawContent(token: string): Promise<Result<string>> {
    return this.call(
      token,
      () => this.client.docx.v1.document.rawContent({ path: { document_id: token }, params: { lang: 0 } }) as Promise<LarkBody>,
      (b) => {
        const content = (b.data as { content?: unknown } | undefined)?.content;
        if (typeof content !== 'string') return { ok: false, error: { kind: 'server_error', status: 200, message: 'raw_content answered without content' } };
        return { ok: true, value: content };
      },
    );
  }

  lastEdit(token: string): Promise<Result<LastEdit>> {
    return this.call(
      token,
      () =>
        this.client.drive.v1.meta.batchQuery({
          data: { request_docs: [{ doc_token: token, doc_type: 'docx' }] },
          params: { user_id_type: 'open_id' },
        }) as Promise<LarkBody>,
      (b) => {
        const data = b.data as MetasBody | undefined;
        // A refused token is listed apart with its own code (970003 no permission, 970005 not found).
        const failed = data?.failed_list?.find((f) => f.token === token);
        if (failed) return { ok: false, error: { kind: 'other', code: failed.code ?? 0, message: 'batch_query could not read the document' } };
        const meta = data?.metas?.find((m) => m.doc_token === token);
        if (!meta) return { ok: false, error: { kind: 'server_error', status: 200, message: 'batch_query answered without the document' } };
        const seconds = Number(meta.latest_modify_time);
        return {
          ok: true,
          value: {
            ...(meta.latest_modify_user ? { openId: meta.latest_modify_user } : {}),
            // Lark's seconds since the epoch: a wire value, not the office clock.
            ...(meta.latest_modify_time && Number.isFinite(seconds) ? { at: new Date(seconds * 1000) } : {}),
          },
        };
      },
    );
  }

  subscribe(token: string): Promise<Result<void>> {
    return this.call(
      token,
      () => this.client.drive.v1.file.subscribe({ path: { file_token: token }, params: { file_type: 'docx' } }) as Promise<LarkBody>,
      () => ({ ok: true, value: undefined }),
    );
  }
}
