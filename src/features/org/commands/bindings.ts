import { badInput } from '../../../errors.js';
import type { CommandContext } from '../../../router/context.js';
import { actorOf } from '../actor.js';
import { authorize } from '../policy.js';
import { formatBindings } from '../presenters/texts.js';
import { allPurposeNames, parsePurpose, purposeDescription, PURPOSE_NAMES, type Purpose } from '../purposes.js';
import { bindChat, listBindings, unbindChat } from '../use-cases/bindings.js';
import { plainWords, type OrgContext } from './shared.js';

function parsePurposes(words: string[]): Purpose[] {
  return words.map((w) => {
    const p = parsePurpose(w);
    if (!p) throw badInput(`无法识别用途「${w.slice(0, 20)}」。可选：${allPurposeNames()}。`);
    return p;
  });
}

/** 绑定 — lists this chat's purposes; 绑定 <用途…> binds (admins, in a group). */
export function bind(org: OrgContext) {
  return async (ctx: CommandContext): Promise<void> => {
    const words = plainWords(ctx.command);
    if (!words.length) return ctx.replyText(formatBindings(await listBindings(org.prisma, ctx.chatId)));
    const purposes = parsePurposes(words);
    authorize(actorOf(ctx), 'org.bind');
    if (ctx.message.chatType !== 'group') throw badInput('请在需要绑定的群聊中 @三办助手 发送此指令。');
    const lines: string[] = [];
    for (const purpose of purposes) {
      const bound = await bindChat(org.prisma, { actor: ctx.actorOpenId, chatId: ctx.chatId, purpose, at: org.clock.now() });
      lines.push(
        bound
          ? `已将本群绑定为「${PURPOSE_NAMES[purpose]}」群（${purposeDescription(purpose)}）。`
          : `本群已绑定「${PURPOSE_NAMES[purpose]}」用途，无需重复绑定。`,
      );
    }
    await ctx.replyText(lines.join('\n'));
  };
}

/** 解绑 <用途…> (admins). */
export function unbind(org: OrgContext) {
  return async (ctx: CommandContext): Promise<void> => {
    const words = plainWords(ctx.command);
    if (!words.length) throw badInput(`请写明要解除的用途，例如：解绑 督查。可选：${allPurposeNames()}。`);
    const purposes = parsePurposes(words);
    authorize(actorOf(ctx), 'org.bind');
    const lines: string[] = [];
    for (const purpose of purposes) {
      const removed = await unbindChat(org.prisma, { actor: ctx.actorOpenId, chatId: ctx.chatId, purpose, at: org.clock.now() });
      lines.push(removed ? `已解除本群的「${PURPOSE_NAMES[purpose]}」用途。` : `本群未绑定「${PURPOSE_NAMES[purpose]}」用途。`);
    }
    await ctx.replyText(lines.join('\n'));
  };
}
