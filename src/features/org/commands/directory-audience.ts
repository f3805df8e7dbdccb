import type { Card } from '../../../cards/types.js';
import type { SqlRunner } from '../../../db/sql.js';
import { chatAudienceFor, routeAnswer, type AnswerRoute, type ChatAudience } from '../../../platform/audience.js';
import type { OutboxItem } from '../../../platform/outbox/outbox.js';
import type { Messenger } from '../../../ports/messenger.js';
import type { CommandContext } from '../../../router/context.js';
import { everyActor } from '../members.js';

/**
 * Directory content (单位, 成员) asked in a group: answered there only when every other member is someone
 * the directory is open to (an active person, or an admin named at start: whom authorizeDirectoryReader
 * lets in); otherwise the card goes to the asker privately, and the group is told so.
 */
export interface DirectoryAnswers {
  audience: ChatAudience;
  outbox: { deliver(item: OutboxItem): Promise<void> };
  sql: SqlRunner;
  bootstrapAdmins: readonly string[];
}

export function directoryAnswers(
  deps: { messenger: Messenger; outbox: DirectoryAnswers['outbox']; sql: SqlRunner },
  bootstrapAdmins: readonly string[],
): DirectoryAnswers {
  return { audience: chatAudienceFor(deps.messenger), outbox: deps.outbox, sql: deps.sql, bootstrapAdmins };
}

export function directoryNotice(route: Extract<AnswerRoute, { kind: 'private' }>): string {
  return route.reason === 'unknown'
    ? '暂时无法核实本群成员范围，为确保信息安全，人员名册信息已私信发送给您，请查收。'
    : '本群有未登记在人员名册中的成员，人员名册信息不宜在本群公开，已私信发送给您，请查收。';
}

export async function answerWithDirectory(d: DirectoryAnswers, ctx: CommandContext, card: Card): Promise<void> {
  const route = await routeAnswer(d.audience, { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId }, (members) =>
    everyActor(d.sql, d.bootstrapAdmins, members, (a) => !!a.person || a.bootstrapAdmin),
  );
  if (route.kind === 'here') return ctx.replyCard(card);
  await d.outbox.deliver({
    to: { openId: ctx.actorOpenId },
    content: { type: 'card', card },
    key: `org-private:${ctx.message.messageId}`,
    origin: `command:${ctx.actorOpenId}`,
  });
  await ctx.replyText(directoryNotice(route));
}
