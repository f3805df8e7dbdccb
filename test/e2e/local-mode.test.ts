import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { openIdOf } from '../../src/local/demo-office.js';
import { DEMO_RESET_REFUSED, resetDemo } from '../../src/local/demo-reset.js';
import { localModeSettings } from '../../src/local/eligibility.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { buttonValue, cardText } from '../support/cards.js';
import { memoryLogger } from '../support/logger.js';
import { expectNoCodes } from '../support/no-codes.js';

type Msg = { messageId: string; from: string; msgType: string; text?: string; card?: Record<string, unknown>; file?: { fileKey: string } };

// Local mode runs on its SQLite file only (it refuses PostgreSQL), whichever database the suite runs on.
describe('local mode: the whole bot against its built-in fake Lark, driven through the page API', () => {
  let local: LocalMode;
  let dir: string;
  const supervisor = openIdOf('supervisor');
  const liaison = openIdOf('liaison10'); // 县住建局's liaison
  const group = 'oc_demo_supervision';
  const api = async (path: string, body?: unknown) => {
    const headers = { [SESSION_HEADER]: local.sessionToken };
    const r = await fetch(
      `${local.app.url}${path}`,
      body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } },
    );
    return (await r.json()) as Record<string, unknown>;
  };
  const messages = async (chatId: string) => (await api(`/local/api/messages?chatId=${chatId}`)).messages as Msg[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-local-'));
    const { log } = memoryLogger('warn');
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log,
      statePath: join(dir, 'local-lark.json'),
    });
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 only, with the demo office and its groups', async () => {
    expect(local.app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const state = (await api('/local/api/state')) as { people: { name: string; roles: string[] }[]; chats: { chatId: string; purposes: string[] }[] };
    expect(state.people.find((p) => p.name === '王督查')?.roles).toContain('督查员');
    expect(state.chats.find((c) => c.chatId === group)?.purposes).toContain('督查');
    expect(state.people.length).toBeGreaterThanOrEqual(27);
  });

  it('a supervisor asks for help in the 督查群 and sees the card; the message went through the signed webhook', async () => {
    const r = await api('/local/api/say', { chatId: group, from: supervisor, text: '@三办助手 帮助' });
    expect(r.status).toBe(200);
    await local.app.settle();
    const msgs = await messages(group);
    expect(msgs.at(-2)).toMatchObject({ from: supervisor, text: '@三办助手 帮助' });
    expect(cardText(msgs.at(-1)!.card)).toContain('指令一览');
    expect(local.fake.deliveries.at(-1)).toMatchObject({ kind: 'event', status: 200 });
  });

  it('creates an item, the liaison signs it by clicking, and time travel brings the reminders', async () => {
    await api('/local/api/say', { chatId: group, from: supervisor, text: '@三办助手 督办 新建 推进背街小巷改造 单位:县住建局 领导:郑副县长 期限:3个工作日' });
    await local.app.settle();
    const p2p = local.fake.p2pChatId(liaison);
    const direct = (await messages(p2p)).at(-1)!;
    expect(cardText(direct.card)).toContain('推进背街小巷改造');
    const click = await api('/local/api/click', { messageId: direct.messageId, by: liaison, value: buttonValue(direct.card, '签收') });
    expect(click).toMatchObject({ status: 200, toast: { type: 'success' }, cardUpdated: true });
    await local.app.settle();
    const groupCard = (await messages(group)).find((m) => cardText(m.card).includes('推进背街小巷改造'))!;
    expect(cardText(groupCard.card)).toContain('办理中');
    const travelled = (await api('/local/api/time', { days: 7 })) as { ran: { job: string; outcome: string }[] };
    expect(travelled.ran.some((r) => r.job === '督办催办' && r.outcome === '已运行')).toBe(true);
    // What the time panel shows is in words: no job code name, cron, ISO time or status code.
    expectNoCodes(JSON.stringify(travelled.ran));
    expect(travelled.ran.every((r) => ['已运行', '已由其他实例运行', '非工作日未运行', '运行失败'].includes(r.outcome))).toBe(true);
    expect((travelled.ran as unknown as { at: string }[]).every((r) => /^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(r.at))).toBe(true);
    await local.app.settle();
    // The liaison's reminders come in the morning card (今日汇要), with the item past its deadline.
    const morning = (await messages(p2p)).filter((m) => cardText(m.card).includes('今日汇要'));
    expect(morning.some((m) => cardText(m.card).includes('推进背街小巷改造') && cardText(m.card).includes('已超期'))).toBe(true);
    // A week of every scheduled job (the morning card on each working day among them) on a shared 2-core machine.
  }, 45_000);

  it('shows the audit log and serves exported files', async () => {
    type Entry = { action: string; actorName: string; objectLabel: string; actionLabel: string; detail: string };
    const audit = (await api('/local/api/audit')) as { entries: Entry[] };
    expect(audit.entries.some((e) => e.action === 'create' && e.actorName === '王督查')).toBe(true);
    // The page shows the object registry's words: 督办事项 / 签收 / 催办提醒, never a code.
    expect(audit.entries.find((e) => e.action === 'acknowledge')).toMatchObject({ objectLabel: '督办事项', actionLabel: '签收', detail: '状态→办理中' });
    expect(audit.entries.some((e) => e.actionLabel === '催办提醒' || e.actionLabel === '升级督办')).toBe(true);
    for (const e of audit.entries) expect(`${e.objectLabel} ${e.actionLabel} ${e.detail}`).not.toMatch(/[A-Za-z_]{3,}|其他/);
    await api('/local/api/say', { chatId: group, from: supervisor, text: '@三办助手 督办 导出' });
    await local.app.settle();
    // The 督查群 holds every unit's liaisons: the ledger goes to the supervisor privately.
    const file = (await messages(local.fake.p2pChatId(supervisor))).find((m) => m.msgType === 'file')!;
    const r = await fetch(`${local.app.url}/local/api/files/${file.file!.fileKey}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(encodeURIComponent('督办台账'));
    expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("npm run demo:reset restores the demo office from the command line, and refuses anything but local mode's SQLite file", { timeout: 90_000 }, async () => {
    const { spawnSync } = await import('node:child_process');
    const cwd = mkdtempSync(join(tmpdir(), 'sanban-reset-'));
    const script = new URL('../../src/local/cli/demo-reset.ts', import.meta.url).pathname;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LARK_') && k !== 'DATABASE_URL' && k !== 'HOST'));
    // Real processes, one at a time: the reset itself, a refusal (exit code 2), and a database that is not the demo's.
    const run = (extra: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), script], { cwd, env: { ...env, ...extra }, encoding: 'utf8' });
    const ok = run({});
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('已恢复演示办公室');
    const refused = run({ LARK_APP_ID: 'cli_0123456789abcdef', LARK_APP_SECRET: 'x' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('只用于本地体验模式');
    // Each setting a deployment has is refused by name, before any database is opened: checked in-process
    // by the call the script makes (a node+tsx process per case is most of a minute on a 2-core CI machine).
    const cases: [Record<string, string>, string][] = [
      [{ DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/sanban' }, 'DATABASE_URL'],
      [{ LARK_ENCRYPT_KEY: 'k' }, 'LARK_ENCRYPT_KEY'],
      [{ LARK_VERIFICATION_TOKEN: 't' }, 'LARK_VERIFICATION_TOKEN'],
      [{ LARK_TRANSPORT: 'long-connection' }, 'LARK_TRANSPORT'],
      [{ HOST: '0.0.0.0' }, 'HOST'],
    ];
    for (const [extra, name] of cases) {
      let message = '';
      try {
        localModeSettings(extra, DEMO_RESET_REFUSED);
      } catch (err) {
        message = err instanceof ConfigError ? err.message : `not a ConfigError: ${String(err)}`;
      }
      expect(message).toContain('只用于本地体验模式');
      expect(message).toContain(name);
      expect(message).not.toContain('secret');
    }
    // A SQLite file with data the demo did not create (a deployment's default file:./data/sanban.db).
    const db = await openDatabase(`file:${join(cwd, 'theirs.db')}`);
    await migrate(db);
    const unit = await db.prisma.unit.create({ data: { name: '县住建局', code: 'zjj', kind: 'department' } });
    await db.prisma.person.create({ data: { name: '李正式', openId: 'ou_7d8a6e3f0b1c2d4e', unitId: unit.id, title: '局长' } });
    await db.close();
    const unmarked = run({ DATABASE_URL: 'file:./theirs.db' });
    expect(unmarked.status).toBe(2);
    expect(unmarked.stderr).toContain('缺少演示标记');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('demo reset restores the directory and empties the ledger, and refuses a PostgreSQL database', async () => {
    await expect(resetDemo({ prisma: local.app.db.prisma, provider: 'postgres' })).rejects.toThrow('refused');
    expect(await local.app.db.prisma.person.count()).toBeGreaterThanOrEqual(27);
    await resetDemo(local.app.db);
    expect(await local.app.db.prisma.supervisionItem.count()).toBe(0);
    expect(await local.app.db.prisma.person.count()).toBeGreaterThanOrEqual(27);
  });
});
