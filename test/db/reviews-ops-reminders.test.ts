import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineDocuments } from '../../src/adapters/offline-documents.js';
import { OfflineMessenger } from '../../src/adapters/offline-messenger.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { runReviewReminders } from '../../src/features/reviews/ops/index.js';
import { reviewSettings } from '../../src/features/reviews/ops/desk-lines.js';
import '../../src/features/reviews/object-type.js';
import { createLogger } from '../../src/logger.js';
import { CalendarService } from '../../src/platform/calendar/calendar-service.js';
import { DEFAULT_HOURS } from '../../src/platform/calendar/working-hours.js';
import { enqueue } from '../../src/platform/outbox/outbox.js';
import { JobControl } from '../../src/platform/scheduler/job-control.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';

const at = (s: string) => new Date(`${s}+08:00`);

/**
 * Two instances (or two overlapping runs) deciding the same rungs at once: each holding's rung is sent
 * once, by whichever run wins the compare-and-set on ReviewStep.remindedRank.
 */
describe(`review reminders, two runs at once, on ${testProvider}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let deps: FeatureDeps;

  beforeAll(async () => {
    const t = await createTestDatabaseUrl();
    drop = t.drop;
    db = await openDatabase(t.url);
    await migrate(db);
    const log = createLogger('silent');
    deps = {
      prisma: db.prisma,
      sql: db.sql,
      clock: { now: () => at('2026-12-01T10:00:00') },
      messenger: new OfflineMessenger(log),
      documents: new OfflineDocuments(log),
      log,
      outbox: { deliver: (item) => enqueue(db.prisma, item), kick: () => {} },
      calendar: await CalendarService.load(db.prisma, DEFAULT_HOURS),
      bootstrapAdmins: [],
      jobs: new JobControl(),
      settings: { supervision: {} as FeatureDeps['settings']['supervision'] },
    };
    // 60 平件 drafts at the 科长 for a week (past 2×), 60 at 1× only, each with a next level waiting.
    for (let i = 0; i < 120; i++) {
      const reachedAt = i < 60 ? at('2026-11-23T09:00:00') : at('2026-11-26T09:00:00');
      const draft = await db.prisma.reviewDraft.create({
        data: {
          year: 2026,
          seq: i + 1,
          number: `审〔2026〕${i + 1}号`,
          title: `稿${i + 1}`,
          kind: 'general',
          urgency: 'normal',
          sourceType: 'file',
          drafterId: 'p-drafter',
          drafterOpenId: 'ou_drafter',
          unitId: 'u1',
          status: 'reviewing',
          submittedAt: reachedAt,
          statusAt: reachedAt,
        },
      });
      await db.prisma.reviewStep.createMany({
        data: [
          {
            draftId: draft.id,
            position: 100,
            role: 'section_chief',
            label: '科长',
            personId: 'p1',
            openId: `ou_chief_${i % 7}`,
            personName: `科长${i % 7}`,
            status: 'current',
            reachedAt,
          },
          {
            draftId: draft.id,
            position: 200,
            role: 'deputy_director',
            label: '分管副主任',
            personId: 'p2',
            openId: 'ou_deputy',
            personName: '王副主任',
            status: 'waiting',
          },
        ],
      });
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('sends each rung once across concurrent runs', async () => {
    const firedAt = at('2026-12-01T10:00:00');
    const settings = reviewSettings(deps);
    const runs = await Promise.all([
      runReviewReminders(deps, firedAt, settings),
      runReviewReminders(deps, firedAt, settings),
      runReviewReminders(deps, firedAt, settings),
    ]);
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(60);
    expect(runs.reduce((n, r) => n + r.nudged, 0)).toBe(60);
    const queued = await db.prisma.outboxMessage.count({ where: { origin: 'job:reviews.remind' } });
    // 60 nudges + 60 escalations to the holder + 60 notices to the next level.
    expect(queued).toBe(180);
    expect(await db.prisma.reviewEvent.count()).toBe(120);
    expect(await db.prisma.reviewStep.count({ where: { status: 'current', remindedRank: 2 } })).toBe(60);
    expect(await db.prisma.reviewStep.count({ where: { status: 'current', remindedRank: 1 } })).toBe(60);
    // Run again: nothing new.
    await runReviewReminders(deps, firedAt, settings);
    expect(await db.prisma.outboxMessage.count({ where: { origin: 'job:reviews.remind' } })).toBe(180);
  }, 60_000);
});
