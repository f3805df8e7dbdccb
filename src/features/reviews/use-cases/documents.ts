import { BotError, badInput } from '../../../errors.js';
import type { MessengerError } from '../../../ports/messenger.js';
import type { FeatureDeps } from '../../deps.js';

/**
 * Reading a draft's Feishu document, always outside a database transaction (a slow Lark call must not
 * hold a row lock): which revision it stands at, its text for a diff, and who edited it last.
 */

/** The link people paste (…/docx/<token>, with any query or anchor); the token is 20–40 letters and digits. */
const DOCX_LINK = /^https?:\/\/([a-z0-9.-]+)(?::\d+)?\/docx\/([A-Za-z0-9]{10,64})(?:[/?#].*)?$/i;

export interface DocLink {
  token: string;
  /** Rebuilt from host and token: never the pasted text, so a link on a card cannot carry markup. */
  url: string;
}

export function parseDocLink(text: string): DocLink | undefined {
  const m = DOCX_LINK.exec(text.trim());
  if (!m) return undefined;
  return { token: m[2]!, url: `https://${m[1]!.toLowerCase()}/docx/${m[2]!}` };
}

export const looksLikeLink = (text: string) => /^https?:\/\//i.test(text.trim());

export const UNREADABLE_DOC =
  '助手无法读取该文档：文档不存在，或助手没有阅读权限。请在文档右上角「…」→「更多」→「添加文档应用」中添加“三办助手”，或将文档分享给助手所在的群，然后重新提交。';

function isUnreadable(e: MessengerError): boolean {
  const code = 'code' in e ? e.code : undefined;
  const status = 'status' in e ? e.status : undefined;
  // 403: no permission; 1770002: no such document (or none the app may see); 1770032: forbidden.
  return status === 403 || status === 404 || code === 1770002 || code === 1770032 || code === 1770003;
}

/** The reviewer's wording of the same refusal: the document was readable at submission and is not now. */
export const UNREADABLE_FOR_REVIEWER = '助手已无法读取该文档（可能已被移除应用权限），请联系起草人恢复权限，或退回修改。';

/** A refusal because the document cannot be read (gone, or no permission) — not a passing fault. */
export const isUnreadableError = (err: unknown): boolean => err instanceof BotError && err.userMessage === UNREADABLE_DOC;

/** The error a person reads when the document cannot be read now. */
export function documentError(e: MessengerError): BotError {
  if (isUnreadable(e)) return badInput(UNREADABLE_DOC);
  return new BotError('unavailable', '暂时无法读取该飞书文档，请稍后重试。');
}

/** The document's revision; throws the person's message when it cannot be read. */
export async function readRevision(deps: Pick<FeatureDeps, 'documents'>, token: string): Promise<number> {
  const r = await deps.documents.getDocument(token);
  if (!r.ok) throw documentError(r.error);
  return r.value.revisionId;
}

/** Text (when readable) and last editor (when known); failures leave them out: a diff is a courtesy. */
export async function readChange(deps: Pick<FeatureDeps, 'documents' | 'log'>, token: string): Promise<{ text?: string; editorOpenId?: string }> {
  const [text, edit] = await Promise.all([deps.documents.rawContent(token), deps.documents.lastEdit(token)]);
  if (!text.ok) deps.log.info({ token, error: text.error.kind }, 'review draft text unreadable; no diff');
  return {
    ...(text.ok ? { text: text.value } : {}),
    ...(edit.ok && edit.value.openId ? { editorOpenId: edit.value.openId } : {}),
  };
}

/** What a sign-off stores of the text it was given on (enough for a diff, not a copy of a long document). */
export const SNAPSHOT_LIMIT = 200_000;
export const snapshot = (text: string | undefined) => (text === undefined ? undefined : text.slice(0, SNAPSHOT_LIMIT));
