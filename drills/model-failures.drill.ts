import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { FixedClock } from '../test/fakes/clock.js';
import { startFakeOpenAi, type FakeOpenAiServer, type FakeReply } from '../test/fakes/openai-server.js';
import { buttonValue, cardText } from '../test/support/cards.js';
import { createTestDatabaseUrl } from '../test/support/database.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { summary } from './support/report.js';
import { TcpProxy } from './support/tcp-proxy.js';

/**
 * The drafting model failing in every way during 信息 起草 over many notes: no answer (a hang, and a stream
 * that stalls after its first chunk, both past LLM_TIMEOUT_MS), 500 and 503, output that is not JSON, a
 * cut-off (finish_reason length), a stream that ends without finishing, and the connection reset (RST) by a
 * relay in front of the model. Each failed run: the notes exactly as reported (state and text), one message
 * to the editor saying what failed with the rules draft offered, no item written, nothing left running.
 * Then the rules draft is taken from the last failed card, and the notes are drafted once.
 */
const NOTES = 24;
const TIMEOUT_MS = 1500;

const FAILURES: { name: string; reply: FakeReply; says: string }[] = [
  { name: 'hang', reply: { hang: true }, says: '大模型' },
  { name: 'stall after first chunk', reply: { hang: 'after-first-chunk' }, says: '大模型' },
  { name: '500', reply: { status: 500 }, says: '大模型服务出错' },
  { name: '503', reply: { status: 503 }, says: '大模型服务出错' },
  { name: 'not JSON', reply: { content: '好的，以下是草稿：这不是JSON' }, says: '大模型输出格式不符合要求' },
  { name: 'cut off', reply: { finishReason: 'length', content: '{"items":[{"title":"城关' }, says: '大模型输出被截断' },
  { name: 'stream dropped', reply: { drop: true }, says: '大模型' },
  { name: 'connection reset', reply: {}, says: '大模型' },
];

describe('drill: the drafting model failing in every way during 信息 起草', () => {
  const clock = new FixedClock('2026-12-01T10:00:00+08:00');
  let fake: FakeLark;
  let model: FakeOpenAiServer;
  let relay: TcpProxy;
  let bot: DrillBot;
  let dropDb: () => Promise<void>;
  let editor: FakeUser;
  const liaisons: FakeUser[] = [];

  const dm = (u: FakeUser) => fake.p2pChatId(u.openId);
  const say = async (u: FakeUser, text: string) => {
    await fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await bot.app.settle();
  };

  beforeAll(async () => {
    fake = await startFake({ perAppRate: 0, perChatRate: 0 });
    model = await startFakeOpenAi();
    relay = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(model.baseUrl).port) });
    await relay.start();
    const db = await createTestDatabaseUrl();
    dropDb = db.drop;
    bot = await startBot({
      fake,
      databaseUrl: db.url,
      clock,
      logLevel: 'warn',
      env: { LLM_BASE_URL: `http://127.0.0.1:${relay.port}/v1`, LLM_MODEL: 'qwen2.5-7b-instruct', LLM_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    fake.botUrl = bot.app.url;
    await bot.app.scheduler.idle();
    await bot.app.settle();
    const p = bot.app.db.prisma;
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    editor = fake.addUser('信息科编辑');
    const e = await p.person.create({ data: { name: editor.name, openId: editor.openId, unitId: section.id } });
    await p.roleGrant.create({ data: { personId: e.id, role: 'editor' } });
    for (let i = 0; i < 6; i++) {
      const u = fake.addUser(`联络员${i + 1}`);
      const unit = await p.unit.create({ data: { code: `T${i}`, name: `第${i + 1}镇`, kind: 'town' } });
      const person = await p.person.create({ data: { name: u.name, openId: u.openId, unitId: unit.id } });
      await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
      liaisons.push(u);
    }
  });
  afterAll(async () => {
    await bot?.stop();
    await relay?.stop();
    await model?.close();
    await fake?.stop();
    await dropDb?.();
  });

  it('keeps every note, tells the editor once per failure, offers the rules draft and leaves nothing stuck', { timeout: 300_000 }, async () => {
    const p = bot.app.db.prisma;
    for (let i = 0; i < NOTES; i++)
      await say(liaisons[i % liaisons.length]!, `信息 报送 【工作动态】第${i + 1}条：镇里开展冬季安全生产大检查，排查隐患${10 + i}处，已整改${i + 3}处。`);
    const notesAsReported = JSON.stringify(await p.infoNote.findMany({ orderBy: { id: 'asc' }, select: { id: true, body: true, state: true, version: true } }));
    expect(await p.infoNote.count({ where: { state: 'reported' } })).toBe(NOTES);

    const outcomes: string[] = [];
    let lastFailed = '';
    for (const f of FAILURES) {
      const started = Date.now();
      const requestsBefore = model.requests.length;
      const saved = model.respond;
      model.respond = () => f.reply;
      relay.resets(f.name === 'connection reset');
      const before = fake.messagesIn(dm(editor)).length;
      try {
        await say(editor, '信息 起草');
      } finally {
        model.respond = saved;
        relay.resets(false);
      }
      const after = fake.messagesIn(dm(editor));
      const card = fake.cardsIn(dm(editor)).at(-1)!;
      const text = cardText(card.card);
      outcomes.push(`${f.name}: ${after.length - before} message(s), ${Date.now() - started} ms`);
      expect(after.length - before, f.name).toBe(1);
      expect(text, f.name).toContain(f.says);
      expect(text, f.name).toContain('来源信息未受影响');
      expect(buttonValue(card.card, '使用规则草稿'), f.name).toMatchObject({ a: 'briefs.draft.use_rules' });
      expect(await p.infoItem.count({ where: { runId: card.messageId } }), f.name).toBe(0);
      const notesNow = JSON.stringify(await p.infoNote.findMany({ orderBy: { id: 'asc' }, select: { id: true, body: true, state: true, version: true } }));
      expect(notesNow, f.name).toBe(notesAsReported);
      if (f.name !== 'connection reset') expect(model.requests.length, f.name).toBeGreaterThan(requestsBefore);
      lastFailed = card.messageId;
    }

    // Nothing stuck: the router and outbox idle, every message sent, no run still marked as running.
    await bot.app.settle();
    expect(await p.outboxMessage.count({ where: { status: { notIn: ['sent', 'superseded'] } } })).toBe(0);

    // The rules draft, from the last failed card: every note drafted once, the notes used.
    const failedCard = fake.cardsIn(dm(editor)).find((c) => c.messageId === lastFailed)!;
    const r = await fake.click({ messageId: lastFailed, by: editor, value: buttonValue(failedCard.card, '使用规则草稿') });
    await bot.app.settle();
    expect(r.status).toBe(200);
    const items = await p.infoItem.findMany({ where: { runId: lastFailed } });
    const drafted = new Set(items.flatMap((i) => JSON.parse(i.sourceNoteIds) as string[]));
    expect(items.every((i) => i.drafter === 'rules')).toBe(true);
    expect(drafted.size).toBe(NOTES);
    expect(await p.infoNote.count({ where: { state: 'used' } })).toBe(NOTES);
    // A second click on the same card drafts nothing again.
    const again = await fake.click({ messageId: lastFailed, by: editor, value: buttonValue(failedCard.card, '使用规则草稿') });
    await bot.app.settle();
    expect(again.status).toBe(200);
    expect(await p.infoItem.count()).toBe(items.length);

    const warnings = bot.records().filter((x) => Number(x.level) >= 50);
    summary('model-failures', {
      notes: NOTES,
      failures: FAILURES.length,
      modelRequests: model.requests.length,
      relayConnections: relay.connections,
      rulesItems: items.length,
      errorLogs: warnings.length,
      outcomes: outcomes.join('; '),
    });
    expect(warnings.filter((x) => /uncaught|unhandled/i.test(String(x.msg)))).toEqual([]);
  });
});
