import type { Router } from '../../router/router.js';
import { digestPeople } from './repositories/digest-people.js';
import type { FeatureDeps } from '../deps.js';
import { actorMiddleware } from './actor.js';
import { bind, unbind } from './commands/bindings.js';
import { importFile } from './commands/import-file.js';
import { directoryAnswers } from './commands/directory-audience.js';
import { member, units, whoami } from './commands/people.js';
import { grant, revoke, revokeClicked } from './commands/roles.js';
import type { OrgContext } from './commands/shared.js';
import { isSupportedFileName } from './import/table.js';
import { REVOKE_ACTION } from './presenters/person-card.js';
import './object-types.js';

export interface OrgOptions {
  /** open_ids treated as admins whatever the directory says (ADMIN_OPEN_IDS): the first admin's way in. */
  bootstrapAdmins?: readonly string[];
}

const FEATURE = '人员名册';

/** People, units, roles and chat bindings: who is who, and the actor of every command and click. */
export function registerOrg(router: Router, deps: FeatureDeps, options: OrgOptions = {}): void {
  const org: OrgContext = { prisma: deps.prisma, clock: deps.clock, bootstrapAdmins: options.bootstrapAdmins ?? deps.bootstrapAdmins };
  const loadActor = actorMiddleware(deps.sql, org.bootstrapAdmins);
  const directory = directoryAnswers(deps, org.bootstrapAdmins);
  router.useForCommands(loadActor);
  router.useForActions(loadActor);

  router.command({ names: ['我是谁', 'whoami', '我的信息'], feature: FEATURE, usage: '我是谁', summary: '查看本人的单位和角色' }, whoami(org));
  router.command(
    { names: ['成员', 'member', '查人'], feature: FEATURE, usage: '成员 <姓名>', summary: '查看某人的单位和角色（也可 @某人）' },
    member(org, directory),
  );
  router.command({ names: ['单位', 'units'], feature: FEATURE, usage: '单位 [单位名称]', summary: '列出全部单位，或查看某单位的人员' }, units(org, directory));
  router.command(
    { names: ['授权', 'grant'], feature: FEATURE, usage: '授权 @某人 <角色> [范围]', summary: '授予角色，范围为分管单位、服务领导或联络类型（管理员）' },
    grant(org),
  );
  router.command({ names: ['撤销', 'revoke'], feature: FEATURE, usage: '撤销 @某人 <角色>', summary: '撤销某人的角色（管理员）' }, revoke(org));
  router.command(
    {
      names: ['绑定', 'bind'],
      feature: FEATURE,
      usage: '绑定 [用途]',
      summary: '查看本群用途；管理员可将本群绑定为督查、日程、信息、议题、审核、领导或管理群',
    },
    bind(org),
  );
  router.command({ names: ['解绑', 'unbind'], feature: FEATURE, usage: '解绑 <用途>', summary: '解除本群的某项用途（管理员）' }, unbind(org));
  router.file({ feature: FEATURE, accepts: (f) => isSupportedFileName(f.name) }, importFile(org));
  router.action(REVOKE_ACTION, revokeClicked(org));
  // 今日汇要 goes to the directory's people: the org feature is who says who they are.
  deps.digest?.audience(() => digestPeople(deps.prisma));
}

export { actorOf, hasRole, loadActor, scopesOf, type Actor } from './actor.js';
export { allow, authorize, can, definePolicy, requireRole, type Decision, type PolicyActions } from './policy.js';
export { chatsForPurpose } from './use-cases/bindings.js';
export { everyActor } from './members.js';
export { PURPOSES, type Purpose } from './purposes.js';
export { ROLES, ROLE_NAMES, type Role } from './roles.js';
export {
  formLists,
  leadersInChargeOf,
  readDirectory,
  resolveLeader,
  resolveLeaderById,
  resolvePerson,
  resolveUnit,
  resolveUnitById,
  unitNameOf,
  type Directory,
  type FormLists,
  type ResolveOptions,
} from './use-cases/resolve.js';
export { matchLeader, matchPerson, matchUnit, type DirPerson, type DirUnit, type Match, type MentionRef } from './domain/match.js';
export { DEFAULT_LEADER_RANKS, orderLeaders, orderUnits, rankOrder, UNIT_KIND_LABEL } from './domain/ordering.js';
