import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP relay between the bot and the fake Lark Open API that can lose the answer to a request the
 * fake has already carried out — the case a message's uuid exists for: Lark posted the message, the
 * bot never heard, and retries.
 */
export class LossyProxy {
  private server?: Server;
  /** Answers dropped after the fake handled the request: [replaced by a 502, connection cut]. */
  readonly lost = { badGateway: 0, cut: 0 };

  constructor(
    private readonly upstream: string,
    private readonly lose: (req: { method: string; path: string }) => 'badGateway' | 'cut' | undefined,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = new URL(req.url ?? '/', this.upstream);
        const headers = { ...req.headers, host: target.host };
        const forward = request(target, { method: req.method, headers }, (answer: IncomingMessage) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const loss = answer.statusCode === 200 ? this.lose({ method: req.method ?? '', path: target.pathname }) : undefined;
            if (loss === 'cut') {
              this.lost.cut++;
              req.socket.destroy();
              return;
            }
            if (loss === 'badGateway') {
              this.lost.badGateway++;
              res.writeHead(502, { 'content-type': 'text/html' });
              res.end('<html><body>502 Bad Gateway</body></html>');
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        });
        forward.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        forward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
