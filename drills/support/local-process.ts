import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

export interface LocalProcess {
  child: ChildProcess;
  /** The page's address, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The page's session token, read from the served page as the browser does. */
  token: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Stops it (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Local mode as `npm start` runs it on a fresh machine: src/main.ts in an empty directory, with no Lark
 * variable, no HOST and no DATABASE_URL (its own SQLite file).
 */
export async function spawnLocalMode(timeoutMs = 30_000): Promise<LocalProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'sanban-drill-local-'));
  const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LARK_') && !['DATABASE_URL', 'HOST', 'PORT'].includes(k)));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
    cwd,
    env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer) => (out = (out + c.toString('utf8')).slice(-50_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(cwd, { recursive: true, force: true });
  };
  try {
    const url = await waitFor(
      'local mode to listen',
      () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? (child.exitCode !== null ? 'exited' : undefined),
      { timeoutMs },
    );
    if (url === 'exited') throw new Error(`local mode exited before serving:\n${out}`);
    const page = await (await fetch(`${url}/`)).text();
    const token = /<meta name="sanban-session" content="([^"]+)">/.exec(page)?.[1];
    if (!token) throw new Error('the page carries no session token');
    return { child, url, token, output: () => out, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
