import { badInput } from '../../../errors.js';
import type { CommandContext } from '../../../router/context.js';
import { actorOf } from '../actor.js';
import { authorizeDirectoryReader } from '../policy.js';
import { presentPersonCard, presentUnknownSelfCard } from '../presenters/person-card.js';
import { presentUnitMembersCard, presentUnitsCard } from '../presenters/units-card.js';
import { findPersonByName, listUnitMembers, listUnits, viewPersonById, viewPersonByOpenId } from '../use-cases/people.js';
import { answerWithDirectory, type DirectoryAnswers } from './directory-audience.js';
import { plainWords, revocableRoles, type OrgContext } from './shared.js';

/** 我是谁: in place wherever asked (it shows only the asker's own unit and roles). */
export function whoami(org: OrgContext) {
  return async (ctx: CommandContext): Promise<void> => {
    const actor = actorOf(ctx);
    const me = actor.person ? await viewPersonById(org.prisma, actor.person.id) : undefined;
    if (!me) return ctx.replyCard(presentUnknownSelfCard(actor.openId, { bootstrapAdmin: actor.bootstrapAdmin }));
    await ctx.replyCard(presentPersonCard([me], { self: true, bootstrapAdmin: actor.bootstrapAdmin }));
  };
}

/** 成员 <姓名> | 成员 @某人 (people in the directory only; in a group, privately unless all members are too) */
export function member(org: OrgContext, answers: DirectoryAnswers) {
  return async (ctx: CommandContext): Promise<void> => {
    const actor = actorOf(ctx);
    authorizeDirectoryReader(actor);
    const mention = ctx.command.mentions[0];
    const name = plainWords(ctx.command).join('');
    let people;
    if (mention?.openId) {
      const person = await viewPersonByOpenId(org.prisma, mention.openId);
      if (!person) return ctx.replyText(`「${mention.name}」尚未登记在人员名册中（或尚未关联飞书账号）。`);
      people = [person];
    } else {
      if (!name) throw badInput('请写明要查询的姓名，例如：成员 张三');
      people = await findPersonByName(org.prisma, name);
      if (!people.length) return ctx.replyText(`人员名册中没有「${name.slice(0, 20)}」。`);
    }
    const revocable = revocableRoles(actor);
    await answerWithDirectory(answers, ctx, presentPersonCard(people, revocable.length ? { manage: { requestedBy: actor.openId, revocable } } : {}));
  };
}

/** 单位 [名称] (people in the directory only; in a group, privately unless all members are too) */
export function units(org: OrgContext, answers: DirectoryAnswers) {
  return async (ctx: CommandContext): Promise<void> => {
    authorizeDirectoryReader(actorOf(ctx));
    const name = ctx.command.args.trim();
    if (!name) return answerWithDirectory(answers, ctx, presentUnitsCard(await listUnits(org.prisma)));
    const found = await listUnitMembers(org.prisma, name);
    if (!found) return ctx.replyText(`未找到单位「${name.slice(0, 30)}」。发送「单位」查看全部单位名称。`);
    await answerWithDirectory(answers, ctx, presentUnitMembersCard(found.unit, found.people));
  };
}
