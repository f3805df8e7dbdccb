import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import { sdkDomain, sdkLogger } from '../adapters/lark-client.js';

/**
 * Long-connection mode: the SDK's WSClient receives events and card callbacks (as `type=event` frames)
 * and runs the same EventDispatcher as the webhook. Never run two of these on one app id: Lark gives
 * each event to one random connection.
 */
export async function startLongConnection(o: {
  appId: string;
  appSecret: string;
  domain: string;
  dispatcher: lark.EventDispatcher;
  log: Logger;
}): Promise<{ close(): void }> {
  const ws = new lark.WSClient({
    appId: o.appId,
    appSecret: o.appSecret,
    domain: sdkDomain(o.domain),
    logger: sdkLogger(o.log, [o.appSecret]),
    loggerLevel: lark.LoggerLevel.warn,
    // Without a ping timeout a half-dead socket (sleep, NAT) is never noticed.
    wsConfig: { pingTimeout: 30 },
    onReady: () => o.log.info('long connection to Lark established'),
    // A wrong app secret ends in a non-retryable error: say so loudly, events will not arrive.
    onError: (err: Error) => o.log.error({ err }, '飞书长连接失败，收不到任何事件 (long connection to Lark failed; check LARK_APP_ID / LARK_APP_SECRET)'),
  });
  // start() returns before the socket is open; onReady reports the connection.
  await ws.start({ eventDispatcher: o.dispatcher });
  o.log.info('starting the long connection to Lark');
  return { close: () => ws.close({ force: true }) };
}
