import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import { formatOf, parseCalendarFile, type CalendarDayRow } from '../calendar-file.js';
import { importCalendarDays, loadWorkCalendar } from '../calendar-repository.js';

/**
 * `npm run calendar:import -- 2027.csv [--dry-run] [--replace]`: imports an admin's holiday schedule into
 * the `CalendarDay` overrides of DATABASE_URL (default file:./data/sanban.db). --replace deletes the other
 * overrides of the years in the file (to take back a wrong date); it is refused when any row is bad. Good rows are imported even when
 * some rows are bad; the exit code is then 1 so that a script notices. Exit codes: 0 all rows imported,
 * 1 bad rows or no rows, 2 usage, file or database error.
 */
export const DEFAULT_DATABASE_URL = 'file:./data/sanban.db';

export interface CliIo {
  env: Record<string, string | undefined>;
  write(text: string): void;
}

const USAGE = '用法：npm run calendar:import -- <文件.csv|文件.json> [--dry-run] [--replace]\n';
const OPTIONS = ['--dry-run', '--replace'];

export async function runImportCalendar(args: readonly string[], io: CliIo): Promise<number> {
  const out = (line = '') => io.write(`${line}\n`);
  const dryRun = args.includes('--dry-run');
  const replace = args.includes('--replace');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || args.some((a) => a.startsWith('--') && !OPTIONS.includes(a))) {
    io.write(USAGE);
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (err as Error).message;
    out(`无法读取文件「${file}」：${reason}。`);
    return 2;
  }

  const format = formatOf(file);
  const unit = format === 'json' ? '条' : '行';
  const { rows, errors } = parseCalendarFile(text, format);
  for (const e of errors) out(e.row > 0 ? `第 ${e.row} ${unit}：${e.message}` : `文件错误：${e.message}`);
  if (rows.length === 0) {
    out(`文件「${basename(file)}」中没有可导入的日期${errors.length ? '，请按上述提示修改后重新导入' : '（以 # 开头的行不会导入）'}。`);
    return 1;
  }

  out(`文件「${basename(file)}」：${summarize(rows)}`);
  if (replace && errors.length) {
    // Replacing a year with a partly read file would silently drop the bad rows' dates.
    out('文件有误时不能使用 --replace，请修改后重新导入。未写入数据库。');
    return 1;
  }
  if (dryRun) {
    out(`试运行（--dry-run），未写入数据库。${errors.length ? `另有 ${errors.length} ${unit}有误。` : ''}`);
    return errors.length ? 1 : 0;
  }

  let db: Database | undefined;
  try {
    db = await openDatabase(io.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    await migrate(db);
    const result = await importCalendarDays(db.prisma, rows, { replaceYears: replace });
    out(
      `已导入 ${rows.length} 天：新增 ${result.created} 天，更新 ${result.updated} 天，未变 ${result.unchanged} 天` +
        `${replace ? `，删除文件中没有的 ${result.removed} 天` : ''}。`,
    );
    // What the bot now holds for each year in the file, earlier imports included.
    const calendar = await loadWorkCalendar(db.prisma);
    for (const y of [...new Set(rows.map((r) => r.date.slice(0, 4)))].sort()) {
      const entries = calendar.overrideEntries().filter(([d]) => d.startsWith(`${y}-`));
      const off = entries.filter(([, e]) => e.kind === 'holiday').length;
      out(`${y}年现有管理员录入：放假 ${off} 天，调休上班 ${entries.length - off} 天。`);
    }
  } catch (err) {
    out(`导入失败：${(err as Error).message}`);
    return 2;
  } finally {
    await db?.close();
  }
  if (errors.length) {
    out(`有 ${errors.length} ${unit}有误，未导入。请修改后重新导入该文件（已导入的日期再次导入不会重复）。`);
    return 1;
  }
  return 0;
}

function summarize(rows: readonly CalendarDayRow[]): string {
  const off = rows.filter((r) => r.kind === 'holiday').length;
  const names = [...new Set(rows.map((r) => r.name).filter(Boolean))];
  return `放假 ${off} 天，调休上班 ${rows.length - off} 天${names.length ? `（${names.join('、')}）` : ''}。`;
}

// Run only as a script, so that tests can import runImportCalendar.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImportCalendar(process.argv.slice(2), { env: process.env, write: (t) => process.stdout.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`导入失败：${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
