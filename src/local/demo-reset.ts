import type { PrismaClient } from '../db/client.js';
import { seedDemoOffice } from './demo-office.js';

/** Empties every table (children first) and seeds the demo office again. */
export async function resetDemo(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.supervisionEvent.deleteMany();
    await tx.supervisionExtension.deleteMany();
    await tx.supervisionMilestone.deleteMany();
    await tx.supervisionItem.deleteMany();
    await tx.cardRef.deleteMany();
    await tx.counter.deleteMany();
    await tx.outboxMessage.deleteMany();
    await tx.auditEntry.deleteMany();
    await tx.jobRun.deleteMany();
    await tx.inboundReceipt.deleteMany();
    await tx.chatBinding.deleteMany();
    await tx.roleGrant.deleteMany();
    await tx.person.deleteMany();
    await tx.unit.deleteMany();
    await tx.calendarDay.deleteMany();
  });
  await seedDemoOffice(prisma);
}
