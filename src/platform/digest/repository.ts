import type { PrismaClient } from '../../db/client.js';
import { uuidFor } from '../outbox/outbox.js';

export type DigestDb = PrismaClient;

/** Whether the card keyed `key` is in the outbox already (queued, sent or failed: it is not queued again). */
export async function cardQueued(db: DigestDb, key: string): Promise<boolean> {
  return (await db.outboxMessage.findUnique({ where: { uuid: uuidFor(key) }, select: { id: true } })) !== null;
}
