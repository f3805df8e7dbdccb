import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/server.js';

/** What Lark reads as a mention, a style tag or a link in a text message. */
const PARSEABLE = /<\s*\/?\s*(at|b|i|u|s|a)\b|\[[^[\]]*\]\(/i;

describe('text replies echo what people typed, never as Lark markup', () => {
  let h: Harness;
  let stranger: FakeUser;
  let clerk: FakeUser;
  let group: string;

  beforeAll(async () => {
    h = await startHarness();
    stranger = h.fake.addUser('路人');
    clerk = h.fake.addUser('王秘书');
    group = h.fake.addChat('综合科工作群', [stranger, clerk]);
    // A directory person, so that commands open to the directory answer too.
    await h.app.db.prisma.person.create({ data: { name: '王秘书', openId: clerk.openId } });
  });
  afterAll(() => h?.stop());

  const textsSince = (before: number) => h.fake.textsIn(group).slice(before);

  it('an unknown command quoting <at user_id="all"> is answered without a mention of everyone', async () => {
    for (const text of ['@三办助手 查 <at user_id="all"></at>', '@三办助手 <at user_id="all"></at>', '@三办助手 <b>[点我](http://evil.example)</b>']) {
      const before = h.fake.textsIn(group).length;
      const r = await h.fake.userSays({ chatId: group, from: stranger, text });
      expect(r.status).toBe(200);
      await h.settle();
      const texts = textsSince(before);
      expect(texts).toHaveLength(1);
      expect(texts[0]).not.toMatch(PARSEABLE);
    }
    // What went over the wire, not only what the fake parsed: no `<at` in any text request body.
    for (const call of h.fake.callsTo(/\/open-apis\/im\/v1\/messages/, 'POST')) {
      const body = call.body as { msg_type?: string; content?: string };
      if (body?.msg_type === 'text') expect(body.content).not.toMatch(PARSEABLE);
    }
  });

  it('a unit name quoting markup is echoed literally (未找到单位「…」)', async () => {
    const before = h.fake.textsIn(group).length;
    await h.fake.userSays({ chatId: group, from: clerk, text: '@三办助手 单位 <at user_id="all"></at>' });
    await h.settle();
    const texts = textsSince(before);
    expect(texts).toHaveLength(1);
    expect(texts[0]).not.toMatch(PARSEABLE);
    expect(texts[0]).toContain('＜at user_id="all"＞');
  });
});
