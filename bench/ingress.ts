import * as lark from '@larksuiteoapi/node-sdk';
import Koa from 'koa';
import type { Server } from 'node:http';
import { startApp, type RunningApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { hex } from '../src/local/lark/crypto.js';
import type { FakeUser } from '../src/local/lark/server.js';
import { RemoteFakeLark, type BenchLark } from './remote-fake.js';
import { beijingDate } from '../src/platform/time.js';
import { seedLedger } from './ledger.js';
import { LoadGenerator, type LoadStats, type PreparedRequest } from './loadgen.js';
import { freshPostgres, freshSqlite, postgresAvailable, type FreshDatabase } from './pg.js';
import { FEATURE_KINDS, featureRequest, seedFeatures, type FeatureSeed } from './ingress-features.js';
import { cardClick, mentionMessage, mix } from './signed.js';
import { median, sleep } from './stats.js';

/**
 * Ingress: signed, encrypted events posted to /lark/events by a load generator in its own process.
 *   - open loop (the target): a fixed rate (200/s), a mix of `帮助`, `督办 列表` (a supervisor, over a seeded
 *     ledger) and card clicks: `返回` (sv.back, the button of the forms a card opens in place) on 20 item
 *     detail cards the bot posted, which reloads the item and renders its card again inside the ack. Each
 *     click carries a fresh render nonce, as a fresh rendering of the form would, so none hits the 30 s
 *     click dedup. Latency counts from each request's due time.
 *   - closed loop: the same mix at a fixed concurrency, for the throughput each server sustains.
 * Baseline, in the same round: a bare Koa server whose SDK EventDispatcher returns {} for the same events.
 * The bot runs as is (replies rendered, queued and sent by its outbox worker to the fake Lark, which runs
 * in a process of its own as Lark runs on its own machines); with its outbox worker held (replies rendered and queued, not sent): the difference is the
 * cost of sending; and with its message handlers stubbed out (the ack alone: verify, decrypt, dispatch,
 * receipt; a click's handler runs inside its ack, so clicks stay real): the difference to the held run is
 * the cost of the handlers (loading the actor, rendering and queueing the reply), all of which competes
 * with the acks for the one event loop; and that again with the messages alone (the clicks' share of the
 * mix left out): the ack path by itself.
 */
export type Variant = 'baseline' | 'bot' | 'bot-held' | 'bot-ack' | 'bot-ack-msg';

export const VARIANT_NAMES: Record<Variant, string> = {
  baseline: 'baseline: Koa + EventDispatcher → {}',
  bot: 'bot, as is (outbox sends replies)',
  'bot-held': 'bot, outbox held (replies queued, not sent)',
  'bot-ack': 'bot, ack only (no message handlers; clicks real)',
  'bot-ack-msg': 'bot, ack only, messages only (no clicks)',
};

export interface IngressRow extends LoadStats {
  variant: Variant;
  /** Replies the bot queued for the requests of the run, and how many the outbox sent during it. */
  replies?: { expected: number; queued: number; sentDuringRun: number };
}

export interface IngressDbResult {
  database: 'SQLite' | 'PostgreSQL';
  unavailable?: string;
  items?: number;
  rows: IngressRow[];
}

export interface IngressOptions {
  rounds: number;
  rate: number;
  seconds: number;
  items: number;
  closed: { requests: number; concurrency: number };
  /** `features`: the newer features' commands and clicks (ingress-features.ts), taken in turn. */
  weights: { help: number; list: number; click: number; features: number };
  databases: IngressDbResult['database'][];
}

type Kind = keyof IngressOptions['weights'];

interface Bench {
  fake: BenchLark;
  app: RunningApp;
  database: FreshDatabase;
  chat: string;
  supervisor: FakeUser;
  people: string[];
  cards: { messageId: string; chatId: string; itemId: string }[];
  features: FeatureSeed & { cards: { messageId: string; chatId: string }[] };
}

const silent = createLogger('silent');

async function baselineServer(encryptKey: string): Promise<{ url: string; server: Server }> {
  const dispatcher = new lark.EventDispatcher({ encryptKey, loggerLevel: lark.LoggerLevel.error }).register<{
    'card.action.trigger': (data: unknown) => Promise<Record<string, unknown>>;
  }>({
    'im.message.receive_v1': async () => ({}),
    'card.action.trigger': async () => ({}),
  });
  const app = new Koa();
  app.use(lark.adaptKoa('/lark/events', dispatcher, { autoChallenge: true }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/lark/events`, server };
}

/** The bot on a fresh database with a seeded directory and ledger, and detail cards it posted to click on. */
async function startBench(database: FreshDatabase, items: number): Promise<Bench> {
  const fake = await RemoteFakeLark.start({ encryptKey: 'bench-key', verificationToken: 'bench-token', perAppRate: 0, perChatRate: 0 });
  let app: RunningApp | undefined;
  try {
    return await seedBench(fake, (app = await startBot(fake, database)), database, items);
  } catch (err) {
    // The fake runs in a child process: stopped here, or it outlives the bench.
    await app?.stop().catch(() => undefined);
    await fake.stop();
    throw err;
  }
}

async function startBot(fake: BenchLark, database: FreshDatabase): Promise<RunningApp> {
  return startApp({
    config: loadConfig({
      LARK_APP_ID: fake.appId,
      LARK_APP_SECRET: fake.appSecret,
      LARK_ENCRYPT_KEY: fake.encryptKey,
      LARK_VERIFICATION_TOKEN: fake.verificationToken,
      LARK_DOMAIN: fake.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
    }),
    log: silent,
    startTicks: false,
  });
}

async function seedBench(fake: BenchLark, app: RunningApp, database: FreshDatabase, items: number): Promise<Bench> {
  await fake.setBotUrl(app.url);
  const { prisma } = app.db;
  // The seeded ledger is as of the last working day (seedLedger's categories are exact on working days).
  const calendar = app.calendar.current();
  const today = beijingDate(new Date());
  await seedLedger(app.db, calendar, calendar.isWorkingDay(today) ? today : calendar.previousWorkingDay(today), items);
  const sup = await prisma.person.findFirstOrThrow({ where: { roles: { some: { role: 'supervisor' } } } });
  const supervisor = await fake.addUser(sup.name, sup.openId!);
  const chat = await fake.addChat('督查工作群', [supervisor], 'oc_bench_supervision_group');
  const people = (await prisma.person.findMany({ where: { openId: { not: null } }, select: { openId: true }, take: 300 })).map((p) => p.openId!);
  // Detail cards of 20 open items, posted by the bot in answer to `督办 <编号>`: what the clicks land on.
  const open = await prisma.supervisionItem.findMany({ where: { status: 'in_progress' }, select: { number: true }, take: 20 });
  for (const item of open) await fake.userSays({ chatId: chat, from: supervisor, text: `@三办助手 督办 ${item.number}` });
  await app.settle();
  const refs = await prisma.cardRef.findMany({ where: { view: 'detail' } });
  if (refs.length !== open.length) throw new Error(`expected ${open.length} detail cards, the bot posted ${refs.length}`);
  const cards = refs.map((r) => ({ messageId: r.messageId, chatId: r.chatId || chat, itemId: r.objectId }));
  const features = await seedFeatures(app, fake);
  await checkFeatureCommands(app, fake, chat, features);
  return { fake, app, database, chat, supervisor, people, cards, features };
}

/** Each newer command once, answered as meant (not refused, not unknown): else the mix would measure refusals. */
async function checkFeatureCommands(app: RunningApp, fake: BenchLark, chat: string, f: FeatureSeed): Promise<void> {
  const since = new Date();
  for (const kind of FEATURE_KINDS.filter((k) => !k.endsWith('click'))) {
    const from = kind === '信息 报送' ? f.liaison : f.office;
    const text = kind === '信息 报送' ? '信息 报送 今天上午，县应急管理局组织开展防汛应急演练。' : kind;
    await fake.userSays({ chatId: kind === '信息 报送' ? chat : f.officeChat, from, text: `@三办助手 ${text}` });
  }
  await app.settle();
  const replies = await app.db.prisma.outboxMessage.findMany({ where: { createdAt: { gte: since }, op: 'reply' }, select: { content: true } });
  const refused = replies.filter((r) => /无权|未识别|无法识别|请先|仅限|不能/.test(r.content));
  if (replies.length < 4 || refused.length) {
    throw new Error(`the newer commands were not all answered (${replies.length} replies): ${refused.map((r) => r.content.slice(0, 200)).join(' | ')}`);
  }
}

let featureTurn = 0;

/** Prepared requests; the fake Lark learns their message ids (sent by `ready`) so the bot's replies find their chat. */
export function requests(b: Bench, n: number, weights: IngressOptions['weights']): PreparedRequest[] {
  return mix<Kind>(n, weights).map((kind, i) => {
    if (kind === 'help') return mentionMessage(b.fake, b.chat, b.people[i % b.people.length]!, '帮助', '帮助');
    if (kind === 'list') return mentionMessage(b.fake, b.chat, b.supervisor.openId, '督办 列表', '督办 列表');
    if (kind === 'features') return featureRequest(b.fake, b.features, b.chat, FEATURE_KINDS[featureTurn++ % FEATURE_KINDS.length]!, i);
    const card = b.cards[i % b.cards.length]!;
    // `_r` is the render nonce stampCard puts on every button: a fresh one per click, as on a fresh rendering.
    const value = { a: 'sv.back', id: card.itemId, _r: hex(4) };
    return cardClick(b.fake, { messageId: card.messageId, chatId: card.chatId, operatorOpenId: b.supervisor.openId, value }, 'click', '"card"');
  });
}

export async function ready(b: Bench, n: number, weights: IngressOptions['weights']): Promise<PreparedRequest[]> {
  const reqs = requests(b, n, weights);
  await b.fake.flush();
  return reqs;
}

/** For the baseline, which answers {} to clicks too. */
const withoutExpectations = (reqs: PreparedRequest[]): PreparedRequest[] => reqs.map(({ expect: _, ...x }) => x);

/** Replies still queued after a run are dropped (the outbox sends ≤ 50/s, Lark's per-app limit): the next run starts clean. */
async function dropBacklog(app: RunningApp): Promise<void> {
  await app.router.idle();
  await app.db.prisma.outboxMessage.updateMany({
    where: { status: 'pending', lockedBy: null },
    data: { status: 'superseded', lastError: 'dropped by the bench' },
  });
  await app.outbox.idle();
  await app.db.prisma.outboxMessage.updateMany({ where: { status: 'pending' }, data: { status: 'superseded', lastError: 'dropped by the bench' } });
}

async function runBot(b: Bench, gen: LoadGenerator, o: IngressOptions, variant: Exclude<Variant, 'baseline'>): Promise<IngressRow> {
  const { app } = b;
  const { prisma } = app.db;
  const ackOnly = variant === 'bot-ack' || variant === 'bot-ack-msg';
  const reqs = (await ready(b, o.rate * o.seconds, o.weights)).filter((r) => variant !== 'bot-ack-msg' || !r.kind.endsWith('click'));
  const expected = ackOnly ? 0 : reqs.filter((r) => !r.kind.endsWith('click')).length;
  // Bench-only switches on the running app's objects (no option in src/ for either).
  const worker = app.outbox as { kick(): void };
  const router = app.router as unknown as { processMessage(m: unknown): Promise<void> };
  if (variant !== 'bot') {
    await app.outbox.stop();
    worker.kick = () => {}; // handlers still queue their replies; nothing sends them
  }
  if (ackOnly) router.processMessage = async () => {};
  const since = new Date();
  const stats = await gen.open(`${app.url}/lark/events`, o.rate, reqs);
  await app.router.idle();
  const [queued, sentDuringRun] = await Promise.all([
    prisma.outboxMessage.count({ where: { createdAt: { gte: since }, op: 'reply' } }),
    prisma.outboxMessage.count({ where: { createdAt: { gte: since }, op: 'reply', status: 'sent' } }),
  ]);
  Reflect.deleteProperty(router, 'processMessage');
  if (variant !== 'bot') {
    Reflect.deleteProperty(worker, 'kick');
    app.outbox.start();
  }
  await dropBacklog(app);
  return { variant, ...stats, replies: { expected, queued, sentDuringRun } };
}

function medianRow(runs: IngressRow[]): IngressRow {
  const m = (f: (r: IngressRow) => number) => median(runs.map(f));
  const first = runs[0]!;
  const byKind = Object.fromEntries(
    Object.keys(first.byKind).map((k) => [k, { n: m((r) => r.byKind[k]!.n), p50ms: m((r) => r.byKind[k]!.p50ms), p99ms: m((r) => r.byKind[k]!.p99ms) }]),
  );
  return {
    variant: first.variant,
    requests: m((r) => r.requests),
    p50ms: m((r) => r.p50ms),
    p99ms: m((r) => r.p99ms),
    maxMs: m((r) => r.maxMs),
    rps: m((r) => r.rps),
    non200: runs.reduce((s, r) => s + r.non200, 0),
    bad: runs.reduce((s, r) => s + r.bad, 0),
    lagP99ms: m((r) => r.lagP99ms),
    byKind,
    ...(first.replies
      ? { replies: { expected: m((r) => r.replies!.expected), queued: m((r) => r.replies!.queued), sentDuringRun: m((r) => r.replies!.sentDuringRun) } }
      : {}),
  };
}

interface Session {
  b: Bench;
  baseline: { url: string; server: Server };
}

/** The bot on `database` and the baseline beside it, both warmed up (JIT, pools, prepared statements). */
async function openSession(database: FreshDatabase, gen: LoadGenerator, o: IngressOptions): Promise<Session> {
  let b: Bench;
  try {
    b = await startBench(database, o.items);
  } catch (err) {
    await database.drop().catch(() => undefined);
    throw err;
  }
  const baseline = await baselineServer(b.fake.encryptKey);
  const warm = Math.min(200, o.rate);
  await gen.open(baseline.url, o.rate, withoutExpectations(requests(b, warm, o.weights)));
  await gen.open(`${b.app.url}/lark/events`, o.rate, await ready(b, warm, o.weights));
  await dropBacklog(b.app);
  return { b, baseline };
}

async function closeSession({ b, baseline }: Session): Promise<void> {
  baseline.server.close();
  await b.app.stop();
  await b.fake.stop();
  await b.database.drop();
}

/** The open-loop mix: rounds × (baseline, then the bot as is, held, ack only, ack only without clicks); medians of rounds. */
async function openLoop({ b, baseline }: Session, label: IngressDbResult['database'], gen: LoadGenerator, o: IngressOptions): Promise<IngressDbResult> {
  const variants = ['bot', 'bot-held', 'bot-ack', 'bot-ack-msg'] as const;
  const runs: IngressRow[][] = [[], ...variants.map(() => [])];
  for (let r = 0; r < o.rounds; r++) {
    const plain = withoutExpectations(requests(b, o.rate * o.seconds, o.weights));
    runs[0]!.push({ variant: 'baseline', ...(await gen.open(baseline.url, o.rate, plain)) });
    for (const [i, variant] of variants.entries()) {
      await sleep(100);
      runs[i + 1]!.push(await runBot(b, gen, o, variant));
    }
    await sleep(100);
  }
  return { database: label, items: o.items, rows: runs.map(medianRow) };
}

/** The closed loop: the same mix at a fixed concurrency, baseline and bot (as is), for the throughput each sustains. */
async function closedLoop({ b, baseline }: Session, gen: LoadGenerator, o: IngressOptions): Promise<IngressRow[]> {
  const runs: IngressRow[][] = [[], []];
  for (let r = 0; r < o.rounds; r++) {
    const plain = withoutExpectations(requests(b, o.closed.requests, o.weights));
    runs[0]!.push({ variant: 'baseline', ...(await gen.closed(baseline.url, o.closed.concurrency, plain)) });
    const stats = await gen.closed(`${b.app.url}/lark/events`, o.closed.concurrency, await ready(b, o.closed.requests, o.weights));
    await dropBacklog(b.app);
    runs[1]!.push({ variant: 'bot', ...stats });
  }
  return runs.map(medianRow);
}

export interface IngressResult {
  options: IngressOptions;
  open: IngressDbResult[];
  closed: IngressRow[];
}

export async function benchIngress(o: IngressOptions): Promise<IngressResult> {
  const gen = new LoadGenerator();
  try {
    const open: IngressDbResult[] = [];
    let closed: IngressRow[] = [];
    if (o.databases.includes('SQLite')) {
      const sqlite = await openSession(freshSqlite('ingress'), gen, o);
      try {
        open.push(await openLoop(sqlite, 'SQLite', gen, o));
        if (o.closed.requests > 0) closed = await closedLoop(sqlite, gen, o);
      } finally {
        await closeSession(sqlite);
      }
    }
    const pg = o.databases.includes('PostgreSQL') ? await freshPostgres() : undefined;
    if (!pg) return { options: o, open, closed };
    if (postgresAvailable(pg)) {
      const session = await openSession(pg, gen, o);
      try {
        open.push(await openLoop(session, 'PostgreSQL', gen, o));
      } finally {
        await closeSession(session);
      }
    } else open.push({ database: 'PostgreSQL', unavailable: pg.unavailable, rows: [] });
    return { options: o, open, closed };
  } finally {
    gen.stop();
  }
}
