import type { OfficeTime } from '../../../../platform/calendar/working-time.js';

/**
 * The review reminder ladder, counted from when a level received the draft, as multiples of the level's
 * limit. Same shape and semantics as the platform's elapsed ladder (platform/reminders/ladder.ts, being
 * built on branch `wf`): once it is on main this file keeps only REVIEW_LADDER and re-exports the rest.
 */
export interface ElapsedRung {
  rank: number;
  multiple: number;
  /** holder: the level holding the draft; superior: the next level's holder, or the 主任. */
  audience: readonly string[];
  label?: string;
}

export interface ElapsedLadder {
  rungs: readonly ElapsedRung[];
  mode: 'working' | 'clock';
}

/** 1×: the holder is nudged. 2×: the superior is told as well (and a 特急 draft's card is buzzed). */
export const REVIEW_LADDER: ElapsedLadder = {
  mode: 'working',
  rungs: [
    { rank: 1, multiple: 1, audience: ['holder'], label: '已到审核时限' },
    { rank: 2, multiple: 2, audience: ['holder', 'superior'], label: '已超过审核时限一倍' },
  ],
};

export const TOP_RANK = Math.max(...REVIEW_LADDER.rungs.map((r) => r.rank));

/** When `rung` falls due for a holding that started at `startedAt` with a limit of `limitMinutes`. */
export function elapsedRungDueAt(l: ElapsedLadder, rung: ElapsedRung, startedAt: Date, limitMinutes: number, time: OfficeTime): Date {
  return time.add(l.mode, startedAt, Math.round(rung.multiple * limitMinutes));
}

/**
 * The highest rung due at `now` above the one already sent, or undefined. After downtime only the highest
 * due rung is returned: the lower ones are not sent late, one after another.
 */
export function elapsedRungToSend(
  l: ElapsedLadder,
  o: { startedAt: Date; now: Date; limitMinutes: number; sentRank: number; time: OfficeTime },
): ElapsedRung | undefined {
  let best: ElapsedRung | undefined;
  for (const rung of l.rungs) {
    if (rung.rank <= o.sentRank || (best && best.rank >= rung.rank)) continue;
    if (elapsedRungDueAt(l, rung, o.startedAt, o.limitMinutes, o.time) <= o.now) best = rung;
  }
  return best;
}
