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
    try {
      await this.prisma.inboundReceipt.create({ data: { key, receivedAt: now } });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (windowMs === undefined) return false;
      // Seen, but long enough ago to be a new act: take it over atomically (one of two racers wins).
      const { count } = await this.prisma.inboundReceipt.updateMany({
        where: { key, receivedAt: { lt: new Date(now.getTime() - windowMs) } },
        data: { receivedAt: now },
      });
      return count === 1;
    }
  }

  /** Receipts older than Lark's retry window (~7.1 h) can go; keep a week for safety. */
  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.inboundReceipt.deleteMany({ where: { receivedAt: { lt: olderThan } } });
    return count;
  }
}
