import type { Database } from '../db/client.js';
// Every feature declares its object types (and so its tables) when its module loads.
import '../features/index.js';
import { clearObjectTables } from '../platform/objects.js';
import { assertDemoDatabase } from './demo-marker.js';
import { seedDemoOffice } from './demo-office.js';

/** demo:reset's heading when the environment is not local mode's (localModeSettings names each setting). */
export const DEMO_RESET_REFUSED = 'demo:reset 只用于本地体验模式：下列设置表明这里不是本机体验环境，为防误删正式数据，已停止 (demo:reset refused):';

/**
 * Empties every table and seeds the demo office again. Local mode's SQLite file only: a PostgreSQL
 * database is a deployment's (local mode never runs on one), and so is a SQLite file with data but
 * without the demo marker (a ConfigError saying so). The features' tables are the ones their object
 * types declare (platform/objects.ts); the platform's own follow.
 */
export async function resetDemo(db: Pick<Database, 'prisma' | 'provider'>): Promise<void> {
  if (db.provider !== 'sqlite') throw new Error("demo reset refused: only local mode's SQLite database may be reset");
  const { prisma } = db;
  // A SQLite file may be a deployment's too (file:./data/sanban.db is its default): the demo's only.
  await assertDemoDatabase(prisma, 'reset');
  await prisma.$transaction(async (tx) => {
    await clearObjectTables(tx);
    await tx.cardRef.deleteMany();
    await tx.counter.deleteMany();
    await tx.outboxMessage.deleteMany();
    await tx.auditEntry.deleteMany();
    await tx.jobRun.deleteMany();
    await tx.timer.deleteMany();
    await tx.inboundReceipt.deleteMany();
    await tx.calendarDay.deleteMany();
  });
  await seedDemoOffice(prisma);
}
