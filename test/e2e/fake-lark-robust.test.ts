import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Local mode runs the fake Lark inside the bot's process: a client that goes away mid-request must not end
 * that process. The fake runs in a child process here, so that a crash shows as the child's exit.
 */
describe('the fake Lark survives aborted and broken requests', () => {
  let child: ChildProcess;
  let url: string;
  let appId: string;
  let appSecret: string;
  let stderr = '';

  beforeAll(async () => {
    const server = fileURLToPath(new URL('../../src/local/lark/server.ts', import.meta.url));
    const script = `const { FakeLark } = await import(${JSON.stringify(server)});
      const fake = await new FakeLark().start();
      console.log(JSON.stringify({ url: fake.url, appId: fake.appId, appSecret: fake.appSecret }));`;
    child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
      child.once('exit', (code) => reject(new Error(`fake exited (${code}): ${stderr}`)));
    });
    ({ url, appId, appSecret } = JSON.parse(first) as { url: string; appId: string; appSecret: string });
  });
  afterAll(() => {
    child?.kill();
  });

  /** Writes `raw` to the fake, then drops the connection after `ms`. */
  function sendAndDrop(raw: string, ms: number): Promise<void> {
    const { port } = new URL(url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(raw);
        setTimeout(() => (socket.destroy(), resolve()), ms);
      });
      socket.on('error', () => resolve()); // refused: the fake is gone (the assertions below say so)
    });
  }

  const token = async () =>
    fetch(`${url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
    });

  it('a request aborted mid-body, a malformed request and a client gone before the answer leave it serving', async () => {
    const head = (length: number) =>
      `POST /open-apis/im/v1/messages?receive_id_type=chat_id HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    for (let i = 0; i < 5; i++) await sendAndDrop(`${head(1000)}{"receive_id":"oc_`, 30);
    await sendAndDrop('GARBAGE \u0000\u0001 NOT HTTP\r\n\r\n', 30);
    const body = JSON.stringify({ app_id: appId, app_secret: appSecret });
    await sendAndDrop(
      `POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      0,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBeNull();
    expect(stderr).not.toMatch(/aborted|ECONNRESET|Error/);
    const r = await token();
    expect(r.status).toBe(200);
    expect(((await r.json()) as { code: number }).code).toBe(0);
  });
});
