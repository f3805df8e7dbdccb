import type { ReceiptStore } from '../router/dedup.js';
import type { PrismaClient } from './client.js';

/** Unique-constraint violation, whichever provider raised it. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

export class PrismaReceiptStore implements ReceiptStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(key: string): Promise<boolean> {
    try {
      await this.prisma.inboundReceipt.create({ data: { key } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Receipts older than Lark's retry window (~7.1 h) can go; keep a week for safety. */
  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.inboundReceipt.deleteMany({ where: { receivedAt: { lt: olderThan } } });
    return count;
  }
}
