import type { DraftNote } from '../../../ports/drafter.js';
import { bigrams, cleanText, overlap } from './text.js';

/**
 * Notes about the same matter become one item: a 续报 with its first report, or two units reporting the same
 * event. Judged by shared character pairs (bigrams) of the cleaned text, beyond the units' own names; a
 * 续报/再报/补报 needs less overlap than two ordinary notes.
 */
export interface MergeOptions {
  /** Overlap (relative to the shorter note) above which two notes are one matter (default 0.5). */
  threshold?: number;
  /** The threshold for a note that says it follows up (default 0.3). */
  followUpThreshold?: number;
}

const FOLLOW_UP = /续报|再报|补报|追报|进展情况|最新情况/;

export function groupSameMatter(notes: readonly DraftNote[], options: MergeOptions = {}): DraftNote[][] {
  const threshold = options.threshold ?? 0.5;
  const followUp = options.followUpThreshold ?? 0.3;
  const grams = notes.map((n) => {
    const set = bigrams(cleanText(n.text));
    for (const g of bigrams(n.unit)) set.delete(g);
    return set;
  });
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
      const limit = FOLLOW_UP.test(notes[i]?.text ?? '') || FOLLOW_UP.test(notes[j]?.text ?? '') ? followUp : threshold;
      if (overlap(a, b) >= limit) parent[find(j)] = find(i);
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
