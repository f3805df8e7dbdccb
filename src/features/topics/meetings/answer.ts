import type { Card } from '../../../cards/types.js';
import { chatAudienceFor, routeAnswer } from '../../../platform/audience.js';
import type { CommandContext } from '../../../router/context.js';
import type { FeatureDeps } from '../../deps.js';
import { everyActor, type Actor } from '../../org/index.js';

/**
 * A query's answer and who may read it: `mayRead` is the policy check (topics.view on every topic shown,
 * topics.office for the arrange card) each member of a group must pass for the answer to stay there.
 */
export interface TopicsAnswer {
  card: Card;
  mayRead: (a: Actor) => boolean;
}

/**
 * Answers in place in a DM, or in a group whose every other member may read it; otherwise the card goes
 * to the asker privately and the group gets a short note (members unknown: fail closed).
 */
export async function answerTopicsQuery(deps: FeatureDeps, ctx: CommandContext, answer: TopicsAnswer): Promise<void> {
  const route = await routeAnswer(
    chatAudienceFor(deps.messenger),
    { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId },
    (members) => everyActor(deps.sql, deps.bootstrapAdmins, members, answer.mayRead),
  );
  if (route.kind === 'here') return ctx.replyCard(answer.card);
  await deps.outbox.deliver({
    to: { openId: ctx.actorOpenId },
    content: { type: 'card', card: answer.card },
    key: `topics-private:${ctx.message.messageId}`,
    origin: `command:${ctx.actorOpenId}`,
  });
  await ctx.replyText(
    route.reason === 'unknown'
      ? '暂时无法核实本群成员范围，为确保信息安全，查询结果已私信发送给您，请查收。'
      : '查询结果涉及议题审核和议程安排情况，本群部分成员无权查看，已私信发送给您，请查收。',
  );
}
