import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { memoryLogger } from '../support/logger.js';

interface Raw {
  status: number;
  text: string;
}

/** A request exactly as given (Host included), as a hostile page's browser or a rebinding name sends it. */
function raw(url: string, o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] }): Promise<Raw> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: o.method ?? 'GET', path: o.path, headers: o.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      // An event stream that was (wrongly) let through never ends: take what came first.
      const done = () => resolve({ status: res.statusCode ?? 0, text });
      res.on('data', (c: string) => {
        text += c;
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', () => done());
    });
    req.on('error', reject);
    if (o.chunks) for (const c of o.chunks) req.write(c);
    else if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

describe('local mode: only the page itself can drive its API (CSRF, DNS rebinding, stolen sessions, huge bodies)', () => {
  let local: LocalMode;
  let dir: string;
  let host: string;
  let origin: string;
  const supervisor = openIdOf('supervisor');
  const group = 'oc_demo_supervision';
  const say = JSON.stringify({ chatId: group, from: supervisor, text: '@三办助手 帮助' });
  const time = JSON.stringify({ days: 7 });
  const json = () => ({ 'content-type': 'application/json', [SESSION_HEADER]: local.sessionToken });

  /** What any accepted request would change: people's messages, the bot's, deliveries, the clock. */
  const state = () =>
    JSON.stringify({
      inbound: local.fake.inboundMessages.size,
      sent: local.fake.messages.size,
      deliveries: local.fake.deliveries.length,
      clock: local.clock.now().toISOString().slice(0, 16),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-guard-'));
    const { log } = memoryLogger('warn');
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log,
      statePath: join(dir, 'local-lark.json'),
    });
    host = new URL(local.app.url).host;
    origin = local.app.url;
    // The start-up catch-up first (on the real clock, a morning run sends the 补发 broadcast): the tests
    // compare what was sent before and after a refused request.
    for (let i = 0; i < 200 && (await local.app.scheduler.lastRuns()).get('housekeeping')?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    await local.app.scheduler.idle();
    await local.app.settle();
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, headers: Record<string, string>, body: string | Buffer = say) =>
    raw(local.app.url, { method: 'POST', path, headers: { host, ...headers }, body });

  it('refuses a cross-site text/plain POST (an HTML form or no-cors fetch), with or without an Origin', async () => {
    const before = state();
    for (const path of ['/local/api/say', '/local/api/time', '/local/api/click']) {
      const body = path.endsWith('time') ? time : say;
      const fromSite = await post(path, { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, body);
      expect(fromSite.status).toBe(403);
      expect(JSON.parse(fromSite.text).error).toContain('只能在本机打开的体验页面中操作');
      // Even a text/plain POST carrying the token (and no Origin) is refused: JSON only.
      const plain = await post(path, { 'content-type': 'text/plain', [SESSION_HEADER]: local.sessionToken }, body);
      expect(plain.status).toBe(415);
      const form = await post(path, { 'content-type': 'application/x-www-form-urlencoded', [SESSION_HEADER]: local.sessionToken }, 'days=7');
      expect(form.status).toBe(415);
    }
    await local.app.settle();
    expect(state()).toBe(before);
  });

  it('refuses a wrong Origin even with the token and JSON (another port on this machine, a null origin, https)', async () => {
    const before = state();
    const port = new URL(origin).port;
    for (const o of [
      'http://evil.example',
      `http://127.0.0.1:${Number(port) + 1}`,
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1.evil.example:${port}`,
    ]) {
      const r = await post('/local/api/time', { ...json(), origin: o }, time);
      expect({ o, status: r.status }).toEqual({ o, status: 403 });
    }
    const sameSite = await post('/local/api/say', { ...json(), 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    expect(state()).toBe(before);
  });

  it('refuses a DNS-rebinding Host on every route, the page and its data included', async () => {
    const before = state();
    const port = new URL(origin).port;
    for (const h of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`, `user@127.0.0.1:${port}`]) {
      const r = await raw(local.app.url, { method: 'POST', path: '/local/api/say', headers: { ...json(), host: h }, body: say });
      expect({ h, status: r.status }).toEqual({ h, status: 403 });
      for (const path of [
        '/',
        '/local/static/app.js',
        '/local/api/state',
        `/local/api/messages?chatId=${group}`,
        '/local/api/stream',
        '/local/api/audit',
        '/local/api/files/x',
      ]) {
        const g = await raw(local.app.url, { path, headers: { host: h } });
        expect({ h, path, status: g.status }).toEqual({ h, path, status: 403 });
        expect(g.text).not.toContain(local.sessionToken);
        expect(g.text).not.toContain('王督查');
      }
    }
    expect(state()).toBe(before);
  });

  it('refuses a POST without the session token or with a wrong one', async () => {
    const before = state();
    const headers = { 'content-type': 'application/json', origin };
    for (const token of [
      undefined,
      '',
      'x',
      local.sessionToken.slice(1),
      `${local.sessionToken}x`,
      local.sessionToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    ]) {
      const r = await post('/local/api/say', token === undefined ? headers : { ...headers, [SESSION_HEADER]: token });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error).toContain('刷新页面');
    }
    expect(state()).toBe(before);
  });

  it('refuses a 2 MB body, declared or chunked, before acting on it', async () => {
    const before = state();
    const huge = JSON.stringify({ chatId: group, from: supervisor, text: `@三办助手 帮助 ${'长'.repeat(700_000)}` });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(2_000_000);
    const declared = await post('/local/api/say', json(), huge);
    expect(declared.status).toBe(413);
    const bytes = Buffer.from(huge);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536));
    const chunked = await raw(local.app.url, { method: 'POST', path: '/local/api/say', headers: { host, ...json(), 'transfer-encoding': 'chunked' }, chunks });
    expect(chunked.status).toBe(413);
    await local.app.settle();
    expect(state()).toBe(before);
  });

  it("serves the page with its token, and the page's own requests still work", async () => {
    const page = await raw(local.app.url, { path: '/', headers: { host } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<meta name="sanban-session" content="${local.sessionToken}">`);
    const viaLocalhost = await raw(local.app.url, { path: '/local/api/state', headers: { host: host.replace('127.0.0.1', 'localhost') } });
    expect(viaLocalhost.status).toBe(200);
    const before = local.fake.inboundMessages.size;
    const ok = await post('/local/api/say', { ...json(), origin, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    await local.app.settle();
    expect(local.fake.inboundMessages.size).toBe(before + 1);
    const bad = await post('/local/api/say', json(), '{"chatId":');
    expect(bad.status).toBe(400);
  });
});

describe('local mode refuses a configuration a deployment would have', () => {
  it('does not start on PostgreSQL, with Lark settings, or on a non-loopback address', async () => {
    const { log } = memoryLogger('silent');
    await expect(startLocalMode({ config: loadConfig({ PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/x' }), log })).rejects.toThrow(
      'DATABASE_URL',
    );
    await expect(startLocalMode({ config: loadConfig({ PORT: '0', LARK_ENCRYPT_KEY: 'k' }), log })).rejects.toThrow('refused');
    await expect(startLocalMode({ config: loadConfig({ PORT: '0', LARK_TRANSPORT: 'long-connection' }), log })).rejects.toThrow('LARK_TRANSPORT');
    await expect(startLocalMode({ config: loadConfig({ PORT: '0' }), log, host: '0.0.0.0' })).rejects.toThrow('loopback');
  });
});
