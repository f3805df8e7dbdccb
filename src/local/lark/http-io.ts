import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * The fake Lark runs inside the bot's own process in local mode, so nothing a client does may throw out of
 * its request handler: a request aborted mid-body rejects the body read ("aborted", ECONNRESET), and an
 * unhandled rejection would end the whole process. Errors of the request or response streams are expected
 * (the client went away) and handled here; what remains is answered 500 if it still can be.
 */
export function safeListener(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, onError?: (err: unknown) => void): RequestListener {
  return (req, res) => {
    // An 'error' with no listener is thrown; these streams fail whenever a client disconnects early.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    handle(req, res).catch((err: unknown) => {
      if (!isDisconnect(err)) onError?.(err);
      if (res.headersSent || res.destroyed || res.writableEnded) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 1, msg: 'fake Lark failed to handle the request' }));
    });
  };
}

function isDisconnect(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNABORTED';
}

/** Thrown by readBody for a body over its limit. */
export class BodyTooLargeError extends Error {}

/** The whole request body; rejects when the client aborts, or past `maxBytes` (the rest is not read). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > maxBytes) throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
