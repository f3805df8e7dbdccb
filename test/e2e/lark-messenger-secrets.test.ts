import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { ThreadedMessenger } from '../../src/adapters/threaded-messenger.js';
import type { Messenger } from '../../src/ports/messenger.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { memoryLogger } from '../support/logger.js';

type Sender = Pick<Messenger, 'send'>;

/**
 * The token endpoint failing with an HTTP error makes the SDK log the whole request, whose body holds the
 * app secret as an escaped JSON string; a refused send logs the message's text. Neither may reach the log,
 * whichever thread sends.
 */
describe('the log never holds the app secret or a message body (captured at trace)', () => {
  let fake: FakeLark;
  let chat: string;
  const body = '机密正文：县长批示请勿外传';

  beforeAll(async () => {
    fake = await new FakeLark().start();
    chat = fake.addChat('督查群', [fake.addUser('张三')]);
  });
  afterAll(() => fake?.stop());

  async function exercise(messenger: Sender, lines: string[]) {
    for (const status of [502, 500, 429]) {
      fake.failNext(1, { status, code: 0, msg: 'upstream error', path: /tenant_access_token/ });
      const r = await messenger.send({ chatId: chat }, { type: 'text', text: body });
      expect(r.ok).toBe(false);
    }
    fake.failNext(1, { status: 400, code: 230001, msg: 'invalid' });
    expect((await messenger.send({ chatId: chat }, { type: 'text', text: body })).ok).toBe(false);
    const text = lines.join('\n');
    expect(text).not.toContain(fake.appSecret);
    expect(text).not.toMatch(/app_secret\\*"\s*:\s*\\*"[^[]/);
    expect(text).not.toContain(body);
    expect(text).not.toMatch(/Bearer t-/);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // The failures were logged (so the absence above means something), as summaries.
    const sdk = records.filter((r) => r.component === 'lark-sdk' || r.source === 'lark-sdk');
    expect(sdk.map((r) => JSON.stringify(r)).join('\n')).toMatch(/tenant_access_token\/internal.*"status":502/);
    expect(sdk.some((r) => JSON.stringify(r).includes('"code":230001'))).toBe(true);
  }

  it('on the main thread (LarkMessenger)', async () => {
    const { log, lines } = memoryLogger('trace');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    await exercise(new LarkMessenger(client, tokenCache, log), lines);
  });

  it('in the delivery thread, whose records reach the app’s logger', async () => {
    const { log, lines } = memoryLogger('trace');
    const threaded = new ThreadedMessenger({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, logLevel: 'trace' }, log);
    try {
      await exercise(threaded, lines);
      expect(lines.some((l) => l.includes('"thread":true'))).toBe(true);
    } finally {
      await threaded.stop();
    }
  });
});
