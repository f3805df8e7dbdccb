import { connect, type Socket } from 'node:net';

/** One connection that sends a request's headers, then its body too slowly or not at all. */
export interface SlowBody {
  startedAt: number;
  /** When the server answered (any status line) or closed the connection. */
  endedAt?: number;
  /** The status the server answered with, if it did. */
  status?: number;
  /** Body bytes this client managed to send before the server stopped it. */
  sent: number;
  destroy(): void;
}

/**
 * Opens `url` (http://host:port), sends `POST path` with `headers` and a Content-Length of
 * `declaredBytes`, writes `firstBytes` of the body at once, then `trickleBytes` every `trickleEveryMs`
 * (0: stalls). Never sends the whole body: only the server can end the request.
 */
export function openSlowBody(
  url: string,
  o: { path: string; headers: Record<string, string>; declaredBytes: number; firstBytes: number; trickleEveryMs?: number; trickleBytes?: number },
): SlowBody {
  const u = new URL(url);
  const socket: Socket = connect({ host: u.hostname, port: Number(u.port) });
  const state: SlowBody = { startedAt: Date.now(), sent: 0, destroy: () => socket.destroy() };
  let trickle: NodeJS.Timeout | undefined;
  const end = () => {
    clearInterval(trickle);
    state.endedAt ??= Date.now();
  };
  const write = (n: number) => {
    const room = Math.min(n, o.declaredBytes - 1 - state.sent);
    if (room <= 0 || socket.destroyed) return;
    socket.write(Buffer.alloc(room, 0x41));
    state.sent += room;
  };
  socket.on('connect', () => {
    const head = [
      `POST ${o.path} HTTP/1.1`,
      `Host: ${u.host}`,
      'Content-Type: application/json',
      `Content-Length: ${o.declaredBytes}`,
      ...Object.entries(o.headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    write(o.firstBytes);
    if (o.trickleEveryMs) trickle = setInterval(() => write(o.trickleBytes ?? 1), o.trickleEveryMs);
  });
  let seen = '';
  socket.on('data', (chunk: Buffer) => {
    if (state.status !== undefined) return;
    seen += chunk.toString('latin1');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(seen);
    if (m) {
      state.status = Number(m[1]);
      end();
    }
  });
  socket.on('close', end);
  socket.on('error', end);
  return state;
}
