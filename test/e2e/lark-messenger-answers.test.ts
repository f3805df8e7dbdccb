import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { ThreadedMessenger } from '../../src/adapters/threaded-messenger.js';
import { card, markdown } from '../../src/cards/elements.js';
import { isRetryable, type Messenger, type Result } from '../../src/ports/messenger.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

const HTML = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

/** Success is Lark's JSON with `code: 0`: a 200 carrying an HTML page, an empty body or JSON without a code is a retryable failure. */
describe('an Open API call counts as done only on a JSON answer with code 0', () => {
  let fake: FakeLark;
  let messenger: LarkMessenger;
  let threaded: ThreadedMessenger;
  let chat: string;
  const simple = card({ title: '事项', elements: [markdown('内容')] });

  beforeAll(async () => {
    // No rate limits here: this is about answers, and the test sends a burst to one chat.
    fake = await new FakeLark({ perChatRate: 0, perAppRate: 0 }).start();
    chat = fake.addChat('督查群', [fake.addUser('张三')]);
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    messenger = new LarkMessenger(client, tokenCache, log);
    threaded = new ThreadedMessenger({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, logLevel: 'warn' }, log);
  });
  afterAll(async () => {
    await threaded?.stop();
    await fake?.stop();
  });

  const answers: [string, { rawBody: string; contentType?: string }][] = [
    ['an HTML page', { rawBody: HTML }],
    ['an empty body', { rawBody: '' }],
    ['JSON without a code', { rawBody: '{"data":{}}', contentType: 'application/json' }],
  ];

  function expectRetryableFailure(r: Result<unknown>) {
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ kind: 'server_error', status: 200 });
      expect(isRetryable(r.error)).toBe(true);
    }
  }

  for (const [what, answer] of answers) {
    it(`send, reply, patch and upload answered 200 with ${what} are failures (main thread and delivery thread)`, async () => {
      for (const m of [messenger, threaded] as Pick<Messenger, 'send' | 'reply' | 'updateCard'>[]) {
        const posted = await m.send({ chatId: chat }, { type: 'card', card: simple });
        expect(posted.ok).toBe(true);
        const id = posted.ok ? posted.value.messageId : '';

        fake.failNext(1, { status: 200, ...answer, path: /^\/open-apis\/im\/v1\/messages\/om_[^/]+$/ });
        expectRetryableFailure(await m.updateCard(id, card({ title: '已更新', elements: [markdown('新内容')] })));
        expect(fake.messages.get(id)!.content).not.toContain('已更新');

        fake.failNext(1, { status: 200, ...answer, path: /^\/open-apis\/im\/v1\/messages$/ });
        expectRetryableFailure(await m.send({ chatId: chat }, { type: 'text', text: '通知' }));

        fake.failNext(1, { status: 200, ...answer, path: /\/reply$/ });
        expectRetryableFailure(await m.reply(id, { type: 'text', text: '收到' }));
      }
      fake.failNext(1, { status: 200, ...answer, path: /\/im\/v1\/files$/ });
      expectRetryableFailure(await messenger.uploadFile('台账.xlsx', Buffer.from('xlsx'), 'xls'));
      // The same calls answered properly succeed.
      expect((await messenger.uploadFile('台账.xlsx', Buffer.from('xlsx'), 'xls')).ok).toBe(true);
    });
  }

  it('a token endpoint answering an HTML page is a retryable failure too', async () => {
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    const fresh = new LarkMessenger(client, tokenCache, log);
    fake.failNext(1, { status: 200, rawBody: HTML, path: /tenant_access_token/ });
    expectRetryableFailure(await fresh.send({ chatId: chat }, { type: 'text', text: '通知' }));
    expect((await fresh.send({ chatId: chat }, { type: 'text', text: '通知' })).ok).toBe(true);
  });
});
