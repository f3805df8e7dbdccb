import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

/** Uploading files and sending them, through the real SDK's multipart encoder and the fake's hand-written parser. */
describe('LarkMessenger file upload and file messages', () => {
  let fake: FakeLark;
  let messenger: LarkMessenger;
  let chat: string;
  const xlsx = Buffer.from('PK\u0003\u0004 not really a workbook, but bytes are bytes \u0000\u00ff\r\n--', 'latin1');

  beforeAll(async () => {
    fake = await new FakeLark().start();
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    messenger = new LarkMessenger(client, tokenCache, log);
    chat = fake.addChat('督查工作群', [fake.addUser('王督查')]);
  });
  afterAll(() => fake?.stop());

  /** Posts a form straight to the fake (what a different encoder might send). */
  async function rawUpload(form: FormData | string, contentType?: string) {
    const token = (await (
      await fetch(`${fake.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: fake.appId, app_secret: fake.appSecret }),
      })
    ).json()) as { tenant_access_token: string };
    const res = await fetch(`${fake.url}/open-apis/im/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.tenant_access_token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as { code: number; msg: string; data?: { file_key: string } } };
  }

  it('uploads the bytes unchanged, with the name as a real file part, and sends them as a file message', async () => {
    const up = await messenger.uploadFile('督办台账-20261120.xlsx', xlsx, 'xls');
    expect(up.ok).toBe(true);
    const fileKey = up.ok ? up.value.fileKey : '';
    expect(fileKey).toMatch(/^file_v2_/);
    expect(fake.fileBytes(fileKey)?.equals(xlsx)).toBe(true);
    expect(fake.uploads.get(fileKey)).toMatchObject({
      name: '督办台账-20261120.xlsx',
      fileType: 'xls',
      partFilename: '督办台账-20261120.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const sent = await messenger.send({ chatId: chat }, { type: 'file', fileKey });
    expect(sent.ok).toBe(true);
    const replied = await messenger.reply(sent.ok ? sent.value.messageId : '', { type: 'file', fileKey });
    expect(replied.ok).toBe(true);
    const files = fake.filesIn(chat);
    expect(files).toHaveLength(2);
    expect(files[1]!.rootId).toBe(sent.ok ? sent.value.messageId : '');
    expect(files[1]!.file.bytes.equals(xlsx)).toBe(true);
  });

  it('refuses to send a file key that was never uploaded', async () => {
    const r = await messenger.send({ chatId: chat }, { type: 'file', fileKey: 'file_v2_never_uploaded' });
    expect(r).toMatchObject({ ok: false, error: { code: 230001 } });
    expect(r.ok ? '' : 'message' in r.error ? r.error.message : '').toContain('no file with this key was uploaded');
  });

  it('retries an upload once with a fresh token (and a fresh stream) when Lark refuses the token', async () => {
    fake.revokeTokens();
    const up = await messenger.uploadFile('a.xlsx', xlsx, 'xls');
    expect(up.ok).toBe(true);
    expect(fake.fileBytes(up.ok ? up.value.fileKey : '')?.equals(xlsx)).toBe(true);
    expect(
      fake
        .callsTo(/\/im\/v1\/files$/)
        .slice(-2)
        .map((c) => c.status),
    ).toEqual([400, 200]);
  });

  it('maps upload failures to typed errors, including the HTTP-200 failure whose code the SDK drops', async () => {
    fake.failNext(1, { status: 400, code: 234001, msg: 'Invalid request param.', path: /\/im\/v1\/files$/ });
    expect(await messenger.uploadFile('a.xlsx', xlsx, 'xls')).toMatchObject({ ok: false, error: { kind: 'other', code: 234001 } });
    fake.failNext(1, { status: 500, code: 0, msg: 'internal error', path: /\/im\/v1\/files$/ });
    expect(await messenger.uploadFile('a.xlsx', xlsx, 'xls')).toMatchObject({ ok: false, error: { kind: 'server_error' } });
    fake.failNext(1, { status: 200, code: 234001, msg: 'Invalid request param.', path: /\/im\/v1\/files$/ });
    expect(await messenger.uploadFile('a.xlsx', xlsx, 'xls')).toMatchObject({ ok: false, error: { kind: 'other' } });
    // Refused before any request: Lark takes neither empty files nor files over 30 MB.
    const calls = fake.callsTo(/\/im\/v1\/files$/).length;
    expect(await messenger.uploadFile('empty.xlsx', Buffer.alloc(0), 'xls')).toMatchObject({ ok: false, error: { code: 234010 } });
    expect(await messenger.uploadFile('big.xlsx', Buffer.alloc(30 * 1024 * 1024 + 1), 'xls')).toMatchObject({
      ok: false,
      error: { kind: 'too_large', code: 234006 },
    });
    expect(fake.callsTo(/\/im\/v1\/files$/)).toHaveLength(calls);
  });

  it('validates uploads as Lark does: multipart only, required fields, known file types, no empty file, 30 MB', async () => {
    const form = (o: { type?: string; name?: string; bytes?: Uint8Array }) => {
      const f = new FormData();
      if (o.type !== undefined) f.append('file_type', o.type);
      if (o.name !== undefined) f.append('file_name', o.name);
      if (o.bytes) f.append('file', new Blob([Buffer.from(o.bytes)]), o.name ?? 'x');
      return f;
    };
    const ok = await rawUpload(form({ type: 'stream', name: '说明.txt', bytes: Buffer.from('你好') }));
    expect(ok).toMatchObject({ status: 200, body: { code: 0, msg: 'success' } });
    expect(fake.fileBytes(ok.body.data!.file_key)?.toString('utf8')).toBe('你好');
    expect(await rawUpload('{"file_type":"xls"}', 'application/json')).toMatchObject({ status: 400, body: { code: 234001 } });
    expect(await rawUpload(form({ name: 'a.xlsx', bytes: xlsx }))).toMatchObject({ status: 400, body: { code: 234001 } });
    expect(await rawUpload(form({ type: 'xlsx', name: 'a.xlsx', bytes: xlsx }))).toMatchObject({ status: 400, body: { code: 234001 } });
    expect(await rawUpload(form({ type: 'xls', bytes: xlsx }))).toMatchObject({ status: 400, body: { code: 234001 } });
    expect(await rawUpload(form({ type: 'xls', name: 'a.xlsx' }))).toMatchObject({ status: 400, body: { code: 234001 } });
    expect(await rawUpload(form({ type: 'xls', name: 'a.xlsx', bytes: new Uint8Array(0) }))).toMatchObject({ status: 400, body: { code: 234010 } });
    expect(await rawUpload(form({ type: 'xls', name: 'a.xlsx', bytes: new Uint8Array(30 * 1024 * 1024 + 1) }))).toMatchObject({
      status: 400,
      body: { code: 234006 },
    });
  });
});
