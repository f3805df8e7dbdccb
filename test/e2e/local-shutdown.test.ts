import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Opens the page's event stream as a browser would and resolves once its first event has arrived. */
function openStream(url: string): Promise<{ ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/local/api/stream`, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      const ended = new Promise<void>((done) => {
        res.on('close', done);
        res.on('error', () => done());
      });
      res.once('data', () => resolve({ ended }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local mode shutdown with the page open', () => {
  it('closes open event streams on SIGTERM and exits within 5 s', { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-shutdown-'));
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('LARK_') && k !== 'DATABASE_URL' && k !== 'PORT' && k !== 'HOST'),
    );
    const child = spawn(process.execPath, ['--env-file-if-exists=.env', '--import', tsx, main], {
      cwd,
      env: { ...clean, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let url: string | undefined;
      for (const until = Date.now() + 20_000; !url && Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
        url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      }
      expect(url).toBeTruthy();
      // Two tabs open, as a person trying things tends to have.
      const streams = await Promise.all([openStream(url!), openStream(url!)]);
      const signalled = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 5_000))]);
      expect(code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5_000);
      await Promise.all(streams.map((s) => s.ended));
    } finally {
      child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
