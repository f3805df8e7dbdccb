import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import '../../src/features/index.js';
import { clearObjectTables } from '../../src/platform/objects.js';
import { seedDemoOffice } from '../../src/local/demo-office.js';
import { seedDemoSchedules } from '../../src/local/demo-schedules.js';
import { WorkCalendar } from '../../src/platform/calendar/work-calendar.js';
import { addDays } from '../../src/platform/time.js';
import { createTestDatabaseUrl } from '../support/database.js';

/** The demo office's fortnight of 领导日程: entries on working days, 值班 on days off; demo:reset starts it afresh. */
describe('demo schedules', () => {
  let db: Database;
  let drop: () => Promise<void>;
  const today = '2026-09-28'; // a fortnight over the National Day holiday and its make-up Saturday
  const calendar = new WorkCalendar();
  const days = Array.from({ length: 14 }, (_, i) => addDays(today, i));

  beforeAll(async () => {
    const t = await createTestDatabaseUrl();
    drop = t.drop;
    db = await openDatabase(t.url);
    await migrate(db);
    await seedDemoOffice(db.prisma);
    await db.prisma.scheduleEntry.deleteMany();
    await db.prisma.dutyRoster.deleteMany();
    await seedDemoSchedules(db.prisma, today);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('puts entries on working days only (the make-up Saturday included), a draft for 周县长 each day, and 值班 on days off', async () => {
    const entries = await db.prisma.scheduleEntry.findMany();
    const working = days.filter((d) => calendar.isWorkingDay(d));
    expect(new Set(entries.map((e) => e.date))).toEqual(new Set(working));
    expect(working).toContain('2026-10-10');
    const head = await db.prisma.person.findFirstOrThrow({ where: { openId: 'ou_demo_head' } });
    for (const d of working) expect(entries.some((e) => e.date === d && e.leaderId === head.id && e.status === 'draft')).toBe(true);
    const roster = await db.prisma.dutyRoster.findMany();
    expect(roster.map((r) => r.date).sort()).toEqual(days.filter((d) => !calendar.isWorkingDay(d)));
    // Seeding again keeps what is there.
    await seedDemoSchedules(db.prisma, today);
    expect(await db.prisma.scheduleEntry.count()).toBe(entries.length);
  });

  it('demo:reset’s clearing empties the broadcast claims and the 值班表 with the entries, and seeds them once', async () => {
    await db.prisma.scheduleBroadcast.create({ data: { date: today, chatId: 'oc_demo_schedule', kind: 'schedule' } });
    // What demo:reset does (it runs on local mode's SQLite only): every declared type's tables, then the seed.
    await db.prisma.$transaction((tx) => clearObjectTables(tx));
    await seedDemoOffice(db.prisma);
    expect(await db.prisma.scheduleBroadcast.count()).toBe(0);
    const roster = await db.prisma.dutyRoster.findMany();
    expect(new Set(roster.map((r) => r.date)).size).toBe(roster.length);
  });
});
