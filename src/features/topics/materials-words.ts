import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf } from '../org/index.js';
import { topicByNumber } from './minutes/use-cases/lookup.js';
import type { CommandWords, TopicSubcommand } from './subcommands.js';
import { addMaterialFile, openForMaterials, topicAwaitingFile } from './use-cases/materials.js';

/** `议题 材料 <编号>`: what opens a topic for material files. */
export function materialsWords(deps: FeatureDeps): CommandWords {
  const materials: TopicSubcommand = {
    words: ['材料', '补充材料'],
    usage: '议题 材料 <议题编号>',
    summary: '为议题补充材料文件（随后10分钟内私聊发送文件）',
    run: async (ctx, argv) => {
      if (!argv.length) return ctx.replyText(`${materials.summary}。请按以下格式发送：\n${materials.usage}`);
      const topic = await topicByNumber(deps, argv.join(''));
      await ctx.replyText(await openForMaterials(deps, actorOf(ctx), topic));
    },
  };
  return { topic: [materials], meeting: [] };
}

/**
 * A file sent in the DM by someone who has just sent `议题 材料 <编号>` is that topic's material; any other
 * file goes on to 文稿审核 and the other features, as before. Registered ahead of them for that reason.
 * The download, the checks and the re-upload run in the message's handler, after Lark's event was acked.
 */
export function registerTopicMaterialFiles(router: Router, deps: FeatureDeps): void {
  router.file({ feature: '会议议题', accepts: async (_file, message) => (await topicAwaitingFile(deps, message.senderOpenId)) !== undefined }, async (ctx) => {
    const topicId = await topicAwaitingFile(deps, ctx.message.senderOpenId);
    const file = ctx.message.file!;
    if (!topicId) return ctx.replyText('补充材料的时间已过，请重新发送「议题 材料 <议题编号>」后再发送文件。');
    const r = await addMaterialFile(deps, actorOf(ctx), topicId, { messageId: ctx.message.messageId, key: file.key, name: file.name });
    await ctx.replyText(r.text);
  });
}
