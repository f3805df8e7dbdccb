import type { Database } from '../db/client.js';
// Every feature declares its object types (and so its tables) when its module loads.
import '../features/index.js';
import { clearObjectTables } from '../platform/objects.js';
import { seedDemoOffice } from './demo-office.js';

/**
 * Empties every table and seeds the demo office again. Local mode's SQLite file only: a PostgreSQL
 * database is a deployment's (local mode never runs on one). The features' tables are the ones their
 * object types declare (platform/objects.ts); the platform's own follow.
 */
export async function resetDemo(db: Pick<Database, 'prisma' | 'provider'>): Promise<void> {
  if (db.provider !== 'sqlite') throw new Error('demo reset refused: only local mode\'s SQLite database may be reset');
  const { prisma } = db;
  await prisma.$transaction(async (tx) => {
    await clearObjectTables(tx);
    await tx.cardRef.deleteMany();
    await tx.counter.deleteMany();
    await tx.outboxMessage.deleteMany();
    await tx.auditEntry.deleteMany();
    await tx.jobRun.deleteMany();
    await tx.inboundReceipt.deleteMany();
    await tx.calendarDay.deleteMany();
  });
  await seedDemoOffice(prisma);
}
