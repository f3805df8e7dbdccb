import { Agent, request } from 'node:http';

export interface RawAnswer {
  status: number;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * A request exactly as given, Host and Origin included (what a hostile page's browser, or a
 * DNS-rebinding name, sends): fetch cannot set Host. Status 0 when the connection failed. An event
 * stream answers with its first chunk.
 */
export function rawRequest(
  url: string,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<RawAnswer> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      { host: u.hostname, port: u.port, method: o.method ?? 'GET', path: o.path, headers: o.headers ?? {}, agent, timeout: o.timeoutMs ?? 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        const done = () => resolve({ status: res.statusCode ?? 0, text });
        res.on('data', (c: string) => {
          text += c;
          if (String(res.headers['content-type']).startsWith('text/event-stream')) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(o.body);
  });
}
