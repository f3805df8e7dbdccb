import { badInput, BotError, notFound } from '../../../errors.js';
import type { ActionContext, ActionResponse, CommandContext } from '../../../router/context.js';
import { actorOf } from '../actor.js';
import { authorize } from '../policy.js';
import { presentPersonCard } from '../presenters/person-card.js';
import { findUnitByName } from '../repositories/units.js';
import { allRoleNames, parseLiaisonDuty, parseRole, ROLE_NAMES, type Role } from '../roles.js';
import { MEMBER_CARD_STALE, revokeValue } from '../schemas.js';
import { findPersonByName, viewPersonById, viewPersonByOpenId, type PersonView } from '../use-cases/people.js';
import { grantRole, revokeRole } from '../use-cases/roles.js';
import { splitList } from '../import/columns.js';
import { plainWords, resolveTarget, revocableRoles, type OrgContext } from './shared.js';

/** The role word comes right after the target: `授权 @张三 督查员` or `授权 张三 督查员`. */
function parseRoleWord(ctx: CommandContext, verb: string): { role: Role; words: string[] } {
  const words = plainWords(ctx.command);
  const hasMention = Boolean(ctx.command.mentions[0]?.openId);
  const roleWord = hasMention ? words[0] : words[1];
  if (!roleWord) throw badInput(`用法：${verb} @某人 <角色>。可用角色：${allRoleNames()}`);
  const role = parseRole(roleWord);
  if (!role) throw badInput(`无法识别角色「${roleWord.slice(0, 20)}」。可用角色：${allRoleNames()}`);
  const rest = [...words];
  rest.splice(hasMention ? 0 : 1, 1);
  return { role, words: rest };
}

/** The scopes typed after the role: units in charge, leaders served (@ or name), or a liaison duty. */
async function parseScopes(org: OrgContext, ctx: CommandContext, role: Role, extra: string[]): Promise<{ scopes: string[]; labels: string[] }> {
  const items = extra.flatMap(splitList);
  const leaderMentions = ctx.command.mentions.slice(1).filter((m) => m.openId);
  if (role === 'leader' || role === 'director') {
    const scopes: string[] = [];
    for (const name of items) {
      const unit = await findUnitByName(org.prisma, name);
      if (!unit) throw notFound(`未找到单位「${name.slice(0, 30)}」。发送「单位」查看单位名称。`);
      scopes.push(`unit:${unit.id}`);
    }
    return { scopes, labels: items };
  }
  if (role === 'secretary') {
    const leaders: PersonView[] = [];
    for (const m of leaderMentions) {
      const p = await viewPersonByOpenId(org.prisma, m.openId!);
      if (!p) throw notFound(`「${m.name}」尚未登记在人员名册中。`);
      leaders.push(p);
    }
    for (const name of items) {
      const found = await findPersonByName(org.prisma, name);
      if (found.length !== 1) throw badInput(found.length ? `人员名册中有多位「${name}」，请改用 @ 指定服务领导。` : `人员名册中没有「${name}」。`);
      leaders.push(found[0]!);
    }
    const notLeader = leaders.find((p) => !p.roles.some((r) => r.role === 'leader'));
    if (notLeader) throw badInput(`「${notLeader.name}」不是「${ROLE_NAMES.leader}」，不能作为服务领导。`);
    return { scopes: leaders.map((p) => `person:${p.id}`), labels: leaders.map((p) => p.name) };
  }
  if (role === 'liaison') {
    const duties = items.map((w) => ({ w, d: parseLiaisonDuty(w) }));
    const bad = duties.find((x) => !x.d);
    if (bad || !duties.length) throw badInput('授予联络员角色时请注明联络类型（信息 或 督查），例如：授权 @张三 联络员 信息');
    return { scopes: duties.map((x) => x.d!), labels: duties.map((x) => x.w) };
  }
  if (items.length) throw badInput(`「${ROLE_NAMES[role]}」角色不区分范围，请去掉「${items.join('、').slice(0, 30)}」。`);
  return { scopes: [], labels: [] };
}

/** 授权 @某人 <角色> [分管单位… | @服务领导… | 信息/督查] */
export function grant(org: OrgContext) {
  return async (ctx: CommandContext): Promise<void> => {
    const { role, words } = parseRoleWord(ctx, '授权');
    authorize(actorOf(ctx), 'org.grant', { role });
    const { person, rest } = await resolveTarget(org, ctx.command, words);
    const { scopes, labels } = await parseScopes(org, ctx, role, rest);
    const added = await grantRole(org.prisma, {
      actor: ctx.actorOpenId,
      actorIsBootstrapAdmin: actorOf(ctx).bootstrapAdmin,
      personId: person.id,
      role,
      scopes,
      at: org.clock.now(),
    });
    const scopeText = labels.length ? `（${labels.join('、')}）` : '';
    await ctx.replyText(
      added.length
        ? `已授予${person.name}「${ROLE_NAMES[role]}」角色${scopeText}。`
        : `${person.name}已有「${ROLE_NAMES[role]}」角色${scopeText}，无需重复授权。`,
    );
  };
}

/** 撤销 @某人 <角色> */
export function revoke(org: OrgContext) {
  return async (ctx: CommandContext): Promise<void> => {
    const { role, words } = parseRoleWord(ctx, '撤销');
    authorize(actorOf(ctx), 'org.revoke', { role });
    const { person } = await resolveTarget(org, ctx.command, words);
    const removed = await revokeRole(org.prisma, {
      actor: ctx.actorOpenId,
      actorIsBootstrapAdmin: actorOf(ctx).bootstrapAdmin,
      personId: person.id,
      role,
      at: org.clock.now(),
      bootstrapAdminsConfigured: org.bootstrapAdmins.length > 0,
    });
    await ctx.replyText(removed.length ? `已撤销${person.name}的「${ROLE_NAMES[role]}」角色。` : `${person.name}没有「${ROLE_NAMES[role]}」角色，无需撤销。`);
  };
}

/** The 撤销「X」 button on a member card: authorized by whoever clicks, whatever the button says. */
export function revokeClicked(org: OrgContext) {
  return async (ctx: ActionContext): Promise<ActionResponse> => {
    const parsed = revokeValue.safeParse(ctx.value);
    if (!parsed.success) throw new BotError('stale_card', MEMBER_CARD_STALE);
    const { personId, role, shown } = parsed.data;
    const actor = actorOf(ctx);
    authorize(actor, 'org.revoke', { role });
    const removed = await revokeRole(org.prisma, {
      actor: actor.openId,
      actorIsBootstrapAdmin: actor.bootstrapAdmin,
      personId,
      role,
      at: org.clock.now(),
      bootstrapAdminsConfigured: org.bootstrapAdmins.length > 0,
    });
    const ids = [...new Set([...(shown ? shown.split(',') : []), personId])].filter(Boolean).slice(0, 20);
    const people = (await Promise.all(ids.map((id) => viewPersonById(org.prisma, id)))).filter((p): p is PersonView => !!p);
    const name = people.find((p) => p.id === personId)?.name ?? '该人员';
    return {
      toast: removed.length
        ? { type: 'success', content: `已撤销${name}的「${ROLE_NAMES[role]}」角色。` }
        : { type: 'info', content: `${name}已没有「${ROLE_NAMES[role]}」角色。` },
      card: presentPersonCard(people, { manage: { requestedBy: actor.openId, revocable: revocableRoles(actor) } }),
    };
  };
}
