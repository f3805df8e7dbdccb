// A separate bot process that only delivers the outbox: the crash test kills it with SIGKILL mid-way.
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { OutboxWorker } from '../../src/platform/outbox/worker.js';

const env = process.env as Record<string, string>;
const log = createLogger('silent');
const db = await openDatabase(env.DATABASE_URL!);
const { client, tokenCache } = createLarkClient({ appId: env.LARK_APP_ID!, appSecret: env.LARK_APP_SECRET!, domain: env.LARK_DOMAIN!, log });
const worker = new OutboxWorker({
  sql: db.sql,
  messenger: new LarkMessenger(client, tokenCache, log),
  log,
  instanceId: 'child',
  perAppPerSecond: Number(env.RATE ?? 100),
  perChatPerSecond: 20,
  leaseMs: Number(env.LEASE_MS ?? 1500),
});
process.stdout.write('ready\n');
await worker.drain();
process.stdout.write('drained\n');
await db.close();
