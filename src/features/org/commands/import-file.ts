import { BotError } from '../../../errors.js';
import type { CommandContext } from '../../../router/context.js';
import { actorOf } from '../actor.js';
import { authorize } from '../policy.js';
import { formatImportSummary } from '../presenters/texts.js';
import { importDirectory } from '../use-cases/import-directory.js';
import type { OrgContext } from './shared.js';

/** An admin sends the directory file (.xlsx / .csv) to the bot in a direct message. */
export function importFile(org: OrgContext) {
  return async (ctx: CommandContext): Promise<void> => {
    const actor = actorOf(ctx);
    authorize(actor, 'org.import');
    const file = ctx.message.file!;
    const downloaded = await ctx.messenger.downloadFile(ctx.message.messageId, file.key);
    if (!downloaded.ok) {
      ctx.log.warn({ error: downloaded.error }, 'directory file download failed');
      throw new BotError('unavailable', '未能下载该文件，请稍后重新发送。');
    }
    const summary = await importDirectory(
      { prisma: org.prisma, clock: org.clock, messenger: ctx.messenger },
      { name: file.name, bytes: downloaded.value },
      actor.openId,
    );
    ctx.log.info({ file: file.name, created: summary.created, updated: summary.updated, errors: summary.errors.length }, 'directory imported');
    await ctx.replyText(formatImportSummary(summary));
  };
}
