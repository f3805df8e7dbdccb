/** A person told of some leaders' entries, and which leaders (Person.id). */
export interface Keeper {
  personId: string;
  openId: string | null;
  name: string;
  leaderIds: string[];
}

export type OfficePerson = Omit<Keeper, 'leaderIds'>;

/**
 * Who is told of each leader's entries (the evening preview, the 拟定 notice after the broadcast, the
 * reminders), pure: each leader's own secretaries; a leader with no secretary who can be reached (none,
 * or none with an open_id yet) is 秘书科's — every person of an unscoped 秘书 grant, or when there is
 * none who can be reached, the 科长 of 秘书科. One row per person, their leaders in the order given.
 */
export function keepersToTell(
  leaderIds: readonly string[],
  secretaries: readonly Keeper[],
  secretariat: readonly OfficePerson[],
  chiefs: readonly OfficePerson[],
): Keeper[] {
  const byPerson = new Map<string, Keeper>();
  for (const s of secretaries) byPerson.set(s.personId, { ...s, leaderIds: [...s.leaderIds] });
  const uncovered = leaderIds.filter((l) => !secretaries.some((s) => s.openId && s.leaderIds.includes(l)));
  if (!uncovered.length) return [...byPerson.values()];
  const reachable = secretariat.filter((p) => p.openId);
  for (const p of reachable.length ? reachable : chiefs) {
    const k = byPerson.get(p.personId) ?? { ...p, leaderIds: [] };
    for (const l of uncovered) if (!k.leaderIds.includes(l)) k.leaderIds.push(l);
    byPerson.set(p.personId, k);
  }
  return [...byPerson.values()];
}
