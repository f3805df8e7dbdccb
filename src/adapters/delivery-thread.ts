import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../logger.js';
import { createLarkClient } from './lark-client.js';
import { LarkMessenger } from './lark-messenger.js';
import type { DeliveryThreadConfig, DeliveryRequest } from './threaded-messenger.js';

/**
 * The outbox's sends, in a thread of their own (see threaded-messenger.ts): the real SDK client and its
 * token cache live here, so their CPU and garbage stay off the event loop that acks Lark's events.
 */
const config = workerData as DeliveryThreadConfig;
// One logger for the app: every record goes to the parent thread, which writes it through the app's own
// logger (threaded-messenger.ts), so its level, destination and redaction apply, and tests capture it.
const log = createLogger(config.logLevel, { write: (line: string) => void parentPort!.postMessage({ log: line }) });
const { client, tokenCache } = createLarkClient({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, log });
const messenger = new LarkMessenger(client, tokenCache, log);

parentPort!.on('message', (r: DeliveryRequest) => {
  const call = r.method === 'send' ? messenger.send(...r.args) : r.method === 'reply' ? messenger.reply(...r.args) : messenger.updateCard(...r.args);
  // The messenger returns typed results and never throws; a throw here is a bug, reported as one.
  call.then(
    (result) => parentPort!.postMessage({ id: r.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: r.id, result: { ok: false, error: { kind: 'other', message: `delivery thread: ${String(err)}` } } }),
  );
});
