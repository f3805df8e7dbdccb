import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay that delays every byte by a fixed latency (each way), and can be cut (every
 * connection destroyed, the port closed) and restored on the same port. The latency makes "the
 * database fails mid-processing" certain rather than lucky: once an event's receipt has committed and
 * Lark has its 200, the processing that follows still waits at least one round trip for its first
 * answer — and its first statement has not yet reached the server — so a cut made right after the
 * ack lands inside it, before it could commit anything.
 */
export class LatencyProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  connections = 0;

  constructor(
    private readonly target: { host: string; port: number },
    /** May be changed between phases; applies to data relayed from then on. */
    public latencyMs: number,
  ) {}

  async start(): Promise<number> {
    if (this.server) return this.port;
    const server = createServer((client) => {
      this.connections++;
      const upstream = connect(this.target.port, this.target.host);
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', cut);
      }
      client.on('close', cut);
      upstream.on('close', cut);
      // Both ways, so that a statement sent just before a cut never reaches the server. Timers of equal
      // delay fire in order, so each stream keeps its order.
      const relay = (from: Socket, to: Socket) =>
        from.on('data', (chunk: Buffer) => {
          setTimeout(() => {
            if (!to.destroyed) to.write(chunk);
          }, this.latencyMs);
        });
      relay(client, upstream);
      relay(upstream, client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this.port;
  }

  /** The database "goes away": every connection is destroyed and new ones are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }
}
