import type Router from '@koa/router';
import { documentUrl } from './lark/documents.js';
import type { FakeDocument, FakeLark } from './lark/server.js';
import type { PageGuard } from './page-guard.js';

/** Longer texts are refused: the page edits drafts, not archives. */
const MAX_TEXT = 100_000;

/** A document as the page shows it (src/local/API.md, "documents"). */
export function documentView(fake: FakeLark, d: FakeDocument) {
  const name = (openId?: string) => (openId ? (fake.users.get(openId)?.name ?? '') : '');
  return {
    token: d.token,
    url: documentUrl(d.token),
    title: d.title,
    text: d.text,
    revision: d.revision,
    ownerName: name(d.ownerOpenId) || '三办助手',
    modifiedByName: name(d.modifiedBy ?? d.ownerOpenId) || '三办助手',
    modifiedAt: new Date(d.modifiedAt).toISOString(),
    botCanRead: d.botCanRead,
    subscribed: d.subscribed,
  };
}

/**
 * The Feishu-document stand-in: the page lists the fake drive's documents and lets the person it acts as
 * edit one, as in Feishu itself. A save raises the revision and, when the bot subscribed to the
 * document, pushes `drive.file.edit_v1` to it signed like every event.
 */
export function registerDocumentApi(router: Router, o: { fake: FakeLark; guard: PageGuard }): void {
  const { fake, guard } = o;

  router.get('/local/api/documents', guard.read, (k) => {
    k.body = { documents: fake.documents().map((d) => documentView(fake, d)) };
  });

  router.post('/local/api/documents/edit', guard.write, async (k) => {
    const b = (k.state as { body?: Record<string, unknown> }).body ?? {};
    const by = fake.users.get(String(b.by ?? ''));
    const doc = fake.document(String(b.token ?? ''));
    if (!by || !doc) {
      k.status = 400;
      k.body = { error: '找不到该文档或当前身份。' };
      return;
    }
    if (typeof b.text !== 'string') {
      k.status = 400;
      k.body = { error: '请填写文档内容。' };
      return;
    }
    if (b.text.length > MAX_TEXT) {
      k.status = 400;
      k.body = { error: `文档内容过长（不超过 ${MAX_TEXT} 字）。` };
      return;
    }
    // Saved over a newer version than the one opened: refused, as two people editing one text would lose one's work.
    if (b.revision !== undefined && Number(b.revision) !== doc.revision) {
      k.status = 409;
      k.body = { error: `该文档已被他人修改（现为第 ${doc.revision} 版），请重新打开后再编辑。`, revision: doc.revision };
      return;
    }
    if (b.text === doc.text) {
      k.body = { revision: doc.revision, unchanged: true, notified: false };
      return;
    }
    const r = await fake.editDocument(doc.token, by, b.text);
    k.body = { revision: r.revision, unchanged: false, notified: r.delivery?.status === 200 };
  });
}
