import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkDocuments } from '../../src/adapters/lark-documents.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { documentUnreachable, type DocumentEdited } from '../../src/ports/documents.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';
import { fileEdited } from '../../src/local/lark/events.js';

/** Documents and 加急 through the real SDK, against the fake Lark, in the app as `npm start` builds it. */
describe('LarkDocuments and urgentApp over the real SDK', () => {
  let h: Harness;
  let drafter: FakeUser;
  let chief: FakeUser;
  const edited: DocumentEdited[] = [];

  beforeAll(async () => {
    h = await startHarness();
    drafter = h.fake.addUser('沈秘书');
    chief = h.fake.addUser('蒋科长');
    h.app.router.onDocumentEdited(async (e) => {
      edited.push(e);
    });
  });
  afterAll(() => h?.stop());

  it('wires LarkDocuments when credentials are set: the revision moves on every edit', async () => {
    expect(h.app.documents).toBeInstanceOf(LarkDocuments);
    const { token, url } = h.fake.addDocument({ title: '关于规范停车管理的通知（送审稿）', text: '第一条 为规范……', owner: drafter });
    expect(url).toBe(`https://example.feishu.cn/docx/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9]{27}$/);
    expect(await h.app.documents.getDocument(token)).toEqual({ ok: true, value: { token, title: '关于规范停车管理的通知（送审稿）', revisionId: 1 } });
    await h.fake.editDocument(token, chief, '第一条 为进一步规范……');
    const { revision } = await h.fake.editDocument(token, drafter, '第一条 为进一步规范城区停车……');
    expect(revision).toBe(3);
    const now = await h.app.documents.getDocument(token);
    expect(now.ok && now.value.revisionId).toBe(3);
    expect(h.fake.documentRevision(token)).toBe(3);
    expect(await h.app.documents.rawContent(token)).toEqual({ ok: true, value: '第一条 为进一步规范城区停车……\n' });
  });

  it('reads the last editor and time from drive metas', async () => {
    const { token } = h.fake.addDocument({ title: '讲话稿', text: '同志们：', owner: drafter });
    const before = await h.app.documents.lastEdit(token);
    expect(before.ok && before.value.openId).toBe(drafter.openId);
    await h.fake.editDocument(token, chief, '同志们：今天……');
    const after = await h.app.documents.lastEdit(token);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.value.openId).toBe(chief.openId);
    // Lark gives seconds: the time is the edit's, to the second.
    expect(Math.abs(after.value.at!.getTime() - h.fake.document(token)!.modifiedAt)).toBeLessThan(1000);
    const call = h.fake.callsTo(/\/drive\/v1\/metas\/batch_query$/, 'POST').at(-1)!;
    expect(call.query).toEqual({ user_id_type: 'open_id' });
    expect(call.body).toEqual({ request_docs: [{ doc_token: token, doc_type: 'docx' }] });
  });

  it('maps a document the bot may not read (403/1770032) and an unknown one (404/1770002) to typed errors', async () => {
    const { token } = h.fake.addDocument({ title: '未共享的文档', text: '……', owner: drafter, botCanRead: false });
    const hidden = await h.app.documents.getDocument(token);
    expect(hidden).toEqual({ ok: false, error: expect.objectContaining({ kind: 'other', code: 1770032, status: 403 }) });
    const missing = await h.app.documents.getDocument('AbCdEfGhIjKlMnOpQrStUvWxYz0');
    expect(missing).toEqual({ ok: false, error: expect.objectContaining({ kind: 'other', code: 1770002, status: 404 }) });
    const raw = await h.app.documents.rawContent(token);
    const meta = await h.app.documents.lastEdit(token);
    const sub = await h.app.documents.subscribe(token);
    for (const r of [hidden, missing, raw, meta, sub]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(documentUnreachable(r.error)).toBe(true);
    }
    expect(!meta.ok && 'code' in meta.error && meta.error.code).toBe(970003);
    expect(!sub.ok && 'code' in sub.error && sub.error.code).toBe(1069603);
  });

  it('refuses what is not a document token without calling Lark', async () => {
    const calls = h.fake.calls.length;
    const r = await h.app.documents.getDocument('../../im/v1/messages');
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'other', code: 1770001 }) });
    expect(h.fake.calls.length).toBe(calls);
  });

  it('retries once with a fresh tenant token when Lark has revoked the cached one', async () => {
    const { token } = h.fake.addDocument({ title: '文稿', text: '正文', owner: drafter });
    h.fake.revokeTokens();
    const r = await h.app.documents.getDocument(token);
    expect(r.ok).toBe(true);
    const statuses = h.fake
      .callsTo(/\/docx\/v1\/documents\//, 'GET')
      .slice(-2)
      .map((c) => c.status);
    expect(statuses).toEqual([400, 200]);
  });

  it('after subscribe, an edit pushes drive.file.edit_v1 that reaches the listener once, a replay deduped', async () => {
    const { token } = h.fake.addDocument({ title: '规范性文件草案', text: '第一条', owner: drafter });
    const quiet = await h.fake.editDocument(token, chief, '第一条（改）');
    expect(quiet.delivery).toBeUndefined();
    expect(await h.app.documents.subscribe(token)).toEqual({ ok: true, value: undefined });
    expect(h.fake.callsTo(/\/drive\/v1\/files\/[^/]+\/subscribe$/, 'POST').at(-1)!.query).toEqual({ file_type: 'docx' });
    const first = await h.fake.editDocument(token, chief, '第一条（再改）');
    expect(first.delivery?.status).toBe(200);
    const replay = await h.fake.push(first.envelope!, 'event');
    expect(replay.status).toBe(200);
    await h.settle();
    const mine = edited.filter((e) => e.fileToken === token);
    expect(mine).toEqual([{ eventId: expect.any(String), fileToken: token, fileType: 'docx', operatorOpenIds: [chief.openId] }]);
    // The event is a hint: the revision is read again, and it has moved.
    const doc = await h.app.documents.getDocument(token);
    expect(doc.ok && doc.value.revisionId).toBe(3);
  });

  it('acknowledges a malformed drive.file.edit_v1 and tells no listener', async () => {
    const before = edited.length;
    const envelope = {
      schema: '2.0',
      header: {
        event_id: 'e'.repeat(32),
        event_type: 'drive.file.edit_v1',
        create_time: String(Date.now()),
        app_id: h.fake.appId,
        tenant_key: h.fake.tenantKey,
      },
      event: { file_token: '../../x', file_type: 'docx', operator_id_list: [] },
    };
    const d = await h.fake.push({ ...envelope, header: { ...envelope.header, token: h.fake.verificationToken } }, 'event');
    expect(d.status).toBe(200);
    await h.settle();
    expect(edited.length).toBe(before);
  });
});

describe('urgentApp (加急) over the real SDK', () => {
  it('buzzes the bot’s own message for people in its chat, and refuses another sender’s message (230012)', async () => {
    const h = await startHarness();
    try {
      const { log } = memoryLogger();
      const { client, tokenCache } = createLarkClient({ appId: h.fake.appId, appSecret: h.fake.appSecret, domain: h.fake.url, log });
      const messenger = new LarkMessenger(client, tokenCache, log);
      const holder = h.fake.addUser('褚副主任');
      const other = h.fake.addUser('卫副主任');
      const outsider = h.fake.addUser('外单位人员');
      const chat = h.fake.addChat('文稿审核群', [holder, other]);

      const sent = await messenger.send({ chatId: chat }, { type: 'text', text: '特急文稿待审' });
      const messageId = sent.ok ? sent.value.messageId : '';
      const buzz = await messenger.urgentApp(messageId, [holder.openId, outsider.openId]);
      expect(buzz).toEqual({ ok: true, value: { invalidOpenIds: [outsider.openId] } });
      expect(h.fake.buzzes).toEqual([{ messageId, chatId: chat, openIds: [holder.openId], invalidOpenIds: [outsider.openId], at: expect.any(Number) }]);
      const call = h.fake.callsTo(/\/urgent_app$/, 'PATCH').at(-1)!;
      expect(call.query).toEqual({ user_id_type: 'open_id' });

      // Nobody in the chat: 230001, nothing recorded.
      const nobody = await messenger.urgentApp(messageId, [outsider.openId]);
      expect(nobody).toEqual({ ok: false, error: expect.objectContaining({ code: 230001 }) });

      // A person's message cannot be buzzed by the bot.
      await h.fake.userSays({ chatId: chat, from: other, text: '收到', messageId: 'om_from_a_person_0001' });
      const theirs = await messenger.urgentApp('om_from_a_person_0001', [holder.openId]);
      expect(theirs).toEqual({ ok: false, error: expect.objectContaining({ code: 230012 }) });
      const unknown = await messenger.urgentApp('om_no_such_message_00001', [holder.openId]);
      expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ code: 230011 }) });
      const tooMany = await messenger.urgentApp(
        messageId,
        Array.from({ length: 201 }, (_, i) => `ou_${i}`),
      );
      expect(tooMany).toEqual({ ok: false, error: expect.objectContaining({ code: 99992402 }) });
      expect(h.fake.buzzes).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});

describe('docx reads at Lark’s rate limit', () => {
  it('answers the sixth read within a second 400/99991400, which the adapter reports as rate_limited', async () => {
    const h = await startHarness({ fake: { docxRate: 5 } });
    try {
      const { token } = h.fake.addDocument({ title: '文稿', text: '正文' });
      // The tenant token first (through a drive call, not limited here), then six reads at once.
      expect((await h.app.documents.lastEdit(token)).ok).toBe(true);
      const results = await Promise.all(Array.from({ length: 6 }, () => h.app.documents.getDocument(token)));
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: expect.objectContaining({ kind: 'rate_limited', code: 99991400 }) }]);
      expect(h.fake.callsTo(/\/docx\/v1\/documents\//).filter((c) => c.status === 400)).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});

describe('drive.file.edit_v1 over the long connection', () => {
  it('reaches the listener once through the SDK WSClient, a second delivery of the same event deduped', async () => {
    const h = await startHarness({ env: { LARK_TRANSPORT: 'long-connection' } });
    try {
      const seen: DocumentEdited[] = [];
      h.app.router.onDocumentEdited(async (e) => {
        seen.push(e);
      });
      const editor = h.fake.addUser('褚副主任');
      const { token } = h.fake.addDocument({ title: '讲话稿', text: '同志们：' });
      const envelope = fileEdited(h.fake.envelope, { fileToken: token, fileType: 'docx', operatorOpenIds: [editor.openId] });
      expect((await h.gateway!.pushEvent(envelope)).code).toBe(200);
      expect((await h.gateway!.pushEvent(envelope)).code).toBe(200);
      await h.settle();
      expect(seen).toEqual([{ eventId: expect.any(String), fileToken: token, fileType: 'docx', operatorOpenIds: [editor.openId] }]);
    } finally {
      await h.stop();
    }
  });
});
