import { hasRole, scopesOf, type Actor } from '../org/index.js';
import type { Cond } from './item-filter.js';

/** Supervisors, admins and the office director see the whole ledger. */
export const isOfficeWide = (a: Actor) => hasRole(a, 'supervisor') || hasRole(a, 'admin') || hasRole(a, 'director');

/**
 * The one rule for which items a person may see, as data: `督办 <编号>` (the `supervision.view` policy
 * tests an item against it), `督办 列表` (rendered as SQL) and `督办 导出` (rendered as a Prisma where)
 * all use this, so none can show what another refuses. Office-wide roles see everything; anyone else the
 * items of their own unit and the items naming them as responsible person; a leader also the items they
 * lead and those of the units in their remit (`leader` grants scoped `unit:<id>`).
 */
export function visibleItems(actor: Actor): Cond {
  if (isOfficeWide(actor)) return { and: [] };
  const me = actor.person;
  const any: Cond[] = [];
  if (me?.unitId) any.push({ field: 'unitId', eq: me.unitId });
  if (me) any.push({ field: 'personId', eq: me.id });
  if (hasRole(actor, 'leader')) {
    if (me) any.push({ field: 'leaderId', eq: me.id });
    const units = scopesOf(actor, 'leader').flatMap((s) => (s.startsWith('unit:') && s.length > 5 ? [s.slice(5)] : []));
    if (units.length) any.push({ field: 'unitId', in: units });
  }
  // No alternative (no directory record, no role): an empty OR, which matches nothing.
  return { or: any };
}
