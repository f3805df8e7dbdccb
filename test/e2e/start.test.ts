import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { localModeSettings } from '../../src/local/eligibility.js';

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
  it(
    'starts with no .env in local mode: creates its SQLite database, serves /healthz and the page, says Lark credentials are missing, stops cleanly',
    { timeout: 60_000 },
    async () => {
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
    },
  );

  it('refuses a bad value and names the variable', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-start-'));
    const bot = start(cwd, { PORT: 'eighty' });
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toContain('PORT');
    rmSync(cwd, { recursive: true, force: true });
  });

  it("refuses local mode, with exit code 2 and the variable named, where a deployment's settings are present", { timeout: 90_000 }, async () => {
    // Each setting checked in-process, by the same two calls main.ts makes (spawning a node+tsx process
    // per case on a 2-core CI machine took most of a minute).
    const cases: [Record<string, string>, string][] = [
      [{ LARK_ENCRYPT_KEY: 'an-encrypt-key' }, 'LARK_ENCRYPT_KEY'],
      [{ LARK_VERIFICATION_TOKEN: 'a-token' }, 'LARK_VERIFICATION_TOKEN'],
      [{ LARK_TRANSPORT: 'long-connection' }, 'LARK_TRANSPORT'],
      [{ LARK_DOMAIN: 'lark' }, 'LARK_DOMAIN'],
      [{ HOST: '0.0.0.0' }, 'HOST=0.0.0.0'],
      [{ HOST: '192.168.10.5' }, 'HOST=192.168.10.5'],
      [{ DATABASE_URL: 'postgresql://postgres:pw@127.0.0.1:1/sanban' }, 'DATABASE_URL'],
    ];
    for (const [env, name] of cases) {
      const config = loadConfig({ PORT: '0', ...env });
      expect({ name, local: !config.lark.hasCredentials }).toEqual({ name, local: true });
      let refused: unknown;
      try {
        localModeSettings({ PORT: '0', ...env });
      } catch (err) {
        refused = err;
      }
      expect({ name, refused: refused instanceof ConfigError }).toEqual({ name, refused: true });
      expect((refused as Error).message).toContain('未配置飞书应用凭据');
      expect((refused as Error).message).toContain(name);
      expect((refused as Error).message).not.toContain(':pw@');
    }
    // One real process for the path itself, processes run one at a time: the exit code and the message.
    // Port 1: nothing listens there, so a bot that went ahead would fail differently (exit code 1).
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-start-'));
    try {
      const bot = start(cwd, { DATABASE_URL: 'postgresql://postgres:pw@127.0.0.1:1/sanban' });
      expect(await bot.exited).toBe(2);
      expect(bot.output()).toContain('未配置飞书应用凭据');
      expect(bot.output()).toContain('DATABASE_URL');
      expect(bot.output()).not.toContain('listening on');
      expect(existsSync(join(cwd, 'data'))).toBe(false);
      // A SQLite file with a directory the demo did not create (a deployment's default file): refused too.
      mkdirSync(join(cwd, 'data'));
      const db = await openDatabase(`file:${join(cwd, 'data', 'sanban.db')}`);
      await migrate(db);
      const unit = await db.prisma.unit.create({ data: { name: '县住建局', code: 'zjj', kind: 'department' } });
      await db.prisma.person.create({ data: { name: '李正式', openId: 'ou_7d8a6e3f0b1c2d4e', unitId: unit.id, title: '局长' } });
      await db.close();
      const theirs = start(cwd);
      expect(await theirs.exited).toBe(2);
      expect(theirs.output()).toContain('缺少演示标记');
      expect(theirs.output()).not.toContain('listening on');
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
