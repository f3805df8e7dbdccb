import type { Card } from '../../../../cards/types.js';
import { chatAudienceFor, routeAnswer } from '../../../../platform/audience.js';
import type { CommandContext } from '../../../../router/context.js';
import type { FeatureDeps } from '../../../deps.js';
import { everyActor } from '../../../org/index.js';
import { deskScope, mayReadAll } from '../visibility.js';

/**
 * Answers with a card that shows drafts of `unitIds`: in place in a direct chat, and in a group only when
 * every other member may see all of them (visibility.ts); otherwise privately to the asker, with a note
 * in the group. Members that cannot be read count as not allowed (fail closed).
 */
export async function answerDesk(deps: FeatureDeps, ctx: CommandContext, card: Card, unitIds: readonly string[], origin: string): Promise<void> {
  const units = [...new Set(unitIds)];
  const route = await routeAnswer(
    chatAudienceFor(deps.messenger),
    { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId },
    (members) => everyActor(deps.sql, deps.bootstrapAdmins, members, (a) => mayReadAll(deskScope(a), units)),
  );
  if (route.kind === 'here') return ctx.replyCard(card);
  await deps.outbox.deliver({ to: { openId: ctx.actorOpenId }, content: { type: 'card', card }, origin });
  await ctx.replyText(
    route.reason === 'unknown'
      ? '暂时无法核实本群成员范围，为确保信息安全，查询结果已私信发送给您，请查收。'
      : '查询结果涉及部分成员无权查看的文稿，不宜在本群公开，已私信发送给您，请查收。',
  );
}
