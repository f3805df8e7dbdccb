import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { FixedClock } from '../test/fakes/clock.js';
import { buttonValue, cardText } from '../test/support/cards.js';
import { createTestDatabaseUrl } from '../test/support/database.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { summary } from './support/report.js';

/**
 * The docx/drive APIs failing while 文稿审核 reads and follows a Feishu document. Submitting a document
 * while GET /docx/v1/documents answers 403 (the drafter told to add the app), 500 and 503 (told to retry),
 * then slow (the event still acked at once, the draft submitted once when the answer comes); the drive
 * edit subscription answering 5xx (the review proceeds, the revision re-read on every act). Each refused
 * submission leaves no draft, step or outbox row behind; no message shows error internals; nothing twice.
 * A slow read on a click (通过): answered 已收到，正在处理…, the card patched later, approved once. The
 * bot's re-upload of a submitted file (im/v1/files) answering 503 twice, the drafter clicking again as
 * told: submitted and delivered once; answering 403 for good: told each click, nothing written.
 */
const INTERNALS = /\b(?:status|code|stack|Error|undefined|null|log_id|ECONN|\d{3} )\b|1770\d{3}|99991\d{3}/;

describe('drill: the docx/drive APIs failing during a review', () => {
  const clock = new FixedClock('2026-12-01T09:00:00+08:00'); // Tuesday
  let fake: FakeLark;
  let bot: DrillBot;
  let dropDb: () => Promise<void>;
  let drafter: FakeUser, chief: FakeUser;
  const dm = (u: FakeUser) => fake.p2pChatId(u.openId);
  const outcomes: string[] = [];

  const state = async () => {
    const p = bot.app.db.prisma;
    return JSON.stringify({
      drafts: await p.reviewDraft.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, revision: true } }),
      steps: await p.reviewStep.count(),
      // The replies themselves go through the outbox: none left unsent.
      unsent: await p.outboxMessage.count({ where: { status: { notIn: ['sent', 'superseded'] } } }),
    });
  };
  const submit = async (title: string, url: string) => {
    const before = fake.messagesIn(dm(drafter)).length;
    const started = Date.now();
    const r = await fake.userSays({ chatId: dm(drafter), from: drafter, text: `审核 提交 ${title} ${url} 类型:普通文稿`, p2p: true });
    const ackMs = Date.now() - started;
    await bot.app.settle();
    const texts = fake.textsIn(dm(drafter));
    return { status: r.status, ackMs, newMessages: fake.messagesIn(dm(drafter)).length - before, last: texts.at(-1) ?? '' };
  };

  beforeAll(async () => {
    fake = await startFake({ perAppRate: 0, perChatRate: 0 });
    const db = await createTestDatabaseUrl();
    dropDb = db.drop;
    bot = await startBot({ fake, databaseUrl: db.url, clock, logLevel: 'warn' });
    fake.botUrl = bot.app.url;
    await bot.app.scheduler.idle();
    await bot.app.settle();
    const p = bot.app.db.prisma;
    drafter = fake.addUser('李文');
    chief = fake.addUser('周科长');
    const zh = await p.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
    const office = await p.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const vice = fake.addUser('卫副主任');
    const director = fake.addUser('陈主任');
    await p.person.create({
      data: { name: vice.name, openId: vice.openId, unitId: office.id, title: '副主任', roles: { create: [{ role: 'director', scope: `unit:${zh.id}` }] } },
    });
    await p.person.create({
      data: { name: director.name, openId: director.openId, unitId: office.id, title: '办公室主任', roles: { create: [{ role: 'director', scope: '' }] } },
    });
    await p.person.create({ data: { name: drafter.name, openId: drafter.openId, unitId: zh.id, title: '科员' } });
    await p.person.create({
      data: { name: chief.name, openId: chief.openId, unitId: zh.id, title: '科长', roles: { create: [{ role: 'section_chief', scope: '' }] } },
    });
  });
  afterAll(async () => {
    fake.holdAnswer = undefined;
    await bot?.stop();
    await fake?.stop();
    await dropDb?.();
  });

  it('403, 500, 503 on reading the document: told clearly what to do, nothing written; slow: acked at once, submitted once', async () => {
    const doc = fake.addDocument({ title: '关于做好冬季安全生产工作的通知', text: '各乡镇：\n为做好冬季安全生产工作……', owner: drafter });
    const clean = await state();
    const faults = [
      { name: '403', status: 403, says: '添加文档应用' },
      { name: '500', status: 500, says: '稍后重试' },
      { name: '503', status: 503, says: '稍后重试' },
    ];
    for (const f of faults) {
      fake.failNext(5, { status: f.status, code: f.status === 403 ? 1770032 : 0, msg: 'internal', path: /\/docx\/v1\/documents\// });
      const r = await submit('关于做好冬季安全生产工作的通知', doc.url);
      outcomes.push(`${f.name}: ack ${r.status} in ${r.ackMs} ms, ${r.newMessages} message(s)`);
      expect(r.status, f.name).toBe(200);
      expect(r.newMessages, f.name).toBe(1);
      expect(r.last, f.name).toContain(f.says);
      expect(r.last, f.name).not.toMatch(INTERNALS);
      expect(await state(), f.name).toBe(clean);
      // Drain what the bot did not use of the injected failures, so the next scenario starts clean.
      while ((await bot.app.documents.getDocument(doc.token)).ok === false);
    }

    // Slow: the document answers after 3 s. The event is acked at once; the draft is submitted once.
    fake.holdAnswer = (c) => (/\/docx\/v1\/documents\//.test(c.path) ? 3000 : undefined);
    const slow = await submit('关于做好冬季安全生产工作的通知', doc.url);
    fake.holdAnswer = undefined;
    outcomes.push(`slow: ack ${slow.status} in ${slow.ackMs} ms, ${slow.newMessages} message(s)`);
    expect(slow.status).toBe(200);
    expect(slow.ackMs).toBeLessThan(2000);
    expect(slow.last).toContain('已提交');
    expect(await bot.app.db.prisma.reviewDraft.count()).toBe(1);
    const holder = fake.cardsIn(dm(chief));
    expect(holder).toHaveLength(1);

    // Slow on a click: 通过 re-reads the revision; past the action deadline the click is answered
    // 已收到，正在处理… and the card patched when the answer comes, the step approved once.
    fake.holdAnswer = (c) => (/\/docx\/v1\/documents\//.test(c.path) ? 3500 : undefined);
    const card = holder[0]!;
    const click = await fake.click({ messageId: card.messageId, by: chief, value: buttonValue(card.card, '通过') });
    fake.holdAnswer = undefined;
    await bot.app.settle();
    expect(click.status).toBe(200);
    expect((click.body as { toast?: { content: string } }).toast?.content).toBe('已收到，正在处理…');
    const patched = JSON.parse(fake.messages.get(card.messageId)!.content) as Record<string, unknown>;
    expect(cardText(patched)).toContain('已通过');
    expect(await bot.app.db.prisma.reviewStep.count({ where: { status: 'approved' } })).toBe(1);
    outcomes.push('slow click: 已收到，正在处理… then patched');
  });

  it('the drive edit subscription answering 5xx: the review still proceeds, once', async () => {
    const p = bot.app.db.prisma;
    const doc = fake.addDocument({ title: '县政府规范性文件管理办法', text: '第一条 总则', owner: drafter });
    const cardsBefore = fake.cardsIn(dm(chief)).length;
    fake.failNext(3, { status: 503, code: 0, msg: 'internal', path: /\/drive\/v1\/files\/[^/]+\/subscribe$/ });
    const r = await submit('县政府规范性文件管理办法', doc.url);
    outcomes.push(`subscribe 503: ack ${r.status}, ${r.newMessages} message(s)`);
    expect(r.status).toBe(200);
    expect(r.last).toContain('已提交');
    expect(r.last).not.toMatch(INTERNALS);
    expect(fake.callsTo(/\/drive\/v1\/files\/[^/]+\/subscribe$/, 'POST').some((c) => c.status === 503)).toBe(true);
    expect(await p.reviewDraft.count()).toBe(2);
    expect(fake.cardsIn(dm(chief)).length - cardsBefore).toBe(1);
    expect(await p.outboxMessage.count({ where: { status: { notIn: ['sent', 'superseded'] } } })).toBe(0);
  });

  it('the re-upload of a submitted file failing: 5xx then fine, delivered once; 403 for good, told once, nothing written', async () => {
    const p = bot.app.db.prisma;
    const zh = await p.unit.findFirstOrThrow({ where: { code: 'ZHK' } });
    const submitFile = async (name: string, failures: { times: number; status: number } | 'always 403') => {
      await fake.userSendsFile({ chatId: dm(drafter), from: drafter, name, bytes: new Uint8Array([1, 2, 3]) });
      await bot.app.settle();
      const form = fake
        .cardsIn(dm(drafter))
        .filter((c) => cardText(c.card).includes('提交文稿审核'))
        .at(-1)!;
      const uploads = /\/im\/v1\/files$/;
      if (failures === 'always 403') fake.failRandomly(1, 403, uploads);
      else fake.failNext(failures.times, { status: failures.status, code: 0, msg: 'internal', path: uploads });
      const toasts: string[] = [];
      // The drafter clicks again while told to retry, as a person would; at most three times.
      for (let i = 0; i < 3; i++) {
        const before = JSON.stringify(await p.reviewDraft.count());
        const msg = JSON.parse(fake.messages.get(form.messageId)!.content) as Record<string, unknown>;
        const r = await fake.click({
          messageId: form.messageId,
          by: drafter,
          value: buttonValue(msg, '提交送审'),
          formValue: { title: name.replace(/\.docx$/, ''), kind: 'general', urgency: 'normal', unit: zh.id },
          name: 'submit',
        });
        await bot.app.settle();
        expect(r.status).toBe(200);
        const toast = (r.body as { toast?: { type: string; content: string } }).toast;
        toasts.push(`${toast?.type}:${toast?.content}`);
        if (toast?.type === 'success') break;
        expect(toast?.content).not.toMatch(INTERNALS);
        expect(JSON.stringify(await p.reviewDraft.count())).toBe(before);
      }
      fake.failRandomly(0);
      return toasts;
    };

    const filesBefore = fake.filesIn(dm(chief)).length;
    const draftsBefore = await p.reviewDraft.count();
    const flaky = await submitFile('关于印发值班制度的通知.docx', { times: 2, status: 503 });
    outcomes.push(`upload 503×2: ${flaky.join(' | ')}`);
    expect(flaky.at(-1)).toMatch(/^success:已提交/);
    expect(await p.reviewDraft.count()).toBe(draftsBefore + 1);
    expect(fake.filesIn(dm(chief)).length - filesBefore).toBe(1);

    const refused = await submitFile('关于印发请假制度的通知.docx', 'always 403');
    outcomes.push(`upload 403: ${refused.join(' | ')}`);
    expect(refused.every((t) => t.includes('暂时无法转送审核人'))).toBe(true);
    expect(await p.reviewDraft.count()).toBe(draftsBefore + 1);
    expect(fake.filesIn(dm(chief)).length - filesBefore).toBe(1);
    expect(await p.outboxMessage.count({ where: { status: { notIn: ['sent', 'superseded'] } } })).toBe(0);

    summary('documents-failing', { outcomes: outcomes.join('; '), errorLogs: bot.records().filter((x) => Number(x.level) >= 50).length });
    expect(bot.records().filter((x) => /uncaught|unhandled/i.test(String(x.msg)))).toEqual([]);
  });
});
