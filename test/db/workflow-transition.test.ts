import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import type { Tx } from '../../src/db/handles.js';
import { migrate } from '../../src/db/migrate.js';
import { BotError } from '../../src/errors.js';
import { EXTENSION_PENDING, ITEM_MACHINE, type ItemAction, type ItemStatus } from '../../src/features/supervision/domain/states.js';
import { ITEM_SERIES, ITEM_TYPE } from '../../src/features/supervision/object-type.js';
import { updateItemIf } from '../../src/features/supervision/repository.js';
import { applyTransition } from '../../src/platform/workflow/index.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/** applyTransition on a real table: supervision's item, its compare-and-set and its timeline. */
describe(`workflow transitions on ${testProvider}`, () => {
  let drop: () => Promise<void>;
  let db: Database;
  let unitId: string;
  const at = new Date('2026-12-01T02:00:00Z');

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

  const newItem = () =>
    db.prisma.$transaction(async (tx) => {
      const n = await ITEM_SERIES.allocate(tx, 2026);
      return tx.supervisionItem.create({
        data: {
          ...n,
          content: '清理拖欠企业账款',
          unitId,
          deadline: '2026-12-31',
          status: 'pending_ack',
          sourceType: 'other',
          createdBy: 'ou_x',
          createdAt: at,
        },
      });
    });

  type Read = { id: string; number: string; version: number; status: string };
  /** One act on the item as a handler makes it: the machine, the item's compare-and-set, its event. */
  const act = (read: Read, action: ItemAction, actor: string, writes: string[] = [], ctx?: { pendingExtension: boolean }) =>
    db.prisma.$transaction((tx: Tx) =>
      applyTransition(tx, {
        machine: ITEM_MACHINE,
        action,
        from: read.status as ItemStatus,
        ctx,
        write: async (next) => {
          writes.push(next);
          return updateItemIf(tx, read, { status: next });
        },
        event: (next) => ({
          type: ITEM_TYPE,
          objectId: read.id,
          auditId: read.number,
          actor,
          at,
          kind: action,
          action,
          before: { status: read.status },
          after: { status: next },
        }),
        staleMessage: '该事项刚被他人处理。',
      }),
    );
  const events = (id: string) => db.prisma.supervisionEvent.findMany({ where: { itemId: id }, select: { kind: true, actor: true } });
  const audits = (number: string) => db.prisma.auditEntry.findMany({ where: { objectId: number }, select: { action: true, after: true } });
  const caught = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('moves the state, writes the row and records the timeline and audit entries with the next state', async () => {
    const item = await newItem();
    expect(await act(item, 'acknowledge', 'ou_a')).toBe('in_progress');
    expect((await db.prisma.supervisionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('in_progress');
    expect(await events(item.id)).toEqual([{ kind: 'acknowledge', actor: 'ou_a' }]);
    expect(await audits(item.number)).toEqual([{ action: 'acknowledge', after: JSON.stringify({ status: 'in_progress' }) }]);
  });

  it('of two acts on the same reading exactly one wins; the other is a stale card and records nothing', async () => {
    const item = await newItem();
    const both = [act(item, 'acknowledge', 'ou_a'), act(item, 'cancel', 'ou_sup')];
    // SQLite serialises writers (one transaction at a time); PostgreSQL races them for real.
    const results = testProvider === 'postgres' ? await Promise.all(both.map(caught)) : [await caught(both[0]!), await caught(both[1]!)];
    const lost = results.filter((r) => r instanceof BotError);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ code: 'stale_card', userMessage: '该事项刚被他人处理。' });
    const row = await db.prisma.supervisionItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(['in_progress', 'cancelled']).toContain(row.status);
    expect(row.version).toBe(item.version + 1);
    expect(await events(item.id)).toHaveLength(1);
    expect(await audits(item.number)).toHaveLength(1);
  });

  it('refuses an action the state does not allow before writing anything, in the machine’s words', async () => {
    const item = await newItem();
    const writes: string[] = [];
    const err = await caught(act(item, 'close', 'ou_sup', writes));
    expect(err).toMatchObject({ code: 'stale_card', userMessage: '该事项当前为「待签收」，不在待销号状态，无法销号。' });
    expect(writes).toEqual([]);
    expect(await events(item.id)).toEqual([]);
  });

  it('refuses an action its guard rules out in this context, writing nothing', async () => {
    const item = await newItem();
    const writes: string[] = [];
    const err = await caught(act(item, 'request_extension', 'ou_a', writes, { pendingExtension: true }));
    expect(err).toMatchObject({ code: 'stale_card', userMessage: EXTENSION_PENDING });
    expect(writes).toEqual([]);
    expect((await db.prisma.supervisionItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(item.version);
  });

  it('an action without a target keeps the state and is still recorded', async () => {
    const item = await newItem();
    const acked = { ...item, status: await act(item, 'acknowledge', 'ou_a'), version: item.version + 1 };
    expect(await act(acked, 'report_progress', 'ou_a')).toBe('in_progress');
    expect((await events(item.id)).map((e) => e.kind).sort()).toEqual(['acknowledge', 'report_progress']);
  });
});
