import type { LocalProcess } from './local-process.js';
import { rawRequest } from './raw-http.js';
import { pooled } from './wait.js';

const GROUP = 'oc_demo_supervision';

/** What the page shows that an accepted hostile request would change: the 督查群's messages, the clock. */
export async function localPageView(local: LocalProcess): Promise<{ messages: number; clockMs: number }> {
  const headers = { 'x-sanban-session': local.token };
  const messages = (await (await fetch(`${local.url}/local/api/messages?chatId=${GROUP}`, { headers })).json()) as { messages: unknown[] };
  const state = (await (await fetch(`${local.url}/local/api/state`, { headers })).json()) as { clock: { now: string } };
  return { messages: messages.messages.length, clockMs: Date.parse(state.clock.now) };
}

interface Attack {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The only right answer. */
  want: number;
}

/**
 * What other web sites (and a DNS-rebinding name) can make a browser on this machine send to the local
 * page: `perKind` of each, a few 2 MB bodies, all concurrently. Each must be refused with its status,
 * and none may leak the session token or the directory.
 */
export async function localPageAttacks(local: LocalProcess, perKind = 200): Promise<{ sent: number; refused: number; problems: string[] }> {
  const u = new URL(local.url);
  const host = u.host;
  const port = Number(u.port);
  const say = JSON.stringify({ chatId: GROUP, from: 'ou_demo_supervisor', text: '@三办助手 督办 新建 跨站伪造的事项 单位:县住建局 期限:10个工作日' });
  const time = JSON.stringify({ days: 31 });
  const json = { 'content-type': 'application/json' };
  const token = { 'x-sanban-session': local.token };
  const kinds: Attack[] = [
    {
      kind: 'cross-site text/plain POST',
      method: 'POST',
      path: '/local/api/time',
      headers: { host, 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      body: time,
      want: 403,
    },
    {
      kind: 'cross-site form POST',
      method: 'POST',
      path: '/local/api/say',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: 'x=1',
      want: 403,
    },
    {
      kind: 'text/plain without Origin',
      method: 'POST',
      path: '/local/api/say',
      headers: { host, 'content-type': 'text/plain', ...token },
      body: say,
      want: 415,
    },
    {
      kind: 'wrong Origin (another local port)',
      method: 'POST',
      path: '/local/api/time',
      headers: { host, ...json, ...token, origin: `http://127.0.0.1:${port + 1}` },
      body: time,
      want: 403,
    },
    { kind: 'null Origin', method: 'POST', path: '/local/api/say', headers: { host, ...json, ...token, origin: 'null' }, body: say, want: 403 },
    {
      kind: 'rebinding Host POST',
      method: 'POST',
      path: '/local/api/time',
      headers: { host: `rebind.evil.example:${port}`, ...json, ...token },
      body: time,
      want: 403,
    },
    { kind: 'rebinding Host GET page', method: 'GET', path: '/', headers: { host: `rebind.evil.example:${port}` }, want: 403 },
    { kind: 'rebinding Host GET state', method: 'GET', path: '/local/api/state', headers: { host: `rebind.evil.example:${port}` }, want: 403 },
    {
      kind: 'rebinding Host GET messages',
      method: 'GET',
      path: `/local/api/messages?chatId=${GROUP}`,
      headers: { host: `rebind.evil.example:${port}` },
      want: 403,
    },
    { kind: 'rebinding Host GET stream', method: 'GET', path: '/local/api/stream', headers: { host: `rebind.evil.example:${port}` }, want: 403 },
    { kind: 'no session token', method: 'POST', path: '/local/api/say', headers: { host, ...json }, body: say, want: 403 },
    {
      kind: 'wrong session token',
      method: 'POST',
      path: '/local/api/time',
      headers: { host, ...json, 'x-sanban-session': `${local.token.slice(0, -2)}xx` },
      body: time,
      want: 403,
    },
  ];
  const big = JSON.stringify({ chatId: GROUP, from: 'ou_demo_supervisor', text: `@三办助手 帮助 ${'长'.repeat(700_000)}` });
  const tasks: Attack[] = [];
  for (let i = 0; i < perKind; i++) for (const k of kinds) tasks.push(k);
  for (let i = 0; i < 20; i++)
    tasks.push({ kind: '2 MB body', method: 'POST', path: '/local/api/say', headers: { host, ...json, ...token }, body: big, want: 413 });

  const wrong = new Map<string, string>();
  let refused = 0;
  await pooled(tasks, 8, async (a) => {
    const r = await rawRequest(local.url, { method: a.method, path: a.path, headers: a.headers, ...(a.body !== undefined ? { body: a.body } : {}) });
    if (r.status === a.want && !r.text.includes(local.token) && !r.text.includes('王督查')) refused++;
    else wrong.set(a.kind, `answered ${r.status} (want ${a.want})${r.text.includes(local.token) ? ', leaking the session token' : ''}`);
  });
  return { sent: tasks.length, refused, problems: [...wrong].map(([kind, what]) => `${kind}: ${what}`) };
}
