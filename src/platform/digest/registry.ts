import type { IsoDate } from '../time.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';

/**
 * The roles a morning card is ordered by: what awaits a leader's decision first, then a reviewer's desk,
 * then a liaison's unit, then a secretary's check of the leaders' day.
 */
export const DIGEST_ROLES = ['leader', 'reviewer', 'liaison', 'secretary'] as const;
export type DigestRole = (typeof DIGEST_ROLES)[number];

/** A person as the digest sees them: the directory's row and their role grants (role, scope), nothing else. */
export interface DigestPerson {
  id: string;
  openId: string;
  name: string;
  title: string;
  unitId: string | null;
  grants: readonly { role: string; scope: string }[];
}

/** The morning a card is made for. */
export interface DigestDay {
  /** Today (a working day). */
  date: IsoDate;
  /** The previous working day (昨日 in an office's sense: Friday on a Monday). */
  previous: IsoDate;
  /** When the run was scheduled (dwell and due counts are taken at it). */
  at: Date;
  calendar: WorkCalendar;
}

/** One feature's part of a person's card: a heading, the lines (markdown the feature built, user text escaped). */
export interface DigestSection {
  role: DigestRole;
  /** Order within the role (lower first); features declare theirs so the card reads the same every day. */
  rank: number;
  title: string;
  lines: readonly string[];
  /** A closing hint (the command that shows more). */
  hint?: string;
  /** Something past its time is in it: the card's header turns orange. */
  pressing?: boolean;
}

/** A feature's section(s) of one person's card, or null when it has nothing for them today (it reads its own store). */
export type DigestContributor = (person: DigestPerson, day: DigestDay) => Promise<DigestSection | DigestSection[] | null>;

/** Who may receive a card: the directory's active people with an open id (the org feature provides them). */
export type DigestAudience = () => Promise<DigestPerson[]>;

/**
 * 今日汇要's registry (as the router's listener registry): each feature's index.ts contributes its
 * section; the org feature says who the people are. The platform never imports a feature.
 */
export class DigestRegistry {
  private readonly contributors: { feature: string; contribute: DigestContributor }[] = [];
  private audienceSource?: DigestAudience;

  contribute(feature: string, contribute: DigestContributor): this {
    if (this.contributors.some((c) => c.feature === feature)) throw new Error(`digest section registered twice: ${feature}`);
    this.contributors.push({ feature, contribute });
    return this;
  }

  audience(source: DigestAudience): this {
    if (this.audienceSource) throw new Error('digest audience registered twice');
    this.audienceSource = source;
    return this;
  }

  features(): string[] {
    return this.contributors.map((c) => c.feature);
  }

  people(): Promise<DigestPerson[]> {
    return this.audienceSource ? this.audienceSource() : Promise.resolve([]);
  }

  /** Every section of one person's card, ordered by role then rank; features with nothing are left out. */
  async sectionsFor(person: DigestPerson, day: DigestDay): Promise<DigestSection[]> {
    // The features' reads are independent: side by side, then in the card's order.
    const got = await Promise.all(this.contributors.map((c) => c.contribute(person, day)));
    const sections = got.flatMap((g) => (!g ? [] : Array.isArray(g) ? g : [g])).filter((s) => s.lines.length > 0);
    return orderSections(sections);
  }
}

export function orderSections(sections: readonly DigestSection[]): DigestSection[] {
  const roleRank = (r: DigestRole) => DIGEST_ROLES.indexOf(r);
  return [...sections].sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.rank - b.rank);
}
