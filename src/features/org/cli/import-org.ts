import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { createLarkClient } from '../../../adapters/lark-client.js';
import { LarkMessenger } from '../../../adapters/lark-messenger.js';
import { systemClock } from '../../../adapters/system-clock.js';
import { ConfigError, loadConfig } from '../../../config.js';
import { openDatabase, type Database } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import { BotError } from '../../../errors.js';
import { createLogger } from '../../../logger.js';
import { formatImportSummary } from '../presenters/texts.js';
import { importDirectory } from '../use-cases/import-directory.js';

/**
 * `npm run org:import -- 名册.xlsx`: imports a directory file into DATABASE_URL (default
 * file:./data/sanban.db), migrating it first. With LARK_APP_ID/LARK_APP_SECRET set, people are looked
 * up in Lark by mobile or email to fill their open_id. Exit codes: 0 every row imported, 1 some rows
 * refused (the others are imported), 2 usage, unreadable file, configuration or database error.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  write(text: string): void;
}

const USAGE = '用法：npm run org:import -- <人员名册.xlsx|人员名册.csv>\n';
const CLI_ACTOR = 'system:org-import-cli';

export async function runImportOrg(args: readonly string[], io: CliIo): Promise<number> {
  const out = (line = '') => io.write(`${line}\n`);
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || files.length !== args.length) {
    io.write(USAGE);
    return 2;
  }
  const path = files[0]!;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (err as Error).message;
    out(`无法读取文件「${path}」：${reason}。`);
    return 2;
  }

  let config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    out(err instanceof ConfigError ? err.message : `配置有误：${(err as Error).message}`);
    return 2;
  }
  // Logs go to stderr so that stdout carries only the summary.
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const messenger = config.lark.hasCredentials
    ? (() => {
        const { client, tokenCache } = createLarkClient({ appId: config.lark.appId!, appSecret: config.lark.appSecret!, domain: config.lark.domain, log });
        return new LarkMessenger(client, tokenCache, log);
      })()
    : undefined;

  let db: Database | undefined;
  try {
    db = await openDatabase(config.databaseUrl);
    await migrate(db);
    const summary = await importDirectory(
      { prisma: db.prisma, clock: systemClock, ...(messenger ? { messenger } : {}) },
      { name: basename(path), bytes },
      CLI_ACTOR,
    );
    out(formatImportSummary(summary));
    return summary.errors.length ? 1 : 0;
  } catch (err) {
    out(err instanceof BotError ? `导入失败：${err.userMessage}` : `导入失败：${(err as Error).message}`);
    return 2;
  } finally {
    await db?.close();
  }
}

// Run only as a script, so that tests can import runImportOrg.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImportOrg(process.argv.slice(2), { env: process.env, write: (t) => process.stdout.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`导入失败：${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
