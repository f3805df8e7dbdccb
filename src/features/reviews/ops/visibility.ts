import { hasRole, type Actor } from '../../org/index.js';

/**
 * Who may see whose desk (审核 卡在谁那, 审核 列表): the office's leadership sees every open draft — admins
 * and directors (主任, 副主任) — and a 科长 sees the drafts of their own unit. Everyone else sees their own
 * desk and what they sent (审核 我的). A county leader is not on this list: leaders see the drafts that reach
 * them on their own desk, the office answers for the rest.
 */
export type DeskScope = { kind: 'all' } | { kind: 'units'; unitIds: readonly string[] } | { kind: 'none' };

export function deskScope(actor: Actor): DeskScope {
  if (hasRole(actor, 'admin') || hasRole(actor, 'director')) return { kind: 'all' };
  if (hasRole(actor, 'section_chief') && actor.person?.unitId) return { kind: 'units', unitIds: [actor.person.unitId] };
  return { kind: 'none' };
}

/** Whether a reader with this scope may see every one of the drafts (by their drafter's unit). */
export function mayReadAll(scope: DeskScope, unitIds: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return unitIds.length === 0;
  return unitIds.every((u) => scope.unitIds.includes(u));
}

/** Who may record a 错文: the office's leadership and section chiefs (the levels that pass documents). */
export function mayRecordErratum(actor: Actor): boolean {
  return hasRole(actor, 'admin') || hasRole(actor, 'director') || hasRole(actor, 'section_chief');
}
