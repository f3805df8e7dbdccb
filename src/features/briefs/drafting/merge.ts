import type { DraftNote } from '../../../ports/drafter.js';
import { extractFacts } from './facts.js';
import { bigrams, cleanText, overlap } from './text.js';

/**
 * Notes about the same matter become one item: a 续报 with its first report, or two units reporting the same
 * event. Judged by shared character pairs (bigrams) of the cleaned text, beyond the units' own names; a
 * 续报/再报/补报 needs less overlap than two ordinary notes, and less still with a note naming the same small
 * place (a village, community, road or reservoir: not a town or the county, which many notes share) — but
 * more than that place's name alone (a fire in 东关村 is not 东关村's 积分制). A heuristic: the editor can split.
 */
export interface MergeOptions {
  /** Overlap (relative to the shorter note) above which two notes are one matter (default 0.5). */
  threshold?: number;
  /** The threshold for a note that says it follows up (default 0.3). */
  followUpThreshold?: number;
  /** The threshold for a follow-up naming the same small place (default 0.1: more than the place's own words). */
  samePlaceThreshold?: number;
}

const FOLLOW_UP = /续报|再报|补报|追报|进展情况|最新情况/;
const SMALL_PLACE = /(?:村|社区|小区|路|大道|街|水库|大桥|隧道|组|园区)$/;

const smallPlaces = (text: string) =>
  new Set(
    extractFacts(text)
      .filter((f) => f.type === 'place' && f.text.length >= 3 && SMALL_PLACE.test(f.text))
      .map((f) => f.text),
  );

export function groupSameMatter(notes: readonly DraftNote[], options: MergeOptions = {}): DraftNote[][] {
  const threshold = options.threshold ?? 0.5;
  const followUp = options.followUpThreshold ?? 0.3;
  const placeThreshold = options.samePlaceThreshold ?? 0.1;
  const grams = notes.map((n) => {
    const set = bigrams(cleanText(n.text));
    for (const g of bigrams(n.unit)) set.delete(g);
    return set;
  });
  const follows = notes.map((n) => FOLLOW_UP.test(n.text));
  const places: (Set<string> | undefined)[] = notes.map(() => undefined);
  const placesOf = (i: number) => places[i] ?? (places[i] = smallPlaces(notes[i]?.text ?? ''));
  const parent = notes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      const a = grams[i] ?? new Set<string>();
      const b = grams[j] ?? new Set<string>();
      if (Math.min(a.size, b.size) < 6) continue;
      const isFollowUp = Boolean(follows[i] || follows[j]);
      const samePlace = isFollowUp && [...placesOf(i)].some((p) => placesOf(j).has(p));
      const o = overlap(a, b);
      if ((samePlace && o >= placeThreshold) || o >= (isFollowUp ? followUp : threshold)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, DraftNote[]>();
  notes.forEach((note, i) => {
    const root = find(i);
    const group = groups.get(root) ?? [];
    group.push(note);
    groups.set(root, group);
  });
  return [...groups.values()];
}
