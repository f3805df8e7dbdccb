import { BotError } from '../../../errors.js';
import type { ActionContext, CommandContext } from '../../../router/context.js';
import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf } from '../../org/index.js';
import { scheduleActor } from '../use-cases/directory.js';
import type { ScheduleSubcommand } from '../subcommands.js';
import { registerEntryChangeListener } from '../changes.js';
import { calendarSyncOn, pendingEntryIds, syncEntry } from './calendar/sync.js';
import { gridFromPaste, type Grid } from './domain/table.js';
import { isScheduleFileName, readXlsxGrid } from './import/read-xlsx.js';
import { IMPORT_CANCEL, IMPORT_CONFIRM } from './presenters/import-card.js';
import { exportWeek } from './use-cases/export.js';
import { decideImport, proposeImport } from './use-cases/import.js';
import { sendTemplate } from './use-cases/template.js';
import './object-type.js';

export { syncEntry, syncEntries, calendarSyncOn, type SyncOutcome } from './calendar/sync.js';

const IMPORT_HOW =
  '日程导入有两种方式：\n' +
  '1. 在与助手的私聊中发送「领导一周工作安排」Excel 文件（.xlsx，文件名须含“日程”或“工作安排”）；\n' +
  '2. 发送「日程 导入」后换行粘贴表格（可直接从 Excel 或 Word 复制，第一行为列名）。\n' +
  '发送「日程 导入 模板」获取模板。识别结果会以卡片列出，确认后一次性保存。';

/** What the sender put below `日程 导入` (the pasted table), or '' when nothing was. */
function pastedTable(text: string): string {
  const at = text.indexOf('\n');
  return at < 0 ? '' : text.slice(at + 1);
}

async function propose(deps: FeatureDeps, ctx: CommandContext, grid: Grid, sourceName: string): Promise<void> {
  const proposed = await proposeImport(deps, await scheduleActor(deps, actorOf(ctx)), grid, sourceName, { chatId: ctx.chatId, chatType: ctx.message.chatType });
  if (proposed.kind === 'refused') return ctx.replyText(proposed.text);
  await ctx.replyCard(proposed.card);
}

/** Tables in and out of 领导日程: the weekly .xlsx import, a pasted week table, exports, Feishu calendar sync. */
export function scheduleExchangeSubcommands(deps: FeatureDeps): ScheduleSubcommand[] {
  return [
    {
      command: '日程',
      words: ['导入'],
      usage: '日程 导入 [模板]',
      summary: '导入领导一周工作安排（Excel 文件或粘贴表格），「模板」获取导入模板',
      // argv: the words after 日程, this subcommand's word first.
      run: async (ctx, argv) => {
        if (argv[1] === '模板' && !pastedTable(ctx.message.text).trim()) return sendTemplate(deps, actorOf(ctx), ctx.message.messageId);
        const pasted = pastedTable(ctx.message.text);
        if (!pasted.trim()) return ctx.replyText(IMPORT_HOW);
        await propose(deps, ctx, gridFromPaste(pasted), '粘贴的表格');
      },
    },
    {
      command: '日程',
      words: ['导出'],
      usage: '日程 导出 [本周|下周|日期] [领导]',
      summary: '导出一周日程表（领导一周工作安排，Excel 与横版 Word）',
      run: async (ctx, argv) => {
        await exportWeek(deps, await scheduleActor(deps, actorOf(ctx)), {
          chatId: ctx.chatId,
          p2p: ctx.message.chatType === 'p2p',
          replyTo: ctx.message.messageId,
          argv: argv.slice(1),
        });
      },
    },
  ];
}

/**
 * The weekly table sent as a file (direct messages). Registered by features/index.ts before the
 * directory's handler, which takes any .xlsx: a schedule file is told apart by its name.
 */
export function registerScheduleExchangeFiles(router: Router, deps: FeatureDeps): void {
  router.file({ feature: 'schedules', accepts: (f) => isScheduleFileName(f.name) }, async (ctx) => {
    const file = ctx.message.file!;
    const downloaded = await ctx.messenger.downloadFile(ctx.message.messageId, file.key);
    if (!downloaded.ok) {
      ctx.log.warn({ error: downloaded.error }, 'schedule file download failed');
      throw new BotError('unavailable', '未能下载该文件，请稍后重新发送。');
    }
    await propose(deps, ctx, await readXlsxGrid(downloaded.value), `文件「${file.name}」`);
  });
}

/** The app whose calendar sync runs on entry changes: the latest registered (tests start many apps in one process). */
let current: FeatureDeps | undefined;
let listening = false;
/** Syncs in flight, so that tests (and shutdown) can wait for them. */
const inFlight = new Set<Promise<unknown>>();
let queue: Promise<unknown> = Promise.resolve();

export async function calendarSyncIdle(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

/** Card actions of the exchange side, and the calendar sync as an entry-change listener. */
export function registerScheduleExchange(router: Router, deps: FeatureDeps): void {
  const decide = (decision: 'confirm' | 'cancel') => async (ctx: ActionContext) => {
    const id = typeof ctx.value.p === 'string' ? ctx.value.p : '';
    const r = await decideImport(deps, await scheduleActor(deps, actorOf(ctx)), id, decision, ctx.chatId);
    if (r.kind === 'refused') return { toast: { type: 'warning' as const, content: r.toast } };
    if (r.kind === 'recheck') return { toast: { type: 'warning' as const, content: r.toast }, card: r.card };
    if (r.kind === 'saved') {
      const content = `已导入 ${r.entryIds.length} 条日程${r.backfilled ? `，其中补录 ${r.backfilled} 条` : ''}。`;
      return { toast: { type: 'success' as const, content }, card: r.card };
    }
    return { toast: { type: 'info' as const, content: '已取消导入。' }, card: r.card };
  };
  router.action(IMPORT_CONFIRM, decide('confirm'));
  router.action(IMPORT_CANCEL, decide('cancel'));

  if (calendarSyncOn(deps)) {
    router.job({
      name: 'schedules.calendar.sync',
      label: '日程日历补同步',
      description: '把尚未写入共享飞书日历的日程（今天及以后）补写进去：同步失败、停机或开启同步之前保存的日程。',
      cron: '*/10 * * * *',
      // Nothing to do most runs: passed over without a run row.
      pending: async () => (await pendingEntryIds(deps)).length > 0,
      handler: async () => {
        for (const id of await pendingEntryIds(deps)) {
          const run = queue.then(() => syncEntry(deps, id)).finally(() => inFlight.delete(run));
          queue = run.catch(() => undefined);
          inFlight.add(run);
          await run;
        }
      },
    });
  }

  current = deps;
  if (listening) return;
  listening = true;
  // One process-wide listener pointed at the live app. It runs inside the writing transaction, while
  // Lark calls are no part of it: the sync starts after this returns and reads the entry once committed
  // (a write rolled back is never mirrored). A failed sync is logged; the entry stands as saved.
  registerEntryChangeListener(async (change) => {
    const app = current;
    if (!app || !calendarSyncOn(app)) return;
    // One sync at a time in this process: an import's rows create the calendar once and grant each person once.
    const run = queue.then(() => syncEntry(app, change.after.id, change.after.version)).finally(() => inFlight.delete(run));
    queue = run.catch(() => undefined);
    inFlight.add(run);
  });
}
