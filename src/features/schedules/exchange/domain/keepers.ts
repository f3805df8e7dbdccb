import { hasRole, type Actor, type Directory } from '../../../org/index.js';

/** The section that may keep every leader's entries. */
export const SECRETARY_SECTION = '秘书科';

/**
 * Who may keep (add, import, change) a leader's entries: that leader's secretaries (`secretary` scoped
 * `person:<leaderId>`), and 秘书科 — people of the unit named 秘书科, or an unscoped `secretary` grant.
 * Decided from the directory on every write, never from a card's value.
 */
export function mayKeep(actor: Actor, leaderId: string, dir: Directory): boolean {
  if (hasRole(actor, 'secretary', `person:${leaderId}`) || hasRole(actor, 'secretary', '')) return true;
  return inSecretarySection(actor, dir);
}

export function inSecretarySection(actor: Actor, dir: Directory): boolean {
  const unitId = actor.person?.unitId;
  return Boolean(unitId && dir.units.find((u) => u.id === unitId)?.name === SECRETARY_SECTION);
}

/** Anyone who keeps some leader's entries, or is a leader (they see their own in full). */
export function isKeeperOrLeader(actor: Actor, dir: Directory): boolean {
  return hasRole(actor, 'secretary') || hasRole(actor, 'leader') || inSecretarySection(actor, dir);
}
