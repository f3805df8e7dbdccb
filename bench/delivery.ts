import { createLarkClient } from '../src/adapters/lark-client.js';
import { LarkMessenger } from '../src/adapters/lark-messenger.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { FakeLark } from '../src/local/lark/server.js';
import { enqueueMany, type OutboxItem } from '../src/platform/outbox/outbox.js';
import { OutboxWorker } from '../src/platform/outbox/worker.js';
import { freshPostgres, freshSqlite, postgresAvailable, type FreshDatabase } from './pg.js';
import { median, sleep } from './stats.js';

/**
 * Delivery: N outbox messages to C chats (queued at once with enqueueMany), delivered by an OutboxWorker
 * with its defaults (50/s per app, 5/s per chat) through the real LarkMessenger and SDK, to the fake Lark
 * enforcing Lark's limits (50/s per app, 5/s per chat; a 429 or 230020 beyond them). The baseline is the
 * theoretical minimum, N ÷ 50 s. Every message is checked: sent once (re-sends would be absorbed by the
 * uuid, so they are counted from the fake's call log), none lost.
 */
export interface DeliveryRun {
  seconds: number;
  /** Messages per second over the whole run. */
  rate: number;
  delivered: number;
  /** Messages stored twice by the fake (what people would see). */
  duplicates: number;
  /** Successful create calls beyond the first for a uuid (absorbed by Lark's uuid idempotency). */
  resends: number;
  lost: number;
  /** Refusals by the fake's rate limits: 429 (per app) and 230020 (per chat). */
  refusedApp: number;
  refusedChat: number;
}

export interface DeliveryResult {
  database: 'SQLite' | 'PostgreSQL';
  unavailable?: string;
  messages: number;
  chats: number;
  rounds: number;
  minimumSeconds: number;
  runs: DeliveryRun[];
  median?: DeliveryRun;
}

const silent = createLogger('silent');

async function deliverOnce(database: FreshDatabase, messages: number, chats: number, timeoutMs: number): Promise<DeliveryRun> {
  const fake = await new FakeLark({ perAppRate: 50, perChatRate: 5 }).start();
  const db = await openDatabase(database.url);
  let worker: OutboxWorker | undefined;
  try {
    await migrate(db);
    const chatIds = Array.from({ length: chats }, (_, i) => fake.addChat(`群${i + 1}`, []));
    const items: OutboxItem[] = Array.from({ length: messages }, (_, i) => ({
      to: { chatId: chatIds[i % chats]! },
      content: { type: 'text', text: `督办提醒 第${i + 1}条：请于本周五前报送办理进展。` },
      key: `bench-delivery:${i}`,
      origin: 'bench:delivery',
    }));
    if ((await enqueueMany(db.prisma, items)) !== messages) throw new Error('enqueueMany did not queue every message');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log: silent });
    const messenger = new LarkMessenger(client, tokenCache, silent);
    // The SDK fetches its tenant token on the first call: done before the clock starts, as in a running bot.
    await messenger.getBotOpenId();
    worker = new OutboxWorker({ sql: db.sql, messenger, log: silent });
    const started = Date.now();
    worker.start();
    const stored = () => [...fake.messages.values()].filter((m) => m.uuid?.startsWith('bench-delivery:'));
    while (stored().length < messages && Date.now() - started < timeoutMs) await sleep(50);
    const last = Math.max(...stored().map((m) => m.createdAt));
    await worker.stop();
    const sent = await db.prisma.outboxMessage.count({ where: { origin: 'bench:delivery', status: 'sent' } });
    const byUuid = new Map<string, number>();
    for (const m of stored()) byUuid.set(m.uuid!, (byUuid.get(m.uuid!) ?? 0) + 1);
    const creates = fake.callsTo(/^\/open-apis\/im\/v1\/messages$/, 'POST');
    const ok = creates.filter((c) => c.status === 200).length;
    const seconds = (last - started) / 1000;
    return {
      seconds,
      rate: messages / seconds,
      delivered: byUuid.size,
      duplicates: stored().length - byUuid.size,
      resends: ok - byUuid.size,
      lost: messages - Math.min(byUuid.size, sent),
      refusedApp: creates.filter((c) => c.status === 429).length,
      refusedChat: creates.filter((c) => (c.response as { code?: number }).code === 230020).length,
    };
  } finally {
    await worker?.stop();
    await db.close();
    await fake.stop();
    await database.drop();
  }
}

export async function benchDelivery(o: {
  rounds: number;
  messages: number;
  chats: number;
  databases: DeliveryResult['database'][];
}): Promise<DeliveryResult[]> {
  const minimumSeconds = o.messages / 50;
  const timeoutMs = minimumSeconds * 3000;
  const results: DeliveryResult[] = [];
  for (const database of o.databases) {
    const result: DeliveryResult = { database, messages: o.messages, chats: o.chats, rounds: o.rounds, minimumSeconds, runs: [] };
    for (let r = 0; r < o.rounds; r++) {
      const fresh = database === 'SQLite' ? freshSqlite('delivery') : await freshPostgres();
      if (!postgresAvailable(fresh)) {
        result.unavailable = fresh.unavailable;
        break;
      }
      result.runs.push(await deliverOnce(fresh, o.messages, o.chats, timeoutMs));
    }
    if (result.runs.length) {
      const m = (f: (x: DeliveryRun) => number) => median(result.runs.map(f));
      const sum = (f: (x: DeliveryRun) => number) => result.runs.reduce((s, x) => s + f(x), 0);
      result.median = {
        seconds: m((x) => x.seconds),
        rate: m((x) => x.rate),
        delivered: m((x) => x.delivered),
        duplicates: sum((x) => x.duplicates),
        resends: sum((x) => x.resends),
        lost: sum((x) => x.lost),
        refusedApp: m((x) => x.refusedApp),
        refusedChat: m((x) => x.refusedChat),
      };
    }
    results.push(result);
  }
  return results;
}
