import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/**
 * The real entry point, as `npm start` runs it, in an empty directory with no .env, no Lark variables and
 * no HOST (local mode binds 127.0.0.1 by itself).
 */
function start(cwd: string, env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LARK_') && k !== 'DATABASE_URL' && k !== 'PORT' && k !== 'HOST'));
  const child = spawn(process.execPath, ['--env-file-if-exists=.env', '--import', tsx, main], {
    cwd,
    env: { ...clean, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start on a fresh machine', () => {
  it('starts with no .env in local mode: creates its SQLite database, serves /healthz and the page, says Lark credentials are missing, stops cleanly', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-start-'));
    const bot = start(cwd);
    try {
      const url = await waitFor(() => /listening on (http:\/\/[\d.]+:\d+)/.exec(bot.output())?.[1], 20_000);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(existsSync(join(cwd, 'data', 'sanban.db'))).toBe(true);
      expect(bot.output()).toContain('未配置飞书应用凭据');
      expect(bot.output()).toContain('no Lark credentials');
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('三办助手');
      const state = (await (await fetch(`${url}/local/api/state`)).json()) as { people: unknown[] };
      expect(state.people.length).toBeGreaterThan(20);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('refuses a bad value and names the variable', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-start-'));
    const bot = start(cwd, { PORT: 'eighty' });
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toContain('PORT');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('refuses local mode, with exit code 2 and the variable named, where a deployment\'s settings are present', { timeout: 90_000 }, async () => {
    // Port 1: nothing listens there, so a bot that went ahead would fail differently (exit code 1).
    const cases: [Record<string, string>, string][] = [
      [{ LARK_ENCRYPT_KEY: 'an-encrypt-key' }, 'LARK_ENCRYPT_KEY'],
      [{ LARK_VERIFICATION_TOKEN: 'a-token' }, 'LARK_VERIFICATION_TOKEN'],
      [{ LARK_TRANSPORT: 'long-connection' }, 'LARK_TRANSPORT'],
      [{ LARK_DOMAIN: 'lark' }, 'LARK_DOMAIN'],
      [{ HOST: '0.0.0.0' }, 'HOST=0.0.0.0'],
      [{ HOST: '192.168.10.5' }, 'HOST=192.168.10.5'],
      [{ DATABASE_URL: 'postgresql://postgres:pw@127.0.0.1:1/sanban' }, 'DATABASE_URL'],
    ];
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-start-'));
    try {
      const runs = cases.map(([env, name]) => ({ name, bot: start(cwd, env) }));
      for (const { name, bot } of runs) {
        const code = await bot.exited;
        expect({ name, code }).toEqual({ name, code: 2 });
        expect(bot.output()).toContain('未配置飞书应用凭据');
        expect(bot.output()).toContain(name);
        expect(bot.output()).not.toContain('listening on');
      }
      expect(existsSync(join(cwd, 'data'))).toBe(false);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('keeps serving when the local chat history cannot be written (its directory is a file)', { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-start-'));
    writeFileSync(join(cwd, 'data'), 'a file where data/local-lark.json would go');
    const bot = start(cwd, { DATABASE_URL: 'file:./db/sanban.db' });
    try {
      const url = await waitFor(() => /listening on (http:\/\/[\d.]+:\d+)/.exec(bot.output())?.[1], 20_000);
      const token = /name="sanban-session" content="([^"]+)"/.exec(await (await fetch(`${url}/`)).text())?.[1];
      expect(token).toBeTruthy();
      const said = await fetch(`${url}/local/api/say`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sanban-session': token! },
        body: JSON.stringify({ chatId: 'oc_demo_supervision', from: 'ou_demo_supervisor', text: '@三办助手 帮助' }),
      });
      expect(said.status).toBe(200);
      // The save runs 300 ms after the last message.
      await waitFor(() => (bot.output().includes('本地聊天记录无法保存') || bot.child.exitCode !== null ? true : undefined), 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(bot.child.exitCode).toBeNull();
      expect(bot.output()).toContain('本地聊天记录无法保存');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
