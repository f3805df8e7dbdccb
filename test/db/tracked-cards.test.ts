import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { card, markdown } from '../../src/cards/elements.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { postCard, refreshCards, repostKey, type TrackedObject } from '../../src/platform/cards/index.js';
import { enqueueAfterSent } from '../../src/platform/outbox/awaiting.js';
import { enqueue, uuidFor } from '../../src/platform/outbox/outbox.js';
import { OutboxWorker } from '../../src/platform/outbox/worker.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

const DAY = 86_400_000;

describe(`tracked cards on ${testProvider}: one card per key, refreshed in place, re-posted before Lark's 14-day limit`, () => {
  let fake: FakeLark;
  let db: Database;
  let drop: () => Promise<void>;
  let chat: string, admins: string;
  let messenger: LarkMessenger;
  /** The fake's clock (Lark's age of a message), moved forward by tests. */
  let offset = 0;
  let n = 0;
  let object: TrackedObject;

  const show = (state: string) => card({ title: `事项 ${object.objectId}`, summary: state, elements: [markdown(`**状态**：${state}`)] });
  const cardText = (messageId: string) => fake.messages.get(messageId)!.content;
  const refs = () => db.prisma.cardRef.findMany({ where: object, orderBy: { createdAt: 'asc' } });

  function worker() {
    const w = new OutboxWorker({ sql: db.sql, messenger, log: memoryLogger('warn').log, adminChats: async () => [admins] });
    // drain() and whatever it kicked (a re-post queued on a refusal).
    return { drain: async () => (await w.drain(), await w.idle(), await w.drain()) };
  }

  /** Posts the object's card to the chat and delivers it: its one ref. */
  async function posted(state = '办理中') {
    await db.prisma.$transaction((tx) => postCard(tx, { object, view: 'group', to: { chatId: chat }, card: show(state), key: `post:${object.objectId}` }));
    await worker().drain();
    const [ref] = await refs();
    return ref!;
  }

  beforeAll(async () => {
    fake = await new FakeLark({ displayNow: () => Date.now() + offset, perChatRate: 0, perAppRate: 0 }).start();
    const people = [fake.addUser('王督查')];
    chat = fake.addChat('督查工作群', people);
    admins = fake.addChat('管理群', people);
    const { url, drop: dropDatabase } = await createTestDatabaseUrl();
    drop = dropDatabase;
    db = await openDatabase(url);
    await migrate(db);
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, log });
    messenger = new LarkMessenger(client, tokenCache, log);
  });
  beforeEach(() => {
    offset = 0;
    object = { objectType: 'test_object', objectId: `obj${++n}-${Date.now()}` };
  });
  afterAll(async () => {
    await db?.close();
    await fake?.stop();
    await drop?.();
  });

  it('the fake Lark refuses to PATCH a message older than 14 days: HTTP 400, code 230031', async () => {
    const ref = await posted();
    expect((await messenger.updateCard(ref.messageId, show('第13天'))).ok).toBe(true);
    offset = 14 * DAY + 60_000;
    const r = await messenger.updateCard(ref.messageId, show('第15天'));
    expect(r).toMatchObject({ ok: false, error: { code: 230031 } });
    expect(fake.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(ref.messageId)).at(-1)).toMatchObject({ status: 400 });
    expect(cardText(ref.messageId)).toContain('第13天');
  });

  it('a post queued twice under one key is one message, with the newer card; posted again once sent, it is updated in place', async () => {
    await db.prisma.$transaction((tx) => postCard(tx, { object, view: 'group', to: { chatId: chat }, card: show('待签收'), key: `k:${object.objectId}` }));
    await db.prisma.$transaction((tx) => postCard(tx, { object, view: 'group', to: { chatId: chat }, card: show('办理中'), key: `k:${object.objectId}` }));
    await worker().drain();
    const [ref] = await refs();
    expect(await refs()).toHaveLength(1);
    expect(cardText(ref!.messageId)).toContain('办理中');
    await db.prisma.$transaction((tx) => postCard(tx, { object, view: 'group', to: { chatId: chat }, card: show('待销号'), key: `k:${object.objectId}` }));
    await worker().drain();
    expect(await refs()).toHaveLength(1);
    expect(cardText(ref!.messageId)).toContain('待销号');
    expect(fake.messagesIn(chat).filter((m) => m.content.includes(object.objectId))).toHaveLength(1);
  });

  it('a young card is patched in place; one 13 days old is re-posted in its thread and its ref moves to the new message', async () => {
    const ref = await posted();
    await db.prisma.$transaction((tx) => refreshCards(tx, object, () => show('已反馈进展')));
    await worker().drain();
    expect(cardText(ref.messageId)).toContain('已反馈进展');

    await db.prisma.cardRef.update({ where: { messageId: ref.messageId }, data: { createdAt: new Date(Date.now() - 13 * DAY - 60_000) } });
    await db.prisma.$transaction((tx) => refreshCards(tx, object, () => show('已超期')));
    await worker().drain();
    const [moved, ...rest] = await refs();
    expect(rest).toHaveLength(0);
    expect(moved!.messageId).not.toBe(ref.messageId);
    expect(moved).toMatchObject({ view: 'group', chatId: chat });
    const reply = fake.messages.get(moved!.messageId)!;
    expect(reply).toMatchObject({ chatId: chat, rootId: ref.messageId });
    expect(reply.content).toContain('已超期');
    // No PATCH was tried on the old message: it was re-posted before Lark would refuse.
    expect(cardText(ref.messageId)).toContain('已反馈进展');
    // Later changes patch the new message.
    await db.prisma.$transaction((tx) => refreshCards(tx, object, () => show('待销号')));
    await worker().drain();
    expect(cardText(moved!.messageId)).toContain('待销号');
  });

  it('two refreshers racing on an old card queue one re-post: one new message, one ref', async () => {
    const ref = await posted();
    await db.prisma.cardRef.update({ where: { messageId: ref.messageId }, data: { createdAt: new Date(Date.now() - 13 * DAY - 60_000) } });
    await Promise.all([
      db.prisma.$transaction((tx) => refreshCards(tx, object, () => show('甲'))),
      db.prisma.$transaction((tx) => refreshCards(tx, object, () => show('乙'))),
    ]);
    expect(await db.prisma.outboxMessage.count({ where: { uuid: uuidFor(repostKey(ref.messageId)) } })).toBe(1);
    await Promise.all([worker().drain(), worker().drain()]);
    const after = await refs();
    expect(after).toHaveLength(1);
    const replies = fake.messagesIn(chat).filter((m) => m.rootId === ref.messageId);
    expect(replies).toHaveLength(1);
    expect(after[0]!.messageId).toBe(replies[0]!.messageId);
  });

  it('a PATCH Lark refuses with 230031 is re-posted, the ref moves, and the 管理 group hears nothing', async () => {
    const ref = await posted();
    offset = 15 * DAY;
    await db.prisma.$transaction((tx) => enqueue(tx, { to: { patch: ref.messageId }, content: { type: 'card', card: show('已延期') } }));
    await worker().drain();
    const [moved] = await refs();
    expect(moved!.messageId).not.toBe(ref.messageId);
    expect(fake.messages.get(moved!.messageId)).toMatchObject({ rootId: ref.messageId });
    expect(cardText(moved!.messageId)).toContain('已延期');
    expect(fake.messagesIn(admins)).toHaveLength(0);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
    // A patch of the old message queued before the move reaches the new one.
    await db.prisma.$transaction((tx) => enqueue(tx, { to: { patch: ref.messageId }, content: { type: 'card', card: show('已办结') } }));
    await worker().drain();
    expect(cardText(moved!.messageId)).toContain('已办结');
    expect(await refs()).toHaveLength(1);
    expect(fake.messagesIn(admins)).toHaveLength(0);
  });

  it('an untracked card past the limit is left as it is, without a failure notice', async () => {
    const sent = await messenger.send({ chatId: chat }, { type: 'card', card: show('通知') });
    if (!sent.ok) throw new Error('send failed');
    offset = 15 * DAY;
    await db.prisma.$transaction((tx) => enqueue(tx, { to: { patch: sent.value.messageId }, content: { type: 'card', card: show('更新') } }));
    await worker().drain();
    expect(fake.messagesIn(chat).filter((m) => m.rootId === sent.value.messageId)).toHaveLength(0);
    expect(fake.messagesIn(admins)).toHaveLength(0);
  });

  it('a card posted again while it is being sent: updated once sent, and a reply queued for it follows it', async () => {
    const key = `inflight:${object.objectId}`;
    const post = (state: string) => db.prisma.$transaction((tx) => postCard(tx, { object, view: 'group', to: { chatId: chat }, card: show(state), key }));
    expect(await post('待签收')).toEqual({ state: 'queued' });
    // Lark holds its answer to the send: the row is claimed, Lark may already show the older card.
    let open!: () => void;
    let arrived!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    const reached = new Promise<void>((r) => (arrived = r));
    fake.holdAnswer = ({ method, path }) => (method === 'POST' && path.endsWith('/im/v1/messages') ? (arrived(), opened) : undefined);
    const delivering = worker().drain();
    await reached;
    expect(await post('办理中')).toEqual({ state: 'in_flight' });
    await db.prisma.$transaction((tx) =>
      enqueueAfterSent(tx, key, { op: 'reply', content: { type: 'text', text: '状态已更新为办理中' }, key: `note:${object.objectId}` }),
    );
    expect(await db.prisma.outboxMessage.count({ where: { status: 'waiting', targetId: uuidFor(key) } })).toBe(2);
    fake.holdAnswer = undefined;
    open();
    await delivering;
    await worker().drain();
    const [message] = fake.messagesIn(chat).filter((m) => m.msgType === 'interactive' && !m.rootId && m.content.includes(object.objectId));
    expect(message!.patches).toBe(1);
    expect(cardText(message!.messageId)).toContain('办理中');
    const replies = fake.messagesIn(chat).filter((m) => m.rootId === message!.messageId);
    expect(replies.map((r) => JSON.parse(r.content).text)).toEqual(['状态已更新为办理中']);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'waiting' } })).toBe(0);
    // Sent: posted again, it is patched in place and says so.
    expect(await post('已办结')).toEqual({ state: 'patched', messageId: message!.messageId });
  });

  it('a card queued and untried takes the newer card (nobody saw the older); one that fails for good drops what waited for it', async () => {
    const key = `lost:${object.objectId}`;
    const post = (state: string) => db.prisma.$transaction((tx) => postCard(tx, { object, view: 'group', to: { chatId: chat }, card: show(state), key }));
    expect(await post('待签收')).toEqual({ state: 'queued' });
    expect(await post('办理中')).toEqual({ state: 'updated' });
    await db.prisma.$transaction((tx) => enqueueAfterSent(tx, key, { op: 'reply', content: { type: 'text', text: '备注' }, key: `note:${object.objectId}` }));
    fake.failNext(1, { status: 400, code: 230002, msg: 'bot not in chat', path: /\/im\/v1\/messages$/ });
    await worker().drain();
    expect(await db.prisma.outboxMessage.findUnique({ where: { uuid: uuidFor(key) } })).toMatchObject({ status: 'failed' });
    expect(await db.prisma.outboxMessage.findUnique({ where: { uuid: uuidFor(`note:${object.objectId}`) } })).toMatchObject({ status: 'superseded' });
    expect(await post('已办结')).toEqual({ state: 'gone' });
  });
});
