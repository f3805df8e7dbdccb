import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { runImportOrg } from '../../src/features/org/cli/import-org.js';
import { FakeLark } from '../../src/local/lark/server.js';
import { createTestDatabaseUrl } from '../support/database.js';
import { csvOf, xlsxOf } from '../support/org-fixtures.js';

const exec = promisify(execFile);

describe('npm run org:import', () => {
  let dir: string;
  let database: { url: string; drop: () => Promise<void> };
  let fake: FakeLark;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-org-cli-'));
    database = await createTestDatabaseUrl();
    fake = await new FakeLark().start();
  });
  afterAll(async () => {
    await fake?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (args: string[], env: Record<string, string> = {}) => {
    let output = '';
    const code = await runImportOrg(args, { env: { DATABASE_URL: database.url, ...env }, write: (t) => (output += t) });
    return { code, output };
  };

  it('imports a file, prints a Chinese summary, and says when Lark lookups are off', async () => {
    const file = join(dir, '名册.csv');
    writeFileSync(
      file,
      csvOf([
        { 姓名: '张三', 单位: '督查科', 手机: '13800000001', 角色: '督查员' },
        { 姓名: '李四', 单位: '信息科' },
      ]),
    );
    const { code, output } = await run([file]);
    expect(code).toBe(0);
    expect(output).toContain('人员名册导入完成（名册.csv）');
    expect(output).toContain('新增 2 人');
    expect(output).toContain('未配置飞书应用凭据');
  });

  it('fills open_ids through Lark when credentials are set, and exits 1 when rows were refused', async () => {
    const user = fake.addUser('王五', { mobile: '13800000003' });
    const file = join(dir, '名册.xlsx');
    writeFileSync(
      file,
      await xlsxOf([
        { 姓名: '王五', 单位: '综合科', 手机: '13800000003' },
        { 姓名: '赵六', 手机: '110' },
      ]),
    );
    const { code, output } = await run([file], { LARK_APP_ID: fake.appId, LARK_APP_SECRET: fake.appSecret, LARK_DOMAIN: fake.url });
    expect(code).toBe(1);
    expect(output).toContain('关联飞书账号 1 人');
    expect(output).toContain('第3行：手机号码「110」格式不正确');
    const db = await openDatabase(database.url);
    try {
      expect((await db.prisma.person.findFirstOrThrow({ where: { name: '王五' } })).openId).toBe(user.openId);
    } finally {
      await db.close();
    }
  });

  it('exits 2 when the file cannot be read or is not a directory file', async () => {
    expect(await run([join(dir, 'missing.xlsx')])).toEqual({ code: 2, output: `无法读取文件「${join(dir, 'missing.xlsx')}」：文件不存在。\n` });
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, '会议纪要,日期\n');
    const r = await run([notes]);
    expect(r.code).toBe(2);
    expect(r.output).toContain('未找到表头「姓名」');
    expect((await run([])).code).toBe(2);
  });

  it('runs as the package script entry point', async () => {
    const missing = join(dir, 'nope.xlsx');
    const result = await exec(process.execPath, ['--import', 'tsx', 'src/features/org/cli/import-org.ts', missing], {
      env: { ...process.env, DATABASE_URL: database.url },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('文件不存在');
  });
});
