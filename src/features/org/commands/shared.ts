import type { PrismaClient } from '../../../db/handles.js';
import { badInput, notFound } from '../../../errors.js';
import type { Clock } from '../../../ports/clock.js';
import type { ParsedCommand } from '../../../router/commands.js';
import type { Actor } from '../actor.js';
import { can } from '../policy.js';
import { ROLES, type Role } from '../roles.js';
import { findPersonByName, viewPersonByOpenId, type PersonView } from '../use-cases/people.js';

export interface OrgContext {
  prisma: PrismaClient;
  clock: Clock;
  bootstrapAdmins: readonly string[];
}

/** The words after the command, without the placeholders of @-mentions. */
export function plainWords(command: ParsedCommand): string[] {
  const keys = new Set(command.mentions.map((m) => m.key));
  return command.argv.filter((w) => !keys.has(w) && !/^@_user_\d+$/.test(w));
}

/** The roles whose revoke button this reader may see. */
export function revocableRoles(actor: Actor): Role[] {
  return ROLES.filter((role) => can(actor, 'org.revoke', { role }).ok);
}

/**
 * Who a command is about: the first @-mention, or else a name typed as the first word. A name must be
 * unique in the directory; namesakes are to be told apart with @.
 */
export async function resolveTarget(org: OrgContext, command: ParsedCommand, words: string[]): Promise<{ person: PersonView; rest: string[] }> {
  const mention = command.mentions[0];
  if (mention?.openId) {
    const person = await viewPersonByOpenId(org.prisma, mention.openId);
    if (!person) throw notFound(`「${mention.name}」尚未登记在人员名册中（或尚未关联飞书账号），请先导入人员名册。`);
    return { person, rest: words };
  }
  const [name, ...rest] = words;
  if (!name) throw badInput('请 @ 要操作的人员，或写明其姓名。');
  const found = await findPersonByName(org.prisma, name);
  if (!found.length) throw notFound(`人员名册中没有「${name}」。`);
  if (found.length > 1) {
    const units = found.map((p) => p.unitName ?? '未填单位').join('、');
    throw badInput(`人员名册中有 ${found.length} 位「${name}」（${units}），请改用 @ 指定。`);
  }
  return { person: found[0]!, rest };
}
