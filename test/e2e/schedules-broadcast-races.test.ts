import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { runBroadcast } from '../../src/features/schedules/broadcast/index.js';
import { broadcastKey } from '../../src/features/schedules/broadcast/use-cases/day-view.js';
import { uuidFor } from '../../src/platform/outbox/outbox.js';
import { findEntry, updateEntryWithHistory } from '../../src/features/schedules/index.js';
import type { FakeUser } from '../../src/local/lark/types.js';
import type { StoredMessage } from '../../src/local/lark/types.js';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';

/**
 * Changes to today's 日程 that fall while the morning broadcast is under way are never lost: a change
 * between two groups' claims is on the later group's card and patches (and corrects) the earlier one; a
 * change while a card is being sent patches it and corrects it once it is sent; no member lookup runs
 * inside a change's transaction; a 外出 filed (or withdrawn) after the broadcast updates the morning card.
 */
describe('领导日程: changes while the broadcast is under way', () => {
  const clock = new FixedClock('2026-11-30T18:00:00+08:00'); // Monday
  let h: Harness;
  let deps: FeatureDeps;
  let zhang: FakeUser, secretary: FakeUser;
  let zhangId = '';
  let g1 = '',
    g2 = '';
  let n = 0;

  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 400; i++) {
      if (await ok()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  /** A gate the fake Lark holds a call on: `reached` once the call arrives, `open()` lets it through. */
  const gate = () => {
    let open!: () => void;
    let arrived!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    const reached = new Promise<void>((r) => (arrived = r));
    return { opened, reached, open, arrived };
  };
  /** The morning cards a group got (each test is another day). */
  const morningCards = (chatId: string) => h.fake.messagesIn(chatId).filter((m) => m.msgType === 'interactive' && !m.rootId);
  let seen = new Map<string, number>();
  /** The group's card of the test's day: exactly one since the day began. */
  const card = (chatId: string): StoredMessage => {
    const today = morningCards(chatId).slice(seen.get(chatId) ?? 0);
    expect(today).toHaveLength(1);
    return today[0]!;
  };
  const cardsToday = (chatId: string) => morningCards(chatId).length - (seen.get(chatId) ?? 0);
  const outboxCard = (date: string, chatId: string) => h.app.db.prisma.outboxMessage.findUnique({ where: { uuid: uuidFor(broadcastKey(date, chatId)) } });
  const shown = (m: StoredMessage) => cardText(JSON.parse(h.fake.messages.get(m.messageId)!.content));
  const thread = (chatId: string, m: StoredMessage) =>
    h.fake
      .messagesIn(chatId)
      .filter((r) => r.rootId === m.messageId)
      .map((r) => (JSON.parse(r.content) as { text: string }).text);
  const seedEntry = (date: string, start: number, end: number, activity: string) =>
    h.app.db.prisma.scheduleEntry.create({
      data: {
        leaderId: zhangId,
        date,
        dayPart: 'exact',
        startMinute: start,
        endMinute: end,
        activity,
        place: '三楼会议室',
        visibility: 'public',
        createdBy: 'test',
      },
    });
  /** sched-core's save path: compare-and-set, history and the change listeners in one transaction. */
  const move = async (entryId: string, start: number, end: number) => {
    const before = (await findEntry(h.app.db.prisma, entryId))!;
    await h.app.db.prisma.$transaction((tx) =>
      updateEntryWithHistory(tx, before, { startMinute: start, endMinute: end }, { openId: secretary.openId, at: clock.now() }),
    );
  };
  const answers = (part: string) => h.fake.textsIn(g1).filter((t) => t.includes(part));
  const membersCalls = () => h.fake.calls.filter((c) => /\/im\/v1\/chats\/[^/]+\/members$/.test(c.path)).length;
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: g1, from: secretary, text: `@三办助手 ${text}`, messageId: `om_race_${++n}` });
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    zhang = h.fake.addUser('张建国');
    secretary = h.fake.addUser('王秘书');
    const p = h.app.db.prisma;
    const z = await p.person.create({ data: { name: zhang.name, openId: zhang.openId, title: '县长', roles: { create: [{ role: 'leader' }] } } });
    zhangId = z.id;
    await p.person.create({
      data: { name: secretary.name, openId: secretary.openId, title: '秘书', roles: { create: [{ role: 'secretary', scope: `person:${z.id}` }] } },
    });
    g1 = h.fake.addChat('县领导日程一群', [zhang, secretary]);
    g2 = h.fake.addChat('县领导日程二群', [zhang, secretary]);
    for (const chatId of [g1, g2]) await p.chatBinding.create({ data: { chatId, purpose: 'schedule' } });
    // The broadcast's own deps, as the app builds them, so that a test can claim one group per transaction.
    const { log } = memoryLogger('silent');
    const sdk = createLarkClient({ appId: h.fake.appId, appSecret: h.fake.appSecret, domain: h.fake.url, log });
    deps = {
      prisma: p,
      sql: h.app.db.sql,
      clock,
      messenger: new LarkMessenger(sdk.client, sdk.tokenCache, log),
      log,
      outbox: { deliver: () => Promise.reject(new Error('not used')), kick: () => h.app.outbox.kick() },
      calendar: h.app.calendar,
      bootstrapAdmins: [],
      settings: { supervision: undefined as never },
    } as unknown as FeatureDeps;
  });
  beforeEach(() => {
    seen = new Map([g1, g2].map((c) => [c, morningCards(c).length]));
  });
  afterAll(async () => {
    if (h) h.fake.holdAnswer = undefined;
    await h?.stop();
  });

  it('a change committed between group 1’s claim and group 2’s: on group 2’s card; group 1’s is patched and corrected', async () => {
    const entry = await seedEntry('2026-12-01', 9 * 60, 11 * 60 + 30, '主持召开县政府常务会议');
    clock.set('2026-12-01T07:30:00+08:00');
    // Group 2's member lookup (before its claim) is held until group 1's card is out and the change is in.
    const g = gate();
    h.fake.holdAnswer = ({ method, path }) => {
      if (method !== 'GET' || !path.endsWith(`/chats/${g2}/members`)) return undefined;
      g.arrived();
      return g.opened;
    };
    const run = runBroadcast(deps, clock.now(), clock.now(), { batch: 1 });
    await g.reached;
    await until('group 1’s card', () => cardsToday(g1) === 1);
    expect(cardsToday(g2)).toBe(0);
    expect(shown(card(g1))).toContain('上午9:00-11:30 主持召开县政府常务会议');
    await move(entry.id, 10 * 60, 11 * 60);
    g.open();
    expect((await run).queued).toBe(2);
    h.fake.holdAnswer = undefined;
    await h.settle();

    // Group 2 was claimed after the change: its card shows it, and it needs no correction.
    const second = card(g2);
    expect(shown(second)).toContain('上午10:00-11:00 主持召开县政府常务会议');
    expect(shown(second)).not.toContain('9:00-11:30');
    expect(thread(g2, second)).toEqual([]);
    // Group 1 saw the old time: patched in place (已更新) and told in the thread.
    const first = card(g1);
    expect(first.patches).toBeGreaterThanOrEqual(1);
    expect(shown(first)).toContain('上午10:00-11:00 主持召开县政府常务会议');
    expect(shown(first)).toContain('已更新 07:30');
    expect(thread(g1, first)).toEqual(['【日程变更】张建国 上午9:00-11:30 主持召开县政府常务会议，改为 10:00-11:00']);
  });

  it('a change while the card is being sent (Lark slow to answer): patched and corrected once sent; no member lookup in the change', async () => {
    const entry = await seedEntry('2026-12-02', 15 * 60, 17 * 60, '听取重点项目推进情况汇报');
    clock.set('2026-12-02T07:30:00+08:00');
    const g = gate();
    h.fake.holdAnswer = ({ method, path, body }) => {
      const to = (body as { receive_id?: string } | undefined)?.receive_id;
      if (method !== 'POST' || !path.endsWith('/im/v1/messages') || to !== g1) return undefined;
      g.arrived();
      return g.opened;
    };
    expect(await h.app.scheduler.runManually('schedules.broadcast', clock.now())).toBe('ran');
    // Group 1's card is claimed by the outbox and on its way; group 2's went out.
    await g.reached;
    await until('group 2’s card recorded as sent', async () => (await outboxCard('2026-12-02', g2))?.status === 'sent');
    const held = await outboxCard('2026-12-02', g1);
    expect(held).toMatchObject({ status: 'pending', messageId: null });
    expect(held?.lockedBy).toBeTruthy();
    const lookups = membersCalls();
    clock.set('2026-12-02T08:05:00+08:00');
    await move(entry.id, 16 * 60, 17 * 60 + 30);
    // The change asked Lark nothing: the groups' audiences were stored with their claims.
    expect(membersCalls()).toBe(lookups);
    g.open();
    h.fake.holdAnswer = undefined;
    await h.settle();
    await until('group 1’s correction', () => thread(g1, card(g1)).length === 1);

    for (const chatId of [g1, g2]) {
      const c = card(chatId);
      expect(c.patches).toBe(1);
      expect(shown(c)).toContain('下午4:00-5:30 听取重点项目推进情况汇报');
      expect(shown(c)).toContain('已更新 08:05');
      expect(thread(chatId, c)).toEqual(['【日程变更】张建国 下午3:00-5:00 听取重点项目推进情况汇报，改为 4:00-5:30']);
    }
    expect(await h.app.db.prisma.outboxMessage.count({ where: { status: 'waiting' } })).toBe(0);
  });

  it('a change after a failed first attempt (Lark may have the card): the card ends right, with the correction', async () => {
    const entry = await seedEntry('2026-12-03', 9 * 60, 10 * 60, '调研农业产业园');
    clock.set('2026-12-03T07:30:00+08:00');
    // Every first send fails with a server error; each card is retried about a second later.
    const failed = new Set<string>();
    h.fake.holdAnswer = ({ method, path, body }) => {
      const to = (body as { receive_id?: string } | undefined)?.receive_id;
      if (method === 'POST' && path.endsWith('/im/v1/messages') && to && !failed.has(to)) {
        failed.add(to);
        h.fake.failNext(1, { status: 500, code: 1, msg: 'internal error', path: /\/im\/v1\/messages$/ });
      }
      return undefined;
    };
    expect(await h.app.scheduler.runManually('schedules.broadcast', clock.now())).toBe('ran');
    const tried = async (chatId: string) => {
      const row = await outboxCard('2026-12-03', chatId);
      return row?.status === 'pending' && row.attempts === 1 && !row.lockedBy;
    };
    await until('both first attempts failed', async () => (await tried(g1)) && (await tried(g2)));
    h.fake.holdAnswer = undefined;
    expect(cardsToday(g1)).toBe(0);
    clock.set('2026-12-03T07:40:00+08:00');
    await move(entry.id, 9 * 60 + 30, 10 * 60 + 30);
    await until('both corrections', () => [g1, g2].every((c) => cardsToday(c) === 1 && thread(c, card(c)).length === 1));
    await h.settle();
    for (const chatId of [g1, g2]) {
      const c = card(chatId);
      expect(shown(c)).toContain('上午9:30-10:30 调研农业产业园');
      expect(thread(chatId, c)).toEqual(['【日程变更】张建国 上午9:00-10:00 调研农业产业园，改为 9:30-10:30']);
    }
  });

  it('外出 filed after the broadcast, covering today: the morning cards show it (已更新) and the threads are told; withdrawn, likewise', async () => {
    clock.set('2026-12-04T07:30:00+08:00');
    expect(await h.app.scheduler.runManually('schedules.broadcast', clock.now())).toBe('ran');
    await h.settle();
    expect(shown(card(g1))).toContain('在单位办公');

    clock.set('2026-12-04T09:12:00+08:00');
    await say('日程 外出 张建国 今天至12月5日 北京 参加全省工作会议');
    expect(answers('已登记外出')).toHaveLength(1);
    await until('the corrections', () => [g1, g2].every((c) => thread(c, card(c)).length === 1));
    for (const chatId of [g1, g2]) {
      const c = card(chatId);
      expect(c.patches).toBe(1);
      expect(shown(c)).toContain('外出：北京，参加全省工作会议（12月4日至12月5日）');
      expect(shown(c)).toContain('已更新 09:12');
      expect(shown(c)).not.toContain('在单位办公');
      expect(thread(chatId, c)).toEqual(['【日程变更】张建国 外出：北京，参加全省工作会议（12月4日至12月5日）']);
    }

    clock.set('2026-12-04T10:20:00+08:00');
    await say('日程 外出 取消 张建国 今天');
    expect(answers('已撤销外出登记')).toHaveLength(1);
    await until('the second corrections', () => [g1, g2].every((c) => thread(c, card(c)).length === 2));
    for (const chatId of [g1, g2]) {
      const c = card(chatId);
      expect(c.patches).toBe(2);
      expect(shown(c)).toContain('在单位办公');
      expect(shown(c)).toContain('已更新 10:20');
      expect(thread(chatId, c).at(-1)).toBe('【日程变更】张建国 外出（北京）已撤销');
    }

    // 外出 on another day: no morning card of today changes.
    await say('日程 外出 张建国 12月10日 省城 汇报工作');
    expect(answers('已登记外出')).toHaveLength(2);
    await h.settle();
    for (const chatId of [g1, g2]) {
      expect(card(chatId).patches).toBe(2);
      expect(thread(chatId, card(chatId))).toHaveLength(2);
    }
  });

  it('a change whose transaction is open while the broadcast claims: the card, claimed after it commits, shows it', async () => {
    const entry = await seedEntry('2026-12-07', 8 * 60 + 30, 9 * 60 + 30, '召开安全生产调度会');
    clock.set('2026-12-07T07:30:00+08:00');
    const before = (await findEntry(h.app.db.prisma, entry.id))!;
    let run: Promise<unknown> | undefined;
    await h.app.db.prisma.$transaction(
      async (tx) => {
        await updateEntryWithHistory(tx, before, { startMinute: 14 * 60, endMinute: 15 * 60 }, { openId: secretary.openId, at: clock.now() });
        // The broadcast starts while this change is written but not committed (PostgreSQL: it waits for
        // the day's turn; SQLite: for the connection).
        run = runBroadcast(deps, clock.now(), clock.now(), { batch: 1 });
        await new Promise((r) => setTimeout(r, 400));
      },
      { timeout: 10_000 },
    );
    await run;
    await h.settle();
    for (const chatId of [g1, g2]) {
      const c = card(chatId);
      expect(shown(c)).toContain('下午2:00-3:00 召开安全生产调度会');
      expect(thread(chatId, c)).toEqual([]);
    }
  });
});
