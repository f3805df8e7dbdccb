import { allow, authorize, definePolicy, hasRole, type Actor, type Decision } from '../org/index.js';

/**
 * Who keeps a leader's entries:
 * - the leader's secretaries: `secretary` scoped `person:<leaderId>` (授权 @某人 秘书 <领导>);
 * - 秘书科: a `secretary` grant without a scope is the 秘书科's — they keep every leader's entries; so does
 *   the 科长 of the unit named 秘书科 (scheduleActor in use-cases/directory.ts adds that grant for the check);
 *   other people of that unit keep only the leaders their own grants name;
 * - admins do not keep entries by being admins (an office's admin is often the IT person).
 * The leader may see and confirm their own entries (拟定 → 确定), not add or change them.
 * Every handler re-checks this against the person who clicked, never a value on the card.
 */
export interface LeaderSubject {
  leaderId: string;
}

declare module '../org/policy.js' {
  interface PolicyActions {
    'schedule.keep': LeaderSubject;
    'schedule.confirm': LeaderSubject;
  }
}

/** The unit whose 科长 keeps every leader's entries, besides an unscoped 秘书 grant. */
export const SECRETARIAT_UNIT = '秘书科';

/** 秘书科: an unscoped secretary grant. */
export function isSecretariat(actor: Actor): boolean {
  return hasRole(actor, 'secretary', '');
}

export function mayKeep(actor: Actor, leaderId: string): boolean {
  if (!actor.person) return false;
  return isSecretariat(actor) || hasRole(actor, 'secretary', `person:${leaderId}`);
}

/** The leaders whose entries this actor keeps ('all' for 秘书科). */
export function keptLeaders(actor: Actor): 'all' | string[] {
  if (!actor.person) return [];
  if (isSecretariat(actor)) return 'all';
  return actor.grants.filter((g) => g.role === 'secretary' && g.scope.startsWith('person:')).map((g) => g.scope.slice('person:'.length));
}

/** The leader themself, or a keeper: who sees every field of the leader's entries. */
export function isKeeperOrLeader(actor: Actor, leaderId: string): boolean {
  return mayKeep(actor, leaderId) || actor.person?.id === leaderId;
}

/**
 * Refuses someone who keeps no leader's entries at all, before anything they typed is read: a stranger
 * is told they may not, not which leaders exist or what in their line did not parse.
 */
export function authorizeSomeKeeping(actor: Actor): void {
  const kept = keptLeaders(actor);
  if (kept !== 'all' && !kept.length) authorize(actor, 'schedule.keep', { leaderId: '' });
}

const KEEPERS = '该领导的秘书或秘书科人员';
definePolicy('schedule.keep', (a, s): Decision => (mayKeep(a, s.leaderId) ? allow() : { ok: false, need: KEEPERS }), '新增、修改或取消该领导的日程');
definePolicy(
  'schedule.confirm',
  (a, s): Decision => (isKeeperOrLeader(a, s.leaderId) ? allow() : { ok: false, need: `领导本人、${KEEPERS}` }),
  '确认该领导的日程',
);
