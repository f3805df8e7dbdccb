import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

describe('LarkMessenger directory lookups and file downloads (real SDK, fake Lark)', () => {
  let fake: FakeLark;
  let messenger: LarkMessenger;

  beforeAll(async () => {
    fake = await new FakeLark().start();
    const { log } = memoryLogger();
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    messenger = new LarkMessenger(client, tokenCache, log);
  });
  afterAll(() => fake?.stop());

  it('looks up 120 mobiles and some emails 50 at a time, leaving out the unknown ones', async () => {
    const mobiles = Array.from({ length: 120 }, (_, i) => `1370000${String(i).padStart(4, '0')}`);
    const people = mobiles.slice(0, 100).map((m, i) => fake.addUser(`成员${i}`, { mobile: m }));
    const mailer = fake.addUser('邮箱用户', { email: 'mail@gov.example.cn' });
    const result = await messenger.lookupOpenIds({ mobiles, emails: ['mail@gov.example.cn', 'nobody@gov.example.cn'] });
    expect(result.ok).toBe(true);
    const found = result.ok ? result.value : new Map();
    expect(found.size).toBe(101);
    expect(found.get(mobiles[42]!)).toBe(people[42]!.openId);
    expect(found.has(mobiles[110]!)).toBe(false);
    expect(found.get('mail@gov.example.cn')).toBe(mailer.openId);
    const calls = fake.callsTo(/batch_get_id/, 'POST');
    expect(calls.map((c) => (c.body as { mobiles?: string[] }).mobiles?.length ?? 0)).toEqual([50, 50, 20]);
    expect(calls.every((c) => c.query.user_id_type === 'open_id')).toBe(true);
  });

  it('maps a failed lookup to a typed error', async () => {
    fake.failNext(1, { status: 500, code: 0, path: /batch_get_id/ });
    expect(await messenger.lookupOpenIds({ mobiles: ['13700000001'] })).toMatchObject({ ok: false, error: { kind: 'server_error', status: 500 } });
  });

  it('downloads the bytes of a file a person sent, and reports a wrong file key with its Lark code', async () => {
    const person = fake.addUser('孙主任');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256));
    fake.botUrl = 'http://127.0.0.1:1'; // nobody listens: only the stored file matters here
    const sent = await fake.userSendsFile({ chatId: fake.p2pChatId(person.openId), from: person, name: '名册.xlsx', bytes });
    const result = await messenger.downloadFile(sent.messageId, sent.fileKey);
    expect(result.ok && result.value.equals(bytes)).toBe(true);
    expect(fake.callsTo(/\/resources\//)[0]!.query).toEqual({ type: 'file' });
    expect(await messenger.downloadFile(sent.messageId, 'file_v3_nope')).toMatchObject({ ok: false, error: { code: 234003, status: 400 } });
  });
});
