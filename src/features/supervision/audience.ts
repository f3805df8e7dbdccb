import type { Prisma } from '../../db/generated/sqlite/index.js';
import { routeAnswer, type AnswerRoute, type ChatAudience } from '../../platform/audience.js';
import type { CommandContext } from '../../router/context.js';
import type { FeatureDeps } from '../index.js';
import { can, loadActor } from '../org/index.js';
import type { ItemSubject } from './policy.js';

/**
 * Who may read a 督办 answer in the chat it was asked in: every member other than the asker must pass
 * `supervision.view` on every item the answer shows. A member not in the directory has no roles and
 * sees nothing, so any non-empty answer goes privately to the asker.
 */

/** Members resolved this many at a time; the first member who may not see stops the check. */
const MEMBER_BATCH = 20;

export async function allMayView(deps: Pick<FeatureDeps, 'sql' | 'bootstrapAdmins'>, members: readonly string[], subjects: readonly ItemSubject[]): Promise<boolean> {
  if (!subjects.length) return true;
  for (let i = 0; i < members.length; i += MEMBER_BATCH) {
    const actors = await Promise.all(members.slice(i, i + MEMBER_BATCH).map((openId) => loadActor(deps.sql, openId, deps.bootstrapAdmins)));
    if (!actors.every((a) => subjects.every((s) => can(a, 'supervision.view', s).ok))) return false;
  }
  return true;
}

/**
 * The distinct (unit, person, leader) of the items a selection holds, all of them (not only the rows a
 * list shows: its total counts the rest). Grouped in the database: a few hundred tuples, not the ledger.
 */
export async function subjectsOf(deps: Pick<FeatureDeps, 'prisma'>, where: Prisma.SupervisionItemWhereInput): Promise<ItemSubject[]> {
  const groups = await deps.prisma.supervisionItem.groupBy({ by: ['unitId', 'personId', 'leaderId'], where });
  return groups.map((g) => ({ unitId: g.unitId, personId: g.personId, leaderId: g.leaderId }));
}

/** Where to answer the command in `ctx`, given the items the answer shows (read only for a group). */
export function routeItemsAnswer(deps: FeatureDeps, audience: ChatAudience, ctx: CommandContext, subjects: () => Promise<readonly ItemSubject[]>): Promise<AnswerRoute> {
  return routeAnswer(audience, { chatId: ctx.chatId, chatType: ctx.message.chatType, askerOpenId: ctx.actorOpenId }, async (members) =>
    members.length ? allMayView(deps, members, await subjects()) : true,
  );
}

/** What the chat is told when the answer went to the asker privately. */
export function privateNotice(route: Extract<AnswerRoute, { kind: 'private' }>, what = '该内容'): string {
  return route.reason === 'unknown'
    ? `暂时无法核实本群成员范围，为确保信息安全，${what}已私信发送给您，请查收。`
    : `${what}涉及其他单位事项，不宜在本群公开，已私信发送给您，请查收。`;
}
