import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineDocuments } from '../../src/adapters/offline-documents.js';
import { seedLedger } from '../../bench/ledger.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { DEFAULT_LADDER } from '../../src/features/supervision/domain/chase-ladder.js';
import { runChase } from '../../src/features/supervision/jobs/chase.js';
import '../../src/features/supervision/policy.js';
import { createLogger } from '../../src/logger.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import { JobControl } from '../../src/platform/scheduler/job-control.js';
import { beijingDate } from '../../src/platform/time.js';
import { OfflineMessenger } from '../../src/adapters/offline-messenger.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

/**
 * The daily chase saves each item's ladder step on the version it read. Many items climbing the same
 * rung on one day must not make one statement with more bound values than the database takes (SQLite:
 * 999): the whole chase used to roll back, and nobody was reminded.
 */
describe(`chase at scale on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  const firedAt = new Date('2026-11-24T09:00:00+08:00');
  const today = beijingDate(firedAt);

  beforeAll(async () => {
    const t = await createTestDatabaseUrl();
    drop = t.drop;
    db = await openDatabase(t.url);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('advances 1,000+ items on the same rung in one run', async () => {
    const calendarService = await CalendarService.load(db.prisma, DEFAULT_HOURS);
    const calendar = calendarService.current();
    await seedLedger(db, calendar, today, 3000);
    // Every open item due on the next working day: all on the same "1 working day before" rung.
    const due = calendar.addWorkingDays(today, 1);
    const open = await db.prisma.supervisionItem.updateMany({
      where: { status: { in: ['pending_ack', 'in_progress', 'returned'] } },
      data: { deadline: due, chaseStep: 0 },
    });
    expect(open.count).toBeGreaterThan(1000);
    const log = createLogger('silent');
    const deps: FeatureDeps = {
      prisma: db.prisma,
      sql: db.sql,
      clock: { now: () => firedAt },
      messenger: new OfflineMessenger(log),
      documents: new OfflineDocuments(log),
      log,
      outbox: { deliver: (item) => enqueue(db.prisma, item), kick: () => {} },
      calendar: calendarService,
      bootstrapAdmins: [],
      jobs: new JobControl(),
      settings: {
        supervision: {
          chaseCron: '0 9 * * *',
          reportCron: '30 9 * * 1',
          remindBefore: DEFAULT_LADDER.before,
          firstOverdue: DEFAULT_LADDER.firstOverdue,
          escalateAt: DEFAULT_LADDER.escalateAt,
          repeatEvery: DEFAULT_LADDER.repeatEvery,
        },
      },
    };
    const result = await runChase(deps, firedAt, DEFAULT_LADDER);
    // Every one of them climbs (items the seed already had on a rung may climb too).
    expect(result.advanced).toBeGreaterThanOrEqual(open.count);
    const left = await db.prisma.supervisionItem.count({ where: { deadline: due, status: { in: ['pending_ack', 'in_progress', 'returned'] }, chaseStep: 0 } });
    expect(left).toBe(0);
    expect(await db.prisma.outboxMessage.count({ where: { origin: 'job:supervision.chase' } })).toBeGreaterThan(0);
  }, 120_000);
});
