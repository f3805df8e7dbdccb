import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { recordEvent, recordEvents } from '../../src/platform/events.js';
import { defineSeries } from '../../src/platform/numbering.js';
import { findByNumber, objectType } from '../../src/platform/objects.js';
import { ITEM_SERIES, ITEM_TYPE } from '../../src/features/supervision/object-type.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

describe(`numbering and events on ${testProvider}`, () => {
  let drop: () => Promise<void>;
  let db: Database;
  let unitId: string;

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
    unitId = (await db.prisma.unit.create({ data: { code: 'ZJJ', name: '县住建局' } })).id;
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const newItem = async (tx: Parameters<Parameters<Database['prisma']['$transaction']>[0]>[0], year: number) => {
    const n = await ITEM_SERIES.allocate(tx, year);
    return tx.supervisionItem.create({
      data: {
        ...n,
        content: '清理拖欠企业账款',
        unitId,
        deadline: `${year}-12-31`,
        status: 'pending_ack',
        sourceType: 'other',
        createdBy: 'ou_x',
        createdAt: new Date(),
      },
    });
  };

  it('allocates each number once, per year, even for callers at the same time', async () => {
    const allocate = () => db.prisma.$transaction((tx) => ITEM_SERIES.allocate(tx, 2026));
    const numbers =
      testProvider === 'postgres'
        ? await Promise.all(Array.from({ length: 12 }, allocate))
        : await [...Array(12)].reduce<Promise<{ seq: number }[]>>(async (acc) => [...(await acc), await allocate()], Promise.resolve([]));
    expect(numbers.map((n) => n.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // A new year starts again at 1; the counter keeps the name supervision numbering always used.
    expect((await db.prisma.$transaction((tx) => ITEM_SERIES.allocate(tx, 2027))).number).toBe('督〔2027〕1号');
    expect((await db.prisma.counter.findUniqueOrThrow({ where: { name: 'supervision:2026' } })).value).toBe(12);
    // A series without the year in its number but counting yearly, and one that never resets.
    const briefs = defineSeries({ key: 'example:briefs', prefix: '第', withYear: false, suffix: '期', yearly: true });
    const forever = defineSeries({ key: 'example:forever', prefix: '第', withYear: false, suffix: '次' });
    expect((await db.prisma.$transaction((tx) => briefs.allocate(tx, 2026))).number).toBe('第1期');
    expect((await db.prisma.$transaction((tx) => briefs.allocate(tx, 2027))).number).toBe('第1期');
    expect((await db.prisma.$transaction((tx) => forever.allocate(tx, 2026))).number).toBe('第1次');
    expect((await db.prisma.$transaction((tx) => forever.allocate(tx, 2027))).number).toBe('第2次');
  });

  it('gives a number back when the transaction that took it rolls back', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await ITEM_SERIES.allocate(tx, 2028);
        throw new Error('validation failed after allocation');
      }),
    ).rejects.toThrow('validation failed');
    expect((await db.prisma.$transaction((tx) => ITEM_SERIES.allocate(tx, 2028))).seq).toBe(1);
  });

  it('writes the timeline entry and the audit entry together, or neither', async () => {
    const item = await db.prisma.$transaction(async (tx) => {
      const item = await newItem(tx, 2030);
      await recordEvent(tx, {
        type: ITEM_TYPE,
        objectId: item.id,
        auditId: item.number,
        actor: 'ou_x',
        at: new Date(),
        kind: 'created',
        action: 'create',
        after: { status: 'pending_ack' },
      });
      return item;
    });
    expect(await db.prisma.supervisionEvent.findMany({ where: { itemId: item.id }, select: { kind: true } })).toEqual([{ kind: 'created' }]);
    expect(await db.prisma.auditEntry.findMany({ where: { objectId: item.number }, select: { action: true, objectType: true } })).toEqual([
      { action: 'create', objectType: ITEM_TYPE },
    ]);

    await expect(
      db.prisma.$transaction(async (tx) => {
        await recordEvent(tx, {
          type: ITEM_TYPE,
          objectId: item.id,
          auditId: item.number,
          actor: 'ou_x',
          at: new Date(),
          kind: 'acknowledged',
          action: 'acknowledge',
        });
        throw new Error('the change lost its compare-and-set');
      }),
    ).rejects.toThrow('compare-and-set');
    expect(await db.prisma.supervisionEvent.count({ where: { itemId: item.id } })).toBe(1);
    expect(await db.prisma.auditEntry.count({ where: { objectId: item.number } })).toBe(1);

    // Many at once (a job's run): one timeline entry and one audit entry each.
    await db.prisma.$transaction((tx) =>
      recordEvents(
        tx,
        [1, 2, 3].map((i) => ({
          type: ITEM_TYPE,
          objectId: item.id,
          auditId: item.number,
          actor: 'system:supervision.chase',
          at: new Date(),
          kind: 'reminded',
          text: `提醒 ${i}`,
          action: 'remind',
          after: { note: `提醒 ${i}` },
        })),
      ),
    );
    expect(await db.prisma.supervisionEvent.count({ where: { itemId: item.id, kind: 'reminded' } })).toBe(3);
    expect(await db.prisma.auditEntry.count({ where: { objectId: item.number, action: 'remind' } })).toBe(3);
  });

  it('refuses an event for a type that has no timeline, writing nothing', async () => {
    await expect(
      db.prisma.$transaction((tx) => recordEvent(tx, { type: 'nobody_declared_this', objectId: 'x', auditId: 'x', actor: 'ou_x', at: new Date(), kind: 'x' })),
    ).rejects.toThrow('no timeline');
    expect(await db.prisma.auditEntry.count({ where: { objectId: 'x' } })).toBe(0);
  });

  it('finds an item by any number people type, through the registry', async () => {
    const item = await db.prisma.$transaction((tx) => newItem(tx, 2031));
    expect(objectType(ITEM_TYPE)?.label).toBe('督办事项');
    for (const typed of [item.number, `督[2031]${item.seq}号`, `督（2031）${item.seq}号`, `${item.seq}号`, String(item.seq)]) {
      const found = await findByNumber(db.prisma, typed, 2031);
      expect(found?.auditId, typed).toBe(item.number);
      expect(found?.subject).toEqual({ unitId, personId: null, leaderId: null });
    }
    expect(await findByNumber(db.prisma, '督〔2031〕999号', 2031)).toBeNull();
    expect(await findByNumber(db.prisma, 'oc_some_chat', 2031)).toBeNull();
  });
});
