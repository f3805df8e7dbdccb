import { chatAudienceFor, routeAnswer, type AnswerRoute } from '../../platform/audience.js';
import type { OutgoingContent } from '../../ports/messenger.js';
import type { CommandContext } from '../../router/context.js';
import type { FeatureDeps } from '../deps.js';
import { can, chatsForPurpose, everyActor, type Actor } from '../org/index.js';

/**
 * Who may read a 政务信息 answer in the chat it was asked in. A group (the 信息报送群 above all) holds
 * liaisons of many units, so an answer showing notes, urgent matters or every unit's figures goes in place
 * only when every other member may read it; otherwise privately to the asker, with a short note in the group.
 */

/** Where to answer the command in `ctx`, given what every other member must pass (read only for a group). */
export function routeBriefAnswer(deps: FeatureDeps, ctx: CommandContext, mayRead: (a: Actor) => boolean): Promise<AnswerRoute> {
  return routeAnswer(chatAudienceFor(deps.messenger), { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId }, (members) =>
    everyActor(deps.sql, deps.bootstrapAdmins, members, mayRead),
  );
}

/** Every other member may see the whole board (信息编辑, 办公室主任, 县领导). */
export const routeBoardAnswer = (deps: FeatureDeps, ctx: CommandContext): Promise<AnswerRoute> => routeBriefAnswer(deps, ctx, (a) => can(a, 'briefs.board').ok);

/**
 * Where to answer 信息 今日 (every unit as 已报送 / 零报告 / 未报送 / 漏报): in place in a group bound to the
 * 信息 purpose too. The board names units and their standing only — no note text, no reporter — and the
 * office posts exactly that kind of 通报 (漏报, the monthly 通报 of briefs.bulletin) to the 信息报送群 by
 * design, where every liaison sees their peers report anyway. Elsewhere as for any board answer.
 */
export async function routeDailyBoardAnswer(deps: FeatureDeps, ctx: CommandContext): Promise<AnswerRoute> {
  if (ctx.message.chatType === 'group' && (await chatsForPurpose(deps.prisma, 'info')).includes(ctx.chatId)) return { kind: 'here' };
  return routeBoardAnswer(deps, ctx);
}

/** What the group is told when the answer went to the asker privately. */
export function privateNotice(route: Extract<AnswerRoute, { kind: 'private' }>, what = '该内容'): string {
  return route.reason === 'unknown'
    ? `暂时无法核实本群成员范围，为确保信息安全，${what}已私信发送给您，请查收。`
    : `${what}不宜在本群公开，已私信发送给您，请查收。`;
}

/** Answers in place, or privately to the asker with the note in the chat, as `route` says. */
export async function answerRouted(deps: FeatureDeps, ctx: CommandContext, route: AnswerRoute, content: OutgoingContent, what?: string): Promise<void> {
  if (route.kind === 'here') {
    if (content.type === 'card') await ctx.replyCard(content.card);
    else if (content.type === 'text') await ctx.replyText(content.text);
    return;
  }
  await deps.outbox.deliver({ to: { openId: ctx.actorOpenId }, content, origin: `command:${ctx.actorOpenId}`, key: `briefs-private:${ctx.message.messageId}` });
  await ctx.replyText(privateNotice(route, what));
}
