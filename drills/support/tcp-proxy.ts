import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the bot and its database, to take the database away without touching the
 * server others use: `stop()` closes the port and cuts every connection (as a crashed or stopped
 * server would), `start()` listens again on the same port. `blackhole()` models a silent network
 * partition instead: connections stay open and new ones are accepted, but no byte gets through in
 * either direction and nobody is told (no FIN, no RST), until `heal()`.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private dropping = false;
  private resetting = false;
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
      // Not pipe(): while blackholed the bytes are read and thrown away, so the sender sees its writes
      // succeed (the kernel acknowledges them) and waits for an answer that never comes.
      client.on('data', (chunk) => {
        // Resetting: the request reached us and the connection dies with an RST, no answer (a crashed or restarted peer).
        if (this.resetting) {
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
        if (!this.dropping) upstream.write(chunk);
      });
      upstream.on('data', (chunk) => void (this.dropping || client.write(chunk)));
      client.on('end', () => void (this.dropping || upstream.end()));
      upstream.on('end', () => void (this.dropping || client.end()));
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

  /** While on, each connection is reset (RST) as soon as it sends a byte; `resets(false)` relays again. */
  resets(on: boolean): void {
    this.resetting = on;
  }

  /** From now on every byte either way is silently dropped; connections are neither refused nor closed. */
  blackhole(): void {
    this.dropping = true;
  }

  /**
   * Bytes flow again. Connections that lost bytes meanwhile are out of step with the server (a
   * partition that heals does not replay what was lost): they are cut, as TCP would time them out.
   */
  heal(): void {
    if (!this.dropping) return;
    this.dropping = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
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
