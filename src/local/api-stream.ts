import type Router from '@koa/router';
import { PassThrough } from 'node:stream';
import type { LocalContext } from './api.js';
import { botMessage, clockView, personMessage } from './api-views.js';
import { documentView } from './api-documents.js';
import type { Buzz, FakeDocument, InboundRecord, StoredMessage } from './lark/server.js';

/**
 * The page's live view (`GET /local/api/stream`, server-sent events): new and updated messages, the clock,
 * documents and buzzes. Returns what ends every open stream for good and refuses new ones, for local mode's stop.
 */
export function registerEventStream(router: Router, ctx: LocalContext): { closeStreams(): void } {
  const { fake, guard } = ctx;
  /** Open event streams, each with what ends it for good (the stream, then its connection). */
  const streams = new Map<() => void, () => void>();
  let closing = false;
  const json = (body: unknown) => body;

  router.get('/local/api/stream', guard.read, (k) => {
    if (closing) {
      // Shutting down: a page reconnecting now would only hold the server open again.
      k.status = 503;
      k.body = json({ error: '助手正在停止，请稍后刷新页面。' });
      return;
    }
    const stream = new PassThrough();
    const send = (event: string, data: unknown) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onMessage = (m: StoredMessage) => send('message', botMessage(fake, m));
    const onInbound = (r: InboundRecord) => send('message', personMessage(fake, r));
    const onClock = () => send('clock', clockView(ctx));
    const onDocument = (d: FakeDocument) => send('document', documentView(fake, d));
    const onBuzz = (b: Buzz) => {
      const m = fake.messages.get(b.messageId);
      if (m) send('message', botMessage(fake, m));
    };
    fake.events.on('message', onMessage);
    fake.events.on('inbound', onInbound);
    fake.events.on('clock', onClock);
    fake.events.on('document', onDocument);
    fake.events.on('buzz', onBuzz);
    const ping = setInterval(() => stream.write(': ping\n\n'), 15_000);
    const close = () => {
      streams.delete(close);
      clearInterval(ping);
      fake.events.off('message', onMessage);
      fake.events.off('inbound', onInbound);
      fake.events.off('clock', onClock);
      fake.events.off('document', onDocument);
      fake.events.off('buzz', onBuzz);
      stream.end();
    };
    // At shutdown the stream ends and its keep-alive connection goes too, so the server can close.
    const socket = k.req.socket;
    streams.set(close, () => {
      close();
      if (k.res.writableFinished) socket.destroy();
      else k.res.once('finish', () => socket.destroy());
      // A client that stops reading would hold the final bytes (and the server) for good: not past a second.
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
    k.req.on('close', close);
    k.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    k.body = stream;
    send('clock', clockView(ctx));
  });

  return {
    closeStreams() {
      closing = true;
      for (const end of [...streams.values()]) end();
    },
  };
}
