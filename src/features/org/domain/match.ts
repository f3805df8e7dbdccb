/**
 * Who is who, from what a person typed: a unit, a person or a leader, matched against a snapshot of the
 * directory. Pure: the use case (use-cases/resolve.ts) loads the snapshot and turns the result into words.
 *
 * A match is exactly one entry, or none (with the closest few as suggestions), or several (ambiguous:
 * the caller asks which one). Nothing is ever guessed.
 */

export interface DirUnit {
  id: string;
  code: string;
  name: string;
  /** office_section | town | department | other */
  kind: string;
}

export interface DirPerson {
  id: string;
  name: string;
  openId: string | null;
  unitId: string | null;
  title: string;
  /** Role codes held (any scope). */
  roles: string[];
  /** Unit ids this person is 分管领导 of (leader grants scoped `unit:<id>`). */
  inChargeOf: string[];
}

/** A mention as the router hands it over: the placeholder in the text and whom it names. */
export interface MentionRef {
  key: string;
  openId?: string;
  name: string;
}

export type Match<T> =
  { kind: 'one'; value: T; via: 'exact' | 'short' | 'title' | 'mention' | 'open_id' } | { kind: 'none'; suggestions: T[] } | { kind: 'many'; candidates: T[] };

/** How many names a "是否为：…" offers. */
export const SUGGESTION_LIMIT = 3;

/** Full-width letters and digits folded, every kind of space removed. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, '');
}

const one = <T>(value: T, via: Extract<Match<T>, { kind: 'one' }>['via']): Match<T> => ({ kind: 'one', value, via });
const fromList = <T>(list: T[], via: Extract<Match<T>, { kind: 'one' }>['via']): Match<T> | undefined =>
  list.length === 1 ? one(list[0]!, via) : list.length > 1 ? { kind: 'many', candidates: list } : undefined;

// ---------------------------------------------------------------- units

/** Administrative prefixes a unit's name may carry and a person may leave out (县财政局 → 财政局). */
const UNIT_PREFIXES = ['县人民政府', '区人民政府', '县', '区'];
/** Kind suffixes a person may leave out (西河镇 → 西河, 县财政局 → 财政, 河口街道 → 河口). */
const UNIT_SUFFIXES = ['街道办事处', '人民政府', '办事处', '办公室', '街道', '镇', '乡', '局', '委', '办', '科', '中心'];

const GENERIC_UNIT_WORDS = new Set([...UNIT_SUFFIXES, '政府', '人民政府']);

function stripPrefix(name: string): string {
  const prefix = UNIT_PREFIXES.find((p) => name.startsWith(p) && name.length > p.length + 1);
  return prefix ? name.slice(prefix.length) : name;
}

/** Every short form of a unit's name that still names it: the name itself, without prefix, without suffix. */
export function unitAliases(u: DirUnit): string[] {
  const name = normaliseName(u.name);
  const out = new Set<string>([name, normaliseName(u.code)]);
  const bare = stripPrefix(name);
  out.add(bare);
  for (const base of [name, bare]) {
    const suffix = UNIT_SUFFIXES.find((s) => base.endsWith(s) && base.length - s.length >= 2);
    if (suffix) out.add(base.slice(0, -suffix.length));
    // 县政府办公室 → 县政府办, as offices say it.
    if (base.endsWith('办公室') && base.length > 3) out.add(`${base.slice(0, -3)}办`);
  }
  // A bare kind word (办公室, 办, 局 …) names no unit: 县人民政府办公室 without its prefix is not "办公室".
  return [...out].filter((a) => a.length >= 2 && !GENERIC_UNIT_WORDS.has(a));
}

/** A unit from its full name, code or a short form; typos and partial names get suggestions. */
export function matchUnit(query: string, units: readonly DirUnit[]): Match<DirUnit> {
  const q = normaliseName(query);
  if (!q) return { kind: 'none', suggestions: [] };
  const exact = units.filter((u) => normaliseName(u.name) === q || normaliseName(u.code) === q);
  const byExact = fromList(exact, 'exact');
  if (byExact) return byExact;
  const short = units.filter((u) => unitAliases(u).some((a) => a === q));
  const byShort = fromList(short, 'short');
  if (byShort) return byShort;
  // The query with its own prefix taken off (县西河镇 is 西河镇); never its suffix (河口镇 is not 河口街道).
  const bare = stripPrefix(q);
  const byBare =
    bare !== q
      ? fromList(
          units.filter((u) => unitAliases(u).includes(bare)),
          'short',
        )
      : undefined;
  if (byBare) return byBare;
  return { kind: 'none', suggestions: closest(q, units, (u) => unitAliases(u)) };
}

// ---------------------------------------------------------------- people

const OPEN_ID = /\bou_[A-Za-z0-9_-]{4,}\b/;
const MENTION_KEY = /@_user_\d+/;

/** Compound surnames an office meets (two characters): 欧阳县长 is 欧阳 + 县长. */
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '令狐', '慕容', '长孙', '宇文', '司徒', '夏侯'];

/** The positions a person may be addressed by after their surname (张县长, 王主任, 李局长). */
export const ADDRESS_TITLES = [
  '常务副县长',
  '常务副区长',
  '副县长',
  '副区长',
  '县长助理',
  '区长助理',
  '县长',
  '区长',
  '副书记',
  '书记',
  '副主任',
  '主任',
  '副局长',
  '局长',
  '副镇长',
  '镇长',
  '副主席',
  '主席',
  '副科长',
  '科长',
  '副部长',
  '部长',
  '副秘书长',
  '秘书长',
  '秘书',
  '联络员',
  '股长',
  '主任科员',
  '科员',
];

export function surnameOf(name: string): string {
  const n = normaliseName(name);
  return COMPOUND_SURNAMES.find((s) => n.startsWith(s)) ?? n.slice(0, 1);
}

/**
 * 张县长 → { surname 张, position 县长 }. Undefined when the text is not surname + a known position.
 * A position alone (县长) is not an address.
 */
export function parseAddress(text: string): { surname: string; position: string } | undefined {
  const q = normaliseName(text);
  const position = ADDRESS_TITLES.find((t) => q.endsWith(t) && q.length > t.length);
  if (!position) return undefined;
  const surname = q.slice(0, -position.length);
  if (surname.length > 2 || (surname.length === 2 && !COMPOUND_SURNAMES.includes(surname))) return undefined;
  return { surname, position };
}

/**
 * Whether a title is that position: 常务副县长 is a 副县长, 办公室主任 a 主任; 副县长 is not a 县长
 * (the position's own 副 is part of it, a title's extra 副 is another rank).
 */
export function titleIs(title: string, position: string): boolean {
  const t = normaliseName(title);
  if (t === position) return true;
  if (!t.endsWith(position)) return false;
  return t.charAt(t.length - position.length - 1) !== '副';
}

/** Colloquially a deputy is addressed by the head's title (吴县长 for 吴副县长): a second tier, used only when the first finds no one. */
function titleLoosely(title: string, position: string): boolean {
  return normaliseName(title).includes(position);
}

export interface PersonQuery {
  /** Mentions in the message (key → open_id), so `@_user_1` and `@张三` name whom they mention. */
  mentions?: readonly MentionRef[];
  /** Prefer people of this unit when a name is shared (责任人 of the item's 承办单位). */
  preferUnitId?: string;
}

/** A person by @mention, open_id, exact name, or surname + position (张县长, 王主任). */
export function matchPerson(query: string, people: readonly DirPerson[], o: PersonQuery = {}): Match<DirPerson> {
  const raw = query.normalize('NFKC').trim();
  const key = MENTION_KEY.exec(raw)?.[0];
  const mention = key ? o.mentions?.find((m) => m.key === key) : o.mentions?.find((m) => raw === `@${m.name}` || raw === m.key);
  if (mention) {
    const hit = mention.openId ? people.find((p) => p.openId === mention.openId) : undefined;
    return hit ? one(hit, 'mention') : { kind: 'none', suggestions: byName(normaliseName(mention.name), people) };
  }
  const openId = OPEN_ID.exec(raw)?.[0];
  if (openId) {
    const hit = people.find((p) => p.openId === openId);
    return hit ? one(hit, 'open_id') : { kind: 'none', suggestions: [] };
  }
  const q = normaliseName(raw.replace(/^@/, ''));
  if (!q) return { kind: 'none', suggestions: [] };
  const prefer = (list: DirPerson[]) => {
    const inUnit = o.preferUnitId ? list.filter((p) => p.unitId === o.preferUnitId) : [];
    return inUnit.length ? inUnit : list;
  };
  const exact = fromList(prefer(byName(q, people)), 'exact');
  if (exact) return exact;
  const address = parseAddress(q);
  if (address) {
    const bySurname = people.filter((p) => surnameOf(p.name) === address.surname);
    const strict = prefer(bySurname.filter((p) => titleIs(p.title, address.position) || titleIs(p.name.slice(address.surname.length), address.position)));
    const loose = strict.length ? strict : prefer(bySurname.filter((p) => titleLoosely(p.title, address.position) || titleLoosely(p.name, address.position)));
    const byTitle = fromList(loose, 'title');
    if (byTitle) return byTitle;
  }
  return {
    kind: 'none',
    suggestions: closest(q, people, (p) => [normaliseName(p.name), ...(p.title ? [`${surnameOf(p.name)}${normaliseName(p.title)}`] : [])]),
  };
}

function byName(q: string, people: readonly DirPerson[]): DirPerson[] {
  return people.filter((p) => normaliseName(p.name) === q);
}

/** A leader (role `leader`) in any of the person forms; 县长 alone names the one 县长 if there is one. */
export function matchLeader(query: string, people: readonly DirPerson[], o: PersonQuery = {}): Match<DirPerson> {
  const leaders = people.filter((p) => p.roles.includes('leader'));
  const q = normaliseName(query);
  const position = ADDRESS_TITLES.find((t) => t === q);
  if (position) {
    const holders = leaders.filter((p) => titleIs(p.title, position));
    const hit = fromList(holders, 'title');
    if (hit) return hit;
  }
  const m = matchPerson(query, leaders, o);
  if (m.kind !== 'none') return m;
  // Someone in the directory but not a leader: not suggested as one.
  return m;
}

// ---------------------------------------------------------------- suggestions

/** Levenshtein distance, for short names (a few characters). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The closest few: a form containing the query or contained in it scores as one edit; otherwise the edit
 * distance, kept when at most a third of the query's length (at least one) — 西和镇 finds 西河镇, 县教育局 not 县财政局.
 */
function closest<T>(q: string, entries: readonly T[], forms: (e: T) => string[]): T[] {
  const limit = Math.max(1, Math.floor(q.length / 3));
  const scored: { e: T; d: number; i: number }[] = [];
  entries.forEach((e, i) => {
    let best = Infinity;
    for (const f of forms(e)) {
      if (!f) continue;
      const d = (f.length >= 2 && q.includes(f)) || (q.length >= 2 && f.includes(q)) ? 1 : editDistance(q, f);
      best = Math.min(best, d);
    }
    if (best <= limit) scored.push({ e, d: best, i });
  });
  return scored
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, SUGGESTION_LIMIT)
    .map((s) => s.e);
}
