import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { demoDocuments, openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import type { DocumentEdited } from '../../src/ports/documents.js';
import { memoryLogger } from '../support/logger.js';

type DocView = { token: string; url: string; title: string; text: string; revision: number; ownerName: string; modifiedByName: string; subscribed: boolean };

// Local mode runs on its SQLite file only, whichever database the suite runs on.
describe('local mode: the Feishu-document stand-in, driven through the page API', () => {
  let dir: string;
  let local: LocalMode;
  const start = async () => {
    const { log } = memoryLogger('warn');
    return startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log,
      statePath: join(dir, 'local-lark.json'),
    });
  };
  const call = async (path: string, body?: unknown) => {
    const headers = { [SESSION_HEADER]: local.sessionToken };
    const r = await fetch(
      `${local.app.url}${path}`,
      body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } },
    );
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const docs = async () => (await call('/local/api/documents')).body.documents as DocView[];
  const [regulation, speech] = demoDocuments();
  const drafter = openIdOf('secretary2');
  const chief = openIdOf('sec_chief');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-local-docs-'));
    local = await start();
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a 文稿审核群 bound to 审核 (and 议题审核群 to 议题 only)', async () => {
    const { chats } = (await call('/local/api/state')).body as { chats: { chatId: string; name: string; purposes: string[] }[] };
    expect(chats.find((c) => c.chatId === 'oc_demo_reviews')).toMatchObject({ name: '文稿审核群', purposes: ['审核'] });
    expect(chats.find((c) => c.chatId === 'oc_demo_topics')?.purposes).toEqual(['议题']);
  });

  it('lists the two demo drafts at revision 1, readable by the bot through the real SDK', async () => {
    const list = await docs();
    expect(list.map((d) => [d.token, d.title, d.revision])).toEqual([
      [regulation!.token, regulation!.title, 1],
      [speech!.token, speech!.title, 1],
    ]);
    expect(list[0]).toMatchObject({ url: `https://example.feishu.cn/docx/${regulation!.token}`, ownerName: '韩秘书', subscribed: false });
    const read = await local.app.documents.getDocument(regulation!.token);
    expect(read).toEqual({ ok: true, value: { token: regulation!.token, title: regulation!.title, revisionId: 1 } });
  });

  it('an edit on the page raises the revision, sets the last editor, and reaches a subscribed bot as drive.file.edit_v1', async () => {
    const seen: DocumentEdited[] = [];
    local.app.router.onDocumentEdited(async (e) => {
      seen.push(e);
    });
    expect(await local.app.documents.subscribe(regulation!.token)).toEqual({ ok: true, value: undefined });
    const text = `${regulation!.text}\n第六条 本办法由县住建局负责解释。`;
    const saved = await call('/local/api/documents/edit', { token: regulation!.token, by: chief, text, revision: 1 });
    expect(saved).toEqual({ status: 200, body: { revision: 2, unchanged: false, notified: true } });
    await local.app.settle();
    expect(seen).toEqual([{ eventId: expect.any(String), fileToken: regulation!.token, fileType: 'docx', operatorOpenIds: [chief] }]);
    const doc = (await docs()).find((d) => d.token === regulation!.token)!;
    expect(doc).toMatchObject({ revision: 2, modifiedByName: '蒋科长', subscribed: true, text });
    expect((await local.app.documents.getDocument(regulation!.token)).ok && local.fake.documentRevision(regulation!.token)).toBe(2);
    const last = await local.app.documents.lastEdit(regulation!.token);
    expect(last.ok && last.value.openId).toBe(chief);
    expect(await local.app.documents.rawContent(regulation!.token)).toEqual({ ok: true, value: `${text}\n` });
  });

  it('refuses a save over a newer revision (409) and saves nothing for unchanged text', async () => {
    const stale = await call('/local/api/documents/edit', { token: regulation!.token, by: drafter, text: '覆盖', revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toContain('已被他人修改（现为第 2 版）');
    const current = (await docs()).find((d) => d.token === regulation!.token)!;
    const same = await call('/local/api/documents/edit', { token: regulation!.token, by: drafter, text: current.text, revision: 2 });
    expect(same.body).toEqual({ revision: 2, unchanged: true, notified: false });
    const unknown = await call('/local/api/documents/edit', { token: 'NoSuchDocumentToken00000000', by: drafter, text: 'x' });
    expect(unknown).toEqual({ status: 400, body: { error: '找不到该文档或当前身份。' } });
    expect(local.fake.documentRevision(regulation!.token)).toBe(2);
  });

  it('an edit of a document the bot did not subscribe to raises its revision and pushes nothing', async () => {
    const before = local.fake.deliveries.length;
    const r = await call('/local/api/documents/edit', { token: speech!.token, by: openIdOf('secretary1'), text: `${speech!.text}\n（补充）` });
    expect(r.body).toEqual({ revision: 2, unchanged: false, notified: false });
    expect(local.fake.deliveries.length).toBe(before);
  });

  it('keeps documents, revisions and subscriptions across a restart', async () => {
    await local.stop();
    local = await start();
    const list = await docs();
    expect(list.map((d) => [d.token, d.revision, d.subscribed])).toEqual([
      [regulation!.token, 2, true],
      [speech!.token, 2, false],
    ]);
    const read = await local.app.documents.getDocument(regulation!.token);
    expect(read.ok && read.value.revisionId).toBe(2);
  });
});
