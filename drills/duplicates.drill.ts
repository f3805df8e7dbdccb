import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark, FakeUser } from '../src/local/lark/server.js';
import { FixedClock } from '../test/fakes/clock.js';
import { buttonValue } from '../test/support/cards.js';
import { createTestDatabaseUrl, testProvider } from '../test/support/database.js';
import { startBot, startFake, type DrillBot } from './support/bot.js';
import { commandEnvelope, redelivery } from './support/lark.js';
import { seedOffice, type Office } from './support/office.js';
import { drillSeed, seededRng } from './support/prng.js';
import { repliesByParent } from './support/replies.js';
import { summary } from './support/report.js';
import { sleep } from './support/wait.js';

/**
 * Drill 1 — duplicates and order. Lark delivers at least once: it re-pushes an event (same message_id,
 * often a new event_id) after 15 s, 5 min, 1 h and 6 h, and deliveries arrive out of order, sometimes two
 * at once. Every command must be answered exactly once.
 */
const MESSAGES = 240;
const CHATTER = 24;
/**
 * Of the messages, this many are a supervisor's 督办 新建: handled twice, one would create a second item
 * and a second card (a reply key alone cannot hide that), so they show double handling, not only double
 * replies.
 */
const CREATES = 24;
/**
 * Meanwhile, a liaison keeps asking to extend an item to a date before its deadline: each request is
 * refused inside its transaction (rolled back) while the events around it are being recorded.
 */
const REFUSED_REQUESTS = 60;
/** Lark's retry schedule (lark-notes §2.6), scaled from hours to milliseconds. */
const RETRY_DELAYS_MS = [15_000, 300_000, 3_600_000, 21_600_000].map((ms) => ms / 10_000);
const SPREAD_MS = 2500;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

type Expected = 'card' | 'text';
/** `privateInGroups`: in a group whose members may not all see the list, the reply is a note and the card goes to the asker's DM. */
const COMMANDS: { text: string; reply: Expected; privateInGroups?: boolean }[] = [
  { text: '帮助', reply: 'card' },
  { text: '我是谁', reply: 'card' },
  { text: '督办 列表', reply: 'card', privateInGroups: true },
  { text: '督办 列表 全部', reply: 'card', privateInGroups: true },
  { text: '查天气', reply: 'text' },
  { text: '明天开会吗', reply: 'text' },
  { text: 'hello', reply: 'text' },
];

describe(`drill: duplicate and out-of-order deliveries (${testProvider})`, () => {
  let fake: FakeLark;
  let bot: DrillBot;
  let office: Office;
  let dropDb: () => Promise<void>;
  let groups: string[];
  let extensionForm: { messageId: string; submit: Record<string, unknown> };

  beforeAll(async () => {
    fake = await startFake();
    const db = await createTestDatabaseUrl();
    dropDb = db.drop;
    bot = await startBot({ fake, databaseUrl: db.url, clock: new FixedClock('2026-11-23T10:00:00+08:00') });
    fake.botUrl = bot.app.url;
    office = await seedOffice(bot.app.db.prisma, fake);
    const everyone = [office.supervisor, office.admin, office.housingLiaison, office.waterLiaison, office.leader, office.clerk, office.stranger];
    // Lark allows 5 messages a second per chat: spread the conversation over several groups.
    groups = [office.supervisionGroup, office.generalGroup, ...Array.from({ length: 18 }, (_, i) => fake.addChat(`第${i + 1}工作群`, everyone))];
    await fake.userSays({
      chatId: office.supervisionGroup,
      from: office.supervisor,
      text: '@三办助手 督办 新建 完成西河河道清淤 单位:县水利局 期限:2026-12-18',
    });
    await bot.app.settle();
    const card = fake.cardsIn(fake.p2pChatId(office.waterLiaison.openId)).at(-1)!;
    await fake.click({ messageId: card.messageId, by: office.waterLiaison, value: buttonValue(card.card, '申请延期') });
    extensionForm = { messageId: card.messageId, submit: buttonValue(JSON.parse(fake.messages.get(card.messageId)!.content), '提交申请') };
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await dropDb?.();
  });

  it('answers every command exactly once, however often and in whatever order Lark delivers it', async () => {
    const rng = seededRng(drillSeed(20261123));
    const people: FakeUser[] = [office.supervisor, office.admin, office.housingLiaison, office.waterLiaison, office.leader, office.clerk, office.stranger];
    const started = Date.now();

    interface Plan {
      envelope: ReturnType<typeof commandEnvelope>;
      expect: Expected | 'none';
      /** A note in place of the card is a right answer too (see privateInGroups). */
      mayAnswerPrivately: boolean;
      startMs: number;
      copies: number;
      /** The second delivery arrives together with the first (two Lark nodes, one event). */
      concurrentPair: boolean;
    }
    const plans: Plan[] = [];
    for (let i = 0; i < MESSAGES + CHATTER; i++) {
      const create = i < CREATES;
      const from = create ? office.supervisor : rng.pick(people);
      const chatter = i >= MESSAGES;
      const p2p = !chatter && rng.chance(0.35);
      const command = create
        ? { text: `督办 新建 第${i + 1}项重点工作推进 单位:县住建局 期限:2026-12-15`, reply: 'card' as const, privateInGroups: true }
        : rng.pick(COMMANDS);
      const envelope = chatter
        ? commandEnvelope(fake, { chatId: rng.pick(groups), from, text: '大家辛苦了，材料已发群里', mention: false })
        : commandEnvelope(fake, { chatId: p2p ? fake.p2pChatId(from.openId) : rng.pick(groups), from, text: command.text, p2p });
      const copies = rng.int(1, 4);
      plans.push({
        envelope,
        expect: chatter ? 'none' : command.reply,
        mayAnswerPrivately: !chatter && !p2p && !!('privateInGroups' in command && command.privateInGroups),
        startMs: rng.int(0, SPREAD_MS),
        copies,
        concurrentPair: copies >= 2 && rng.chance(0.3),
      });
    }

    let deliveries = 0;
    let sameEventId = 0;
    let retriesAfterFailure = 0;
    const statuses = new Map<number, number>();
    const ackMs: number[] = [];
    const deliver = async (envelope: Plan['envelope']): Promise<boolean> => {
      deliveries++;
      const r = await fake.push(envelope, 'event');
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      ackMs.push(r.ms);
      return r.status === 200;
    };
    const copyOf = (p: Plan) => {
      // Lark's own retries keep the event id; re-pushes observed in the wild carry a new one.
      const keep = rng.chance(0.25);
      if (keep) sameEventId++;
      return redelivery(p.envelope, keep);
    };

    // Every message on its own timeline, all at once: first deliveries land in shuffled order, and
    // retries interleave with other messages' first deliveries. Like Lark, the deliverer also retries
    // a delivery that was not answered 200 within 3 s, up to its 4 retries.
    const refusals: string[] = [];
    const officeWork = Array.from({ length: REFUSED_REQUESTS }, async (_, i) => {
      await sleep(rng.int(0, SPREAD_MS + 1000));
      const r = await fake.click({
        messageId: extensionForm.messageId,
        by: office.waterLiaison,
        value: extensionForm.submit,
        formValue: { reason: `第${i + 1}次申请：汛期影响施工`, date: '2026-11-30 +0800' },
        name: 'submit',
      });
      refusals.push(r.status === 200 ? String((r.body as { toast?: { type?: string } } | undefined)?.toast?.type) : `status ${r.status}`);
    });
    await Promise.all([
      ...officeWork,
      ...plans.map(async (p) => {
        await sleep(p.startMs);
        let attempt = 0;
        for (;;) {
          let ok: boolean;
          if (attempt === 0 && p.concurrentPair) {
            const both = await Promise.all([deliver(p.envelope), deliver(copyOf(p))]);
            ok = both.some(Boolean);
            attempt = 2;
          } else {
            ok = await deliver(attempt === 0 ? p.envelope : copyOf(p));
            attempt++;
          }
          const duplicateWanted = attempt < p.copies;
          if ((ok && !duplicateWanted) || attempt > RETRY_DELAYS_MS.length) break;
          if (!ok && !duplicateWanted) retriesAfterFailure++;
          await sleep(RETRY_DELAYS_MS[attempt - 1]! * (0.8 + rng.next() * 0.4));
        }
      }),
    ]);
    await bot.app.settle();
    // Anything posted late (a second processing of a duplicate) would show up now.
    await sleep(500);
    await bot.app.settle();

    const replies = repliesByParent(fake);
    const unanswered: string[] = [];
    const answeredTwice: string[] = [];
    const wrongKind: string[] = [];
    const answeredChatter: string[] = [];
    for (const p of plans) {
      const id = p.envelope.event.message.message_id;
      const got = replies.get(id) ?? [];
      if (p.expect === 'none') {
        if (got.length) answeredChatter.push(id);
        continue;
      }
      if (got.length === 0) unanswered.push(id);
      if (got.length > 1) answeredTwice.push(`${id}×${got.length}`);
      const kind = got[0]?.msgType === 'interactive' ? 'card' : 'text';
      const notedPrivately = p.mayAnswerPrivately && kind === 'text' && got[0]!.content.includes('已私信发送给您');
      if (got.length && kind !== p.expect && !notedPrivately) wrongKind.push(`${id}: ${kind} instead of ${p.expect}`);
    }
    const duplicatesDropped = deliveries - plans.length;
    const items = await bot.app.db.prisma.supervisionItem.findMany({ select: { content: true } });
    const itemsPerCreate = new Map<string, number>();
    for (const it of items) itemsPerCreate.set(it.content, (itemsPerCreate.get(it.content) ?? 0) + 1);
    const outbox = await bot.app.db.prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    summary('duplicates', {
      db: testProvider,
      messages: MESSAGES,
      chatter: CHATTER,
      deliveries,
      redeliveries: duplicatesDropped,
      concurrentPairs: plans.filter((p) => p.concurrentPair).length,
      sameEventIdRetries: sameEventId,
      notAckedIn3s: statuses.get(0) ?? 0,
      retriesAfterFailure,
      ackP50ms: percentile(ackMs, 50),
      ackP99ms: percentile(ackMs, 99),
      fourTimes: plans.filter((p) => p.copies === 4).length,
      replies: [...replies.values()].reduce((n, l) => n + l.length, 0),
      itemsCreated: items.length,
      refusedInTransaction: refusals.filter((t) => t === 'error').length,
      refusedLate: refusals.filter((t) => t !== 'error').length,
      unanswered: unanswered.length,
      answeredTwice: answeredTwice.length,
      ms: Date.now() - started,
    });

    // 200, or no answer within 3 s under the burst (Lark then retries, as the deliverer did); never a 5xx.
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 0)).toEqual([]);
    expect(unanswered).toEqual([]);
    expect(answeredTwice).toEqual([]);
    expect(wrongKind).toEqual([]);
    expect(answeredChatter).toEqual([]);
    expect(items).toHaveLength(CREATES + 1);
    // Refused; or, when the click took longer than Lark allows, acknowledged ("处理中") and refused by
    // message, or not answered in time (Lark shows the person an error). Never accepted.
    expect(refusals.filter((t) => t !== 'error' && t !== 'info' && t !== 'status 0')).toEqual([]);
    expect(await bot.app.db.prisma.supervisionExtension.count()).toBe(0);
    expect([...itemsPerCreate.values()].every((n) => n === 1)).toBe(true);
    expect(outbox.filter((o) => o.status !== 'sent')).toEqual([]);
    expect(deliveries).toBeGreaterThan(plans.length * 2);
  });
});
