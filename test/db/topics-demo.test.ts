import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import '../../src/features/index.js';
import { clearObjectTables } from '../../src/platform/objects.js';
import { seedDemoOffice } from '../../src/local/demo-office.js';
import { createTestDatabaseUrl } from '../support/database.js';

/** The demo office's meeting types: seeded with the defaults, the 常务会 presided by 周县长 with its group; demo:reset starts afresh. */
describe('demo meeting types', () => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestDatabaseUrl();
    drop = t.drop;
    db = await openDatabase(t.url);
    await migrate(db);
    await seedDemoOffice(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const check = async () => {
    const p = db.prisma;
    const types = await p.meetingType.findMany({ orderBy: { position: 'asc' } });
    expect(types.map((t) => t.code)).toEqual(['常务会', '县长办公会', '专题会', '党组会']);
    const head = await p.person.findFirstOrThrow({ where: { name: '周县长' } });
    const cwh = types[0]!;
    expect(cwh).toMatchObject({ presidingId: head.id, chatId: 'oc_demo_meeting', dueWorkingDays: 2 });
    expect(JSON.parse(cwh.attendeeIds)).toHaveLength(5);
    const fixed = await p.unit.findMany({ where: { id: { in: JSON.parse(cwh.fixedUnitIds) as string[] } }, select: { name: true } });
    expect(fixed.map((u) => u.name).sort()).toEqual(['县发改局', '县司法局', '县财政局'].sort());
    expect(types[1]).toMatchObject({ presidingId: head.id, chatId: '' });
    expect(types[2]).toMatchObject({ presidingId: '' });
  };

  it('seeds the four types and configures the 常务会 and the 县长办公会', check);

  it('seeding again changes nothing; demo:reset seeds them afresh', async () => {
    const before = await db.prisma.meetingType.findMany({ orderBy: { position: 'asc' } });
    await seedDemoOffice(db.prisma);
    expect(await db.prisma.meetingType.findMany({ orderBy: { position: 'asc' } })).toEqual(before);
    await db.prisma.$transaction((tx) => clearObjectTables(tx));
    expect(await db.prisma.meetingType.count()).toBe(0);
    await seedDemoOffice(db.prisma);
    await check();
  });
});
