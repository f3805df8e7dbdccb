import { forbidden } from '../../errors.js';
import { hasRole, type Actor } from './actor.js';
import { ROLE_NAMES, type Role } from './roles.js';

/**
 * The one place that answers "may this person do this to this thing". Each action has one rule;
 * features add theirs with `definePolicy` and type its subject by merging into `PolicyActions`:
 *
 *   declare module '../org/policy.js' { interface PolicyActions { 'supervision.close': { unitId: string } } }
 *   definePolicy('supervision.close', requireRole('supervisor'), '销号');
 */
export interface PolicyActions {
  'org.import': undefined;
  'org.grant': { role: Role };
  'org.revoke': { role: Role };
  'org.bind': undefined;
}

export type PolicyAction = keyof PolicyActions;

export type Decision = { ok: true } | { ok: false; need: string; needRoles?: readonly Role[] };

export type Rule<A extends PolicyAction> = (actor: Actor, subject: PolicyActions[A]) => Decision;

type SubjectArgs<A extends PolicyAction> = PolicyActions[A] extends undefined ? [subject?: undefined] : [subject: PolicyActions[A]];

interface Registered {
  rule: Rule<PolicyAction>;
  label?: string;
}

const rules = new Map<string, Registered>();

/** Registers the rule for an action; `label` completes "您没有权限…" (e.g. 导入人员名册). */
export function definePolicy<A extends PolicyAction>(action: A, rule: Rule<A>, label?: string): void {
  if (rules.has(action)) throw new Error(`policy defined twice: ${action}`);
  rules.set(action, { rule: rule as Rule<PolicyAction>, ...(label ? { label } : {}) });
}

export function can<A extends PolicyAction>(actor: Actor, action: A, ...args: SubjectArgs<A>): Decision {
  const registered = rules.get(action);
  // An action without a rule is a programming error: fail closed and loudly.
  if (!registered) throw new Error(`no policy defined for action ${action}`);
  return registered.rule(actor, args[0] as PolicyActions[PolicyAction]);
}

/** Throws BotError('forbidden') with a Chinese message naming the role needed. */
export function authorize<A extends PolicyAction>(actor: Actor, action: A, ...args: SubjectArgs<A>): void {
  const decision = can(actor, action, ...args);
  if (decision.ok) return;
  const label = rules.get(action)?.label ?? '执行此操作';
  const need = decision.needRoles?.length ? alternatives(decision.needRoles.map((r) => ROLE_NAMES[r])) : decision.need;
  throw forbidden(`您没有权限${label}：需要${need}角色。如需开通，请联系管理员。`);
}

/** Choices as an office lists them: "督查员", "督查员或管理员", "督查员、管理员或县（区）领导". */
export function alternatives(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join('、')}或${names.at(-1)}`;
}

export const allow = (): Decision => ({ ok: true });

/** What a stranger is told when they ask to see the directory. */
export const DIRECTORY_READERS_ONLY = '人员名册仅向已登记人员开放。请发送「我是谁」查看您的 open_id，并将其提供给管理员登记后再查询。';

/**
 * Who may look people and units up (成员, 单位): someone in the directory, or an admin named at start
 * (ADMIN_OPEN_IDS, who may not be imported yet). A stranger in a shared group must not be able to list
 * every unit, person, title and role.
 */
export function authorizeDirectoryReader(actor: Actor): void {
  if (actor.person || actor.bootstrapAdmin) return;
  throw forbidden(DIRECTORY_READERS_ONLY);
}

/** A rule satisfied by any one of the roles (unscoped check). */
export function requireRole(...roles: Role[]): (actor: Actor) => Decision {
  return (actor) =>
    roles.some((r) => hasRole(actor, r)) ? { ok: true } : { ok: false, need: alternatives(roles.map((r) => ROLE_NAMES[r])), needRoles: roles };
}

/** Test seam: the actions that have a rule. */
export function definedActions(): string[] {
  return [...rules.keys()];
}

// ---- the org feature's own rules ------------------------------------------------------------------

definePolicy('org.import', requireRole('admin'), '导入人员名册');
definePolicy('org.grant', requireRole('admin'), '授予角色');
definePolicy('org.revoke', requireRole('admin'), '撤销角色');
definePolicy('org.bind', requireRole('admin'), '绑定或解绑群用途');
