import type { DirPerson, DirUnit } from './match.js';

/**
 * Lists for forms, ordered the way an office orders them: leaders by rank, units by kind and then in
 * the directory's order (the order they were entered or imported), never by character code.
 */

/**
 * Leaders' ranks, highest first; a title takes the rank of the first entry it equals. Titles not listed
 * come after every listed one, in directory order. Overridable (OrgResolverOptions.leaderRanks).
 */
export const DEFAULT_LEADER_RANKS: readonly string[] = [
  '县委书记',
  '区委书记',
  '县长',
  '区长',
  '县委副书记',
  '区委副书记',
  '常务副县长',
  '常务副区长',
  '副县长',
  '副区长',
  '县长助理',
  '区长助理',
  '党组成员',
];

/** Unit kinds in the order an office lists them: its own sections, then towns, then departments. */
export const UNIT_KIND_ORDER: readonly string[] = ['office_section', 'town', 'department', 'other'];

export const UNIT_KIND_LABEL: Record<string, string> = {
  office_section: '办公室科室',
  town: '镇街',
  department: '县直部门',
  other: '其他单位',
};

/** Stable sort by `key`, keeping the input (directory) order among equals. */
function sortStable<T>(list: readonly T[], key: (t: T) => number): T[] {
  return list
    .map((t, i) => ({ t, i, k: key(t) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.t);
}

/** The configured order (LEADER_RANKS), or the default when none is configured. */
export const rankOrder = (configured?: readonly string[]): readonly string[] => (configured?.length ? configured : DEFAULT_LEADER_RANKS);

export function leaderRank(title: string, ranks: readonly string[] = DEFAULT_LEADER_RANKS): number {
  const t = title.normalize('NFKC').trim();
  const i = ranks.indexOf(t);
  return i >= 0 ? i : ranks.length;
}

/** `people` in directory order in, leaders by rank out (县长 before 常务副县长 before 副县长). */
export function orderLeaders<T extends Pick<DirPerson, 'title'>>(people: readonly T[], ranks: readonly string[] = DEFAULT_LEADER_RANKS): T[] {
  return sortStable(people, (p) => leaderRank(p.title, ranks));
}

/** `units` in directory order in, grouped by kind out (办公室科室, 镇街, 县直部门, others). */
export function orderUnits<T extends Pick<DirUnit, 'kind'>>(units: readonly T[]): T[] {
  return sortStable(units, (u) => {
    const i = UNIT_KIND_ORDER.indexOf(u.kind);
    return i >= 0 ? i : UNIT_KIND_ORDER.length;
  });
}
