import type { ElapsedLadder } from '../../../../platform/reminders/ladder.js';

export { elapsedRungDueAt, elapsedRungToSend, type ElapsedLadder, type ElapsedRung } from '../../../../platform/reminders/ladder.js';

/**
 * The review reminder ladder on the platform's elapsed ladder, counted in working minutes from when a
 * level received the draft, as multiples of the level's limit. 1×: the holder is nudged. 2×: the holder's
 * superior (the next level, or the 主任) is told as well, and a 特急 draft's card is buzzed.
 */
export const REVIEW_LADDER: ElapsedLadder = {
  mode: 'working',
  rungs: [
    { rank: 1, multiple: 1, audience: ['holder'], label: '已到审核时限' },
    { rank: 2, multiple: 2, audience: ['holder', 'superior'], label: '已超过审核时限一倍' },
  ],
};

export const TOP_RANK = Math.max(...REVIEW_LADDER.rungs.map((r) => r.rank));
