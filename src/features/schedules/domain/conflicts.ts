import { occupiedSpan, type EntryFields } from './entry.js';

/**
 * Two entries conflict when they overlap in time on the same day and either have the same leader (a
 * leader cannot be in two places) or the same place (one room, two meetings). Cancelled entries hold
 * nothing. Pure: the use case reads the day's entries and shows what this returns on the card.
 */
export type ConflictKind = 'leader' | 'place';

export interface Conflict<T> {
  kind: ConflictKind;
  other: T;
}

type Timed = Pick<EntryFields, 'leaderId' | 'date' | 'dayPart' | 'startMinute' | 'endMinute' | 'place' | 'status'>;

export function overlaps(a: Timed, b: Timed): boolean {
  if (a.date !== b.date) return false;
  const [as, ae] = occupiedSpan(a);
  const [bs, be] = occupiedSpan(b);
  return as < be && bs < ae;
}

/** Places compared as people write them: spaces and full-width forms folded. */
export function samePlace(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return !!fold(a) && fold(a) === fold(b);
}

export function findConflicts<T extends Timed & { id: string }>(candidate: Timed, others: readonly T[], selfId?: string): Conflict<T>[] {
  if (candidate.status === 'cancelled') return [];
  const out: Conflict<T>[] = [];
  for (const other of others) {
    if (other.id === selfId || other.status === 'cancelled' || !overlaps(candidate, other)) continue;
    if (other.leaderId === candidate.leaderId) out.push({ kind: 'leader', other });
    else if (samePlace(other.place, candidate.place)) out.push({ kind: 'place', other });
  }
  return out;
}
