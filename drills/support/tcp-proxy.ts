import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the bot and its database, to take the database away without touching the
 * server others use: `stop()` closes the port and cuts every connection (as a crashed or stopped
 * server would), `start()` listens again on the same port.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** Connections relayed so far (the bot's pool reconnecting shows here). */
  connections = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get up(): boolean {
    return !!this.server;
  }

  async start(): Promise<number> {
    if (this.server) return this.port;
    const server = createServer((client) => {
      this.connections++;
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
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
