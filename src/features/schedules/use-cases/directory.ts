import { describeDate } from '../../../platform/phrases/index.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { hasRole, orderLeaders, rankOrder, readDirectory, type Actor, type Directory } from '../../org/index.js';
import { SECRETARIAT_UNIT } from '../policy.js';
import type { LeaderName } from '../presenters/text.js';

/** Today (Beijing) by the injected clock, and the working calendar. */
export function todayOf(deps: Pick<FeatureDeps, 'clock'>): string {
  return beijingDate(deps.clock.now());
}

export function dateText(deps: Pick<FeatureDeps, 'clock' | 'calendar'>, date: string): string {
  return describeDate(date, todayOf(deps), deps.calendar.current());
}

/** The directory's leaders, in the office's rank order. */
export function leadersIn(deps: Pick<FeatureDeps, 'settings'>, dir: Directory): LeaderName[] {
  return orderLeaders(
    dir.people.filter((p) => p.roles.includes('leader')),
    rankOrder(deps.settings.leaderRanks),
  ).map((p) => ({ id: p.id, name: p.name, title: p.title }));
}

export async function readLeaders(deps: Pick<FeatureDeps, 'prisma' | 'settings'>): Promise<LeaderName[]> {
  return leadersIn(deps, await readDirectory(deps.prisma));
}

export function leaderOf(leaders: readonly LeaderName[], id: string): LeaderName {
  return leaders.find((l) => l.id === id) ?? { id, name: '（已不在名册的领导）', title: '' };
}

export { SECRETARIAT_UNIT } from '../policy.js';

/**
 * The actor as the 日程 policy sees them: the 科长 of the unit named 秘书科 keeps every leader's entries
 * like an unscoped 秘书 grant (the section runs the schedules). Everyone else is as the directory says.
 */
export async function scheduleActor(deps: Pick<FeatureDeps, 'prisma'>, actor: Actor): Promise<Actor> {
  if (!actor.person?.unitId || !hasRole(actor, 'section_chief') || hasRole(actor, 'secretary', '')) return actor;
  const dir = await readDirectory(deps.prisma);
  const unit = dir.units.find((u) => u.id === actor.person!.unitId);
  return unit?.name === SECRETARIAT_UNIT ? { ...actor, grants: [...actor.grants, { role: 'secretary', scope: '' }] } : actor;
}
