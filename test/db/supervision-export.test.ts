import ExcelJS from 'exceljs';
import { OfflineDocuments } from '../../src/adapters/offline-documents.js';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionSettings } from '../../src/config.js';
import { openDatabase, type Database, type PrismaClient } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { loadActor } from '../../src/features/org/actor.js';
import { exportLedger } from '../../src/features/supervision/export.js';
import '../../src/features/supervision/policy.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import type { JobControl } from '../../src/platform/scheduler/job-control.js';
import { OutboxWorker } from '../../src/platform/outbox/worker.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { memoryLogger } from '../support/logger.js';

/** Counts the ledger queries, to see the export read page by page. */
function countingItemQueries(prisma: PrismaClient, takes: (number | undefined)[]): PrismaClient {
  const items = new Proxy(prisma.supervisionItem, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === 'findMany') return (args: { take?: number }) => (takes.push(args?.take), target.findMany(args as never));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(prisma, {
    get(target, key) {
      if (key === 'supervisionItem') return items;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe(`督办 导出 paging and the row cap on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  const messenger = new MemoryMessenger();
  const { log } = memoryLogger('warn');
  const supervisorOpenId = 'ou_supervisor_export_test';
  let deps: FeatureDeps;
  const takes: (number | undefined)[] = [];

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabaseUrl());
    db = await openDatabase(url);
    await migrate(db);
    const prisma = db.prisma;
    const unit = await prisma.unit.create({ data: { code: 'ZJJ', name: '县住建局' } });
    await prisma.person.create({ data: { name: '王督查', openId: supervisorOpenId, roles: { create: [{ role: 'supervisor', scope: '' }] } } });
    // Two years of numbers, inserted out of order: the file follows (year, seq) across page boundaries.
    const numbers = [
      [2026, 3],
      [2025, 9],
      [2026, 1],
      [2026, 2],
      [2025, 10],
      [2026, 4],
      [2026, 5],
    ] as const;
    for (const [year, seq] of numbers) {
      await prisma.supervisionItem.create({
        data: {
          year,
          seq,
          number: `督〔${year}〕${seq}号`,
          content: `事项${year}-${seq}`,
          sourceType: 'other',
          unitId: unit.id,
          deadline: '2026-12-31',
          status: 'in_progress',
          createdBy: supervisorOpenId,
        },
      });
    }
    deps = {
      prisma: countingItemQueries(prisma, takes),
      sql: db.sql,
      clock: new FixedClock('2026-11-20T10:00:00+08:00'),
      messenger,
      documents: new OfflineDocuments(log),
      log,
      outbox: { deliver: (item) => enqueue(prisma, item), kick: () => undefined },
      calendar: await CalendarService.load(prisma, DEFAULT_HOURS),
      bootstrapAdmins: [],
      // Not used by the export.
      settings: { supervision: {} as SupervisionSettings },
      jobs: {} as JobControl,
    };
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('reads a page at a time in number order and stops at the cap, saying so in the file and the reply', async () => {
    const actor = await loadActor(db.sql, supervisorOpenId, []);
    const outcome = await exportLedger(deps, actor, { kind: 'all' }, { chatId: 'oc_group', replyTo: 'om_command' }, { page: 2, cap: 5 });
    expect(outcome).toMatchObject({ count: 5, total: 7, fileName: '督办台账-20261120.xlsx', delivered: 'chat' });
    // The workbook was written in a worker thread, not on the event loop that acks Lark's events.
    expect(outcome.builtOnThread).toEqual(expect.any(Number));
    expect(outcome.builtOnThread).not.toBe(threadId);
    expect(takes).toEqual([2, 2, 1]);

    const [fileKey, upload] = [...messenger.uploads.entries()][0]!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upload.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('督办台账')!;
    const numbers = Array.from({ length: 5 }, (_, i) => sheet.getCell(3 + i, 2).value);
    expect(numbers).toEqual(['督〔2025〕9号', '督〔2025〕10号', '督〔2026〕1号', '督〔2026〕2号', '督〔2026〕3号']);
    expect(String(sheet.getCell(9, 1).value)).toContain('符合条件的事项共 7 项，超出单次导出上限，本表仅列出按编号排序的前 5 项');

    // The file and the text wait in the outbox as replies; the worker sends the file by its key.
    const queued = await db.prisma.outboxMessage.findMany({ where: { targetId: 'om_command' }, orderBy: { kind: 'asc' } });
    expect(queued.map((q) => [q.op, q.kind])).toEqual([
      ['reply', 'file'],
      ['reply', 'text'],
    ]);
    expect(JSON.parse(queued[0]!.content)).toEqual({ file_key: fileKey });
    expect(queued[1]!.content).toContain('共 5 项');
    await new OutboxWorker({ sql: db.sql, messenger, log }).drain();
    expect(messenger.sent.map((s) => s.content)).toContainEqual({ type: 'file', fileKey });
    expect(messenger.sent.find((s) => s.content.type === 'file')!.to).toEqual({ replyTo: 'om_command' });
  });

  it('exports a ledger larger than a page with the default limits: the lookups of every page stay within the bound values the database allows', async () => {
    // 1,500 more items, each with a progress report and its own responsible person and leader.
    const unit = await db.prisma.unit.findFirstOrThrow();
    const people = Array.from({ length: 1500 }, (_, i) => ({ id: `p_bulk_${i}`, name: `人员${i}`, unitId: unit.id }));
    await db.prisma.person.createMany({ data: people });
    const items = Array.from({ length: 1500 }, (_, i) => ({
      id: `i_bulk_${i}`,
      year: 2027,
      seq: i + 1,
      number: `督〔2027〕${i + 1}号`,
      content: `批量事项${i + 1}`,
      sourceType: 'other',
      unitId: unit.id,
      personId: people[i]!.id,
      leaderId: people[(i + 750) % 1500]!.id,
      deadline: '2027-12-31',
      status: 'in_progress',
      createdBy: supervisorOpenId,
    }));
    for (let i = 0; i < items.length; i += 500) await db.prisma.supervisionItem.createMany({ data: items.slice(i, i + 500) });
    const at = (i: number) => new Date(Date.parse('2026-11-01T10:00:00+08:00') + i * 60_000);
    for (let i = 0; i < items.length; i += 500) {
      await db.prisma.supervisionEvent.createMany({
        data: items.slice(i, i + 500).map((it, k) => ({ itemId: it.id, at: at(i + k), actor: supervisorOpenId, kind: 'progress', text: `进展${i + k + 1}` })),
      });
    }
    const actor = await loadActor(db.sql, supervisorOpenId, []);
    const outcome = await exportLedger(deps, actor, { kind: 'all' }, { chatId: 'oc_group', replyTo: 'om_command_large' });
    expect(outcome).toMatchObject({ count: 1507, total: 1507 });
    const upload = [...messenger.uploads.values()].at(-1)!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upload.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('督办台账')!;
    expect(sheet.getCell(2 + 1507, 2).value).toBe('督〔2027〕1500号');
    expect(sheet.getCell(2 + 1507, 8).value).toBe('人员1499');
    expect(sheet.getCell(2 + 1507, 13).value).toBe('进展1500');
  });
});
