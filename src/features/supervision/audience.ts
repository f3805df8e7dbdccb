import { routeAnswer, type AnswerRoute, type ChatAudience } from '../../platform/audience.js';
import type { CommandContext } from '../../router/context.js';
import type { FeatureDeps } from '../deps.js';
import { can, chatsForPurpose, everyActor } from '../org/index.js';
import type { ItemSubject } from './policy.js';

/**
 * Who may read a 督办 answer in the chat it was asked in: every member other than the asker must pass
 * `supervision.view` on every item the answer shows. A member not in the directory has no roles and
 * sees nothing, so any non-empty answer goes privately to the asker.
 */

export async function allMayView(
  deps: Pick<FeatureDeps, 'sql' | 'bootstrapAdmins'>,
  members: readonly string[],
  subjects: readonly ItemSubject[],
): Promise<boolean> {
  if (!subjects.length) return true;
  return everyActor(deps.sql, deps.bootstrapAdmins, members, (a) => subjects.every((s) => can(a, 'supervision.view', s).ok));
}

/** Where to answer the command in `ctx`, given the items the answer shows (read only for a group). */
export function routeItemsAnswer(
  deps: FeatureDeps,
  audience: ChatAudience,
  ctx: CommandContext,
  subjects: () => Promise<readonly ItemSubject[]>,
): Promise<AnswerRoute> {
  return routeAnswer(audience, { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId }, async (members) =>
    members.length ? allMayView(deps, members, await subjects()) : true,
  );
}

/** A group bound to the 督查 purpose: new items' cards and the weekly 通报 are published there by design. */
async function isSupervisionGroup(deps: Pick<FeatureDeps, 'prisma'>, ctx: CommandContext): Promise<boolean> {
  return ctx.message.chatType === 'group' && (await chatsForPurpose(deps.prisma, 'supervision')).includes(ctx.chatId);
}

/**
 * Where to answer 督办 新建 with the new item's card: in place in a 督查 group (it would be posted there
 * anyway, and is not posted twice), else as for any answer showing the item.
 */
export async function routeCreatedAnswer(deps: FeatureDeps, audience: ChatAudience, ctx: CommandContext, subject: ItemSubject): Promise<AnswerRoute> {
  if (await isSupervisionGroup(deps, ctx)) return { kind: 'here' };
  return routeItemsAnswer(deps, audience, ctx, async () => [subject]);
}

/**
 * Where to answer 督办 通报 (every unit's overdue items, naming leaders): in place in a 督查 group (where
 * the weekly 通报 is published by design), or where every other member may read 通报
 * (`supervision.report`); otherwise privately.
 */
export async function routeReportAnswer(deps: FeatureDeps, audience: ChatAudience, ctx: CommandContext): Promise<AnswerRoute> {
  if (await isSupervisionGroup(deps, ctx)) return { kind: 'here' };
  return routeAnswer(audience, { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId }, (members) =>
    everyActor(deps.sql, deps.bootstrapAdmins, members, (a) => can(a, 'supervision.report').ok),
  );
}

/** What the chat is told when the answer went to the asker privately. */
export function privateNotice(route: Extract<AnswerRoute, { kind: 'private' }>, what = '该内容'): string {
  return route.reason === 'unknown'
    ? `暂时无法核实本群成员范围，为确保信息安全，${what}已私信发送给您，请查收。`
    : `${what}涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。`;
}
