import type { ReceiptStore } from '../router/dedup.js';
import type { PrismaClient } from './client.js';

/** Unique-constraint violation, whichever provider raised it. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

export class PrismaReceiptStore implements ReceiptStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(key: string, windowMs?: number): Promise<boolean> {
    const now = new Date();
    // One statement that reports whether it inserted (SQLite ≥ 3.24 and PostgreSQL): on the ack path of
    // every event, cheaper than Prisma's create, and a re-delivered event costs no unique-violation error.
    const inserted = await this.prisma.$executeRaw`INSERT INTO "InboundReceipt" ("key", "receivedAt") VALUES (${key}, ${now}) ON CONFLICT ("key") DO NOTHING`;
    if (inserted === 1) return true;
    if (windowMs === undefined) return false;
    // Seen, but long enough ago to be a new act: take it over atomically (one of two racers wins).
    const { count } = await this.prisma.inboundReceipt.updateMany({
      where: { key, receivedAt: { lt: new Date(now.getTime() - windowMs) } },
      data: { receivedAt: now },
    });
    return count === 1;
  }

  /** Receipts older than Lark's retry window (~7.1 h) can go; keep a week for safety. */
  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.inboundReceipt.deleteMany({ where: { receivedAt: { lt: olderThan } } });
    return count;
  }
}
