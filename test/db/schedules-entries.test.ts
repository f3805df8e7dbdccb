import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { BotError } from '../../src/errors.js';
import { registerEntryChangeListener, type EntryChange } from '../../src/features/schedules/changes.js';
import type { EntryFields } from '../../src/features/schedules/domain/entry.js';
import { changesOf, findEntry } from '../../src/features/schedules/repositories/entries.js';
import { createEntryWithHistory, updateEntryWithHistory } from '../../src/features/schedules/use-cases/save-entry.js';
import { FixedClock } from '../fakes/clock.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

const ROUNDS = 10;

const fields = (over: Partial<EntryFields> = {}): EntryFields => ({
  leaderId: 'leader-1',
  date: '2026-12-08',
  dayPart: 'exact',
  startMinute: 540,
  endMinute: 690,
  activity: '主持召开县政府常务会议',
  place: '三楼会议室',
  accompany: '',
  attendees: '',
  contact: '王晓明',
  visibility: 'internal',
  status: 'confirmed',
  source: 'manual',
  backfilled: false,
  remindMinutes: null,
  ...over,
});

/**
 * Saving entries with their history: a change row and the listeners in the writing transaction (a write
 * rolled back leaves neither), and two changes decided on one reading — from two instances on PostgreSQL —
 * of which exactly one is kept.
 */
describe(`schedule entries: history, listeners and compare-and-set on ${testProvider}`, () => {
  let drop: () => Promise<void>;
  let a: Database;
  let b: Database;
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  const seen: EntryChange[] = [];
  let unregister: () => void;

  beforeAll(async () => {
    const created = await createTestDatabaseUrl();
    drop = created.drop;
    a = await openDatabase(created.url);
    await migrate(a);
    b = testProvider === 'postgres' ? await openDatabase(created.url) : a;
    unregister = registerEntryChangeListener(async (change, tx) => {
      // Inside the writing transaction: the row as written is visible here.
      expect((await tx.scheduleEntry.findUnique({ where: { id: change.after.id } }))?.version).toBe(change.after.version);
      seen.push(change);
    });
  });
  afterAll(async () => {
    unregister?.();
    if (b !== a) await b?.close();
    await a?.close();
    await drop?.();
  });

  it('a new entry and a change are kept with who, when and what changed; listeners hear both', async () => {
    const by = { openId: 'ou_wang', at: clock.now() };
    const entry = await a.prisma.$transaction((tx) => createEntryWithHistory(tx, fields(), by));
    const change = await a.prisma.$transaction((tx) => updateEntryWithHistory(tx, entry, { startMinute: 900, endMinute: 960 }, by));
    expect(change.after).toMatchObject({ startMinute: 900, endMinute: 960, version: 1 });
    const history = await changesOf(a.prisma, entry.id);
    expect(history.map((h) => [h.kind, h.actor])).toEqual([
      ['created', 'ou_wang'],
      ['updated', 'ou_wang'],
    ]);
    expect(JSON.parse(history[1]!.before)).toEqual({ startMinute: 540, endMinute: 690 });
    expect(seen.map((c) => c.kind)).toEqual(['created', 'updated']);
    expect(seen[1]!.before?.startMinute).toBe(540);
  });

  it('a listener that throws rolls the write back: no entry, no history', async () => {
    const stop = registerEntryChangeListener(async () => {
      throw new Error('listener failed');
    });
    const before = await a.prisma.scheduleEntry.count();
    await expect(
      a.prisma.$transaction((tx) => createEntryWithHistory(tx, fields({ activity: '不应保存' }), { openId: 'ou_wang', at: clock.now() })),
    ).rejects.toThrow('listener failed');
    stop();
    expect(await a.prisma.scheduleEntry.count()).toBe(before);
    expect(await a.prisma.scheduleChange.count({ where: { after: { contains: '不应保存' } } })).toBe(0);
  });

  it('two changes decided on one reading, at the same moment: one is kept, the other is refused as stale', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const entry = await a.prisma.$transaction((tx) =>
        createEntryWithHistory(tx, fields({ activity: `第${round}轮` }), { openId: 'ou_wang', at: clock.now() }),
      );
      const results = await Promise.allSettled([
        a.prisma.$transaction((tx) => updateEntryWithHistory(tx, entry, { place: '五楼会议室' }, { openId: 'ou_wang', at: clock.now() })),
        b.prisma.$transaction((tx) => updateEntryWithHistory(tx, entry, { status: 'cancelled' }, { openId: 'ou_zhao', at: clock.now() }, 'cancelled')),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(BotError);
      expect((lost[0]!.reason as BotError).code).toBe('stale_card');
      const now = (await findEntry(a.prisma, entry.id))!;
      expect(now.version).toBe(1);
      // Exactly one change beside the creation: the loser left nothing.
      expect((await changesOf(a.prisma, entry.id)).map((c) => c.kind)).toHaveLength(2);
    }
  });
});
