import { mkdtempSync, rmSync } from 'node:fs';
import { OfflineDocuments } from '../src/adapters/offline-documents.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupervisionSettings } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { FeatureDeps } from '../src/features/deps.js';
import type { Actor } from '../src/features/org/index.js';
import { EXPORT_CAP, EXPORT_PAGE, exportLedger, loadLedgerRows } from '../src/features/supervision/export.js';
import { LEDGER_SHEET, type LedgerRow } from '../src/features/supervision/presenters/ledger-sheet.js';
import { itemWhere } from '../src/features/supervision/queries.js';
// Registers the supervision policies the export's filter consults, as the app's registerSupervision does.
import '../src/features/supervision/policy.js';
import { createLogger } from '../src/logger.js';
import { CalendarService } from '../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../src/platform/calendar/working-hours.js';
import { enqueue } from '../src/platform/outbox/outbox.js';
import { sheetXlsx } from '../src/platform/export/sheet.js';
import { JobControl } from '../src/platform/scheduler/job-control.js';
import { beijingDate } from '../src/platform/time.js';
import type { Messenger } from '../src/ports/messenger.js';
import { seedLedger } from './ledger.js';
import { median, sleep } from './stats.js';

/**
 * 督办 导出 of a 20,000-row ledger (the export cap) and the event loop that acks Lark's events meanwhile:
 * the longest stall of a 1 ms timer during
 *   - an idle second (the baseline: the machine's own noise in this run),
 *   - the old way, the rows read in pages and the workbook built on the event loop (`sheetXlsx` in-thread),
 *   - `exportLedger` as the bot runs it (pages read here, the workbook built in a worker thread, upload stub).
 * A fresh SQLite file seeded with BENCH_EXPORT_ITEMS items; the median of rounds.
 */

export interface ExportBenchRow {
  name: string;
  /** Wall time of the run. */
  ms: number;
  /** The longest gap between two ticks of a 1 ms timer, minus the 1 ms. */
  stallMs: number;
  /** stallMs / the idle loop's stallMs in the same round (medians over rounds). */
  ratio?: number;
  ticks: number;
  rows: number;
}

export interface ExportBenchResult {
  items: number;
  rows: number;
  rounds: number;
  bytes: number;
  builtOnThread: number;
  table: ExportBenchRow[];
}

/** Runs `fn` while a 1 ms timer measures how late the event loop lets it fire. */
async function stalls<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number; ticks: number }> {
  let last = performance.now();
  let worst = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    ticks++;
  }, 1);
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    worst = Math.max(worst, performance.now() - last);
    return { value, ms, stallMs: Math.max(0, worst - 1), ticks };
  } finally {
    clearInterval(timer);
  }
}

/** Accepts the upload, refuses everything else: the export only uploads and queues. */
function uploadOnlyMessenger(uploads: Buffer[]): Messenger {
  return new Proxy({} as Messenger, {
    get: (_, method) =>
      method === 'uploadFile'
        ? (_name: string, bytes: Buffer) => (uploads.push(bytes), Promise.resolve({ ok: true, value: { fileKey: `file_bench_${uploads.length}` } }))
        : () => Promise.reject(new Error(`messenger.${String(method)} called during the export bench`)),
  });
}

export async function benchExport(o: { rounds: number; items: number; firedAt?: Date }): Promise<ExportBenchResult> {
  const firedAt = o.firedAt ?? new Date('2026-11-24T09:00:00+08:00');
  const today = beijingDate(firedAt);
  const dir = mkdtempSync(join(tmpdir(), 'sanban-bench-export-'));
  const db = await openDatabase(`file:${join(dir, 'export.db')}`);
  try {
    await migrate(db);
    const calendar = await CalendarService.load(db.prisma, DEFAULT_HOURS);
    await seedLedger(db, calendar.current(), today, o.items);
    const uploads: Buffer[] = [];
    const deps: FeatureDeps = {
      prisma: db.prisma,
      sql: db.sql,
      clock: { now: () => firedAt },
      messenger: uploadOnlyMessenger(uploads),
      documents: new OfflineDocuments(createLogger('silent')),
      log: createLogger('silent'),
      outbox: { deliver: (item) => enqueue(db.prisma, item), kick: () => {} },
      calendar,
      bootstrapAdmins: [],
      jobs: new JobControl(),
      // Not used by the export.
      settings: { supervision: {} as SupervisionSettings },
    };
    const supervisor = await db.prisma.person.findFirstOrThrow({ where: { roles: { some: { role: 'supervisor' } } } });
    const actor: Actor = {
      openId: supervisor.openId!,
      person: { id: supervisor.id, name: supervisor.name, unitId: supervisor.unitId },
      grants: [{ role: 'supervisor', scope: '' }],
      bootstrapAdmin: false,
    };
    const limits = { page: EXPORT_PAGE, cap: EXPORT_CAP };

    const samples = new Map<string, { ms: number; stallMs: number; ticks: number; rows: number }[]>();
    const record = (key: string, m: { ms: number; stallMs: number; ticks: number }, rows: number) =>
      samples.set(key, [...(samples.get(key) ?? []), { ...m, rows }]);
    let rows = 0;
    let bytes = 0;
    let builtOnThread = 0;
    for (let round = 0; round < o.rounds; round++) {
      record('idle', await stalls(() => sleep(1000)), 0);

      const inThread = await stalls(async () => {
        const where = await itemWhere(deps, actor, { kind: 'all' }, today);
        const all: LedgerRow[] = [];
        await loadLedgerRows(deps, where, today, limits, (page) => all.push(...page));
        const file = await sheetXlsx(LEDGER_SHEET, { asOf: today, filterLabel: '全部事项', total: all.length }, all);
        return { rows: all.length, bytes: file.length };
      });
      record('in-thread', inThread, inThread.value.rows);
      await sleep(200);

      const exported = await stalls(() => exportLedger(deps, actor, { kind: 'all' }, { chatId: 'oc_bench', replyTo: `om_bench_export_${round}` }, limits));
      record('worker', exported, exported.value.count);
      rows = exported.value.count;
      bytes = uploads.at(-1)!.length;
      builtOnThread = exported.value.builtOnThread ?? 0;
      if (inThread.value.rows !== rows) throw new Error(`the export held ${rows} rows, the in-thread build ${inThread.value.rows}`);
      await sleep(200);
    }
    const med = (key: string) => {
      const s = samples.get(key)!;
      return {
        ms: median(s.map((x) => x.ms)),
        stallMs: median(s.map((x) => x.stallMs)),
        ticks: median(s.map((x) => x.ticks)),
        rows: median(s.map((x) => x.rows)),
      };
    };
    const idle = med('idle');
    const row = (key: string, name: string): ExportBenchRow => {
      const m = med(key);
      return { name, ...m, ...(key === 'idle' ? {} : { ratio: m.stallMs / Math.max(idle.stallMs, 0.1) }) };
    };
    return {
      items: o.items,
      rows,
      rounds: o.rounds,
      bytes,
      builtOnThread,
      table: [
        row('idle', 'baseline: idle event loop, 1 s'),
        row('in-thread', 'before: workbook built on the event loop (rows read the same way)'),
        row('worker', '督办 导出 (exportLedger): workbook built in a worker thread'),
      ],
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
