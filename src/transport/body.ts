import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}
export class BodyBudgetExhausted extends Error {}

/**
 * Bytes of request bodies held at once, across all requests being read. Bodies are buffered before
 * their signature can be checked, so this — not the per-request limit times the connections — bounds
 * what unauthenticated senders can make the process hold.
 */
export class BodyBudget {
  private used = 0;
  constructor(readonly maxBytes: number) {}

  get inUse(): number {
    return this.used;
  }

  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}

/**
 * Reads a request body of at most `limit` bytes. A declared length over the limit is refused before a
 * byte is read. Whatever ends the request — its end, an error, the socket closed by a timeout — gives
 * its bytes back to the budget.
 */
export function readRawBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      budget.give(size);
      req.off('data', onData);
      if (err) {
        chunks.length = 0;
        // Let the rest drain (Node does so for a body nobody reads): destroying the request instead
        // would reset the connection, and the client would never see the answer.
        req.resume();
        reject(err);
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return settle(new BodyTooLarge());
      if (!budget.take(chunk.length)) return settle(new BodyBudgetExhausted());
      size += chunk.length;
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle());
    req.once('error', (err) => settle(err));
    req.once('close', () => settle(new Error('request closed before its end')));
  });
}
