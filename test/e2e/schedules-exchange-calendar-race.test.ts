import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkCalendarAdapter } from '../../src/adapters/lark-calendar.js';
import type { FeatureDeps } from '../../src/features/deps.js';
import { syncEntry } from '../../src/features/schedules/exchange/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { memoryLogger } from '../support/logger.js';

/**
 * Two instances on one database syncing at once, each through its own SDK client (the per-process queue
 * does not serialise them): one shared calendar is created, never two; the same entry synced by both at
 * once is one event (the idempotency key), recorded once.
 */
describe('calendar sync across instances', () => {
  const clock = new FixedClock('2026-12-07T10:00:00+08:00');
  let h: Harness;
  const entryIds: string[] = [];
  let leaderOpenId = '';

  const instance = (): FeatureDeps => {
    const { log } = memoryLogger('silent');
    const sdk = createLarkClient({ appId: h.fake.appId, appSecret: h.fake.appSecret, domain: h.fake.url, log });
    return {
      prisma: h.app.db.prisma,
      clock,
      log,
      settings: { supervision: undefined as never, scheduleCalendar: { sync: true, name: '县领导日程' } },
      larkCalendar: new LarkCalendarAdapter(sdk.client, sdk.tokenCache, log),
    } as unknown as FeatureDeps;
  };

  beforeAll(async () => {
    // The app itself does not sync (off): only the two instances below do.
    h = await startHarness({ clock });
    const db = h.app.db.prisma;
    leaderOpenId = h.fake.addUser('张伟').openId;
    const zhang = (await db.person.create({ data: { name: '张伟', title: '县长', openId: leaderOpenId, roles: { create: [{ role: 'leader' }] } } })).id;
    for (const [i, activity] of ['常务会议', '项目调研', '接待来访'].entries()) {
      const e = await db.scheduleEntry.create({
        data: { leaderId: zhang, date: `2026-12-0${8 + i}`, dayPart: 'exact', startMinute: 540, endMinute: 600, activity, createdBy: 'ou_test' },
      });
      entryIds.push(e.id);
    }
  });
  afterAll(() => h?.stop());

  it('creates one calendar and one event per entry, however the syncs interleave', async () => {
    const a = instance();
    const b = instance();
    const outcomes = await Promise.all([syncEntry(a, entryIds[0]!), syncEntry(b, entryIds[1]!), syncEntry(a, entryIds[2]!), syncEntry(b, entryIds[0]!)]);
    expect(outcomes.filter((o) => o === 'failed')).toEqual([]);
    expect(h.fake.calendar.calendars.size).toBe(1);
    const events = h.fake.calendar.events();
    expect(events.map((e) => e.summary).sort()).toEqual(['张伟 常务会议', '张伟 接待来访', '张伟 项目调研']);
    expect(events.every((e) => e.attendees.length === 1 && e.attendees[0] === leaderOpenId)).toBe(true);
    const rows = await h.app.db.prisma.scheduleEntry.findMany({ where: { id: { in: entryIds } } });
    expect(new Set(rows.map((r) => r.calendarEventId))).toEqual(new Set(events.map((e) => e.eventId)));
    expect(h.fake.callsTo(/\/calendar\/v4\/calendars$/, 'POST')).toHaveLength(1);
  });
});
