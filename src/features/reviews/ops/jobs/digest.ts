import { enqueueMany } from '../../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { deskTime, lineOf } from '../desk-lines.js';
import { holdings } from '../repositories/holdings.js';
import { presentReviewerDigest } from '../presenters/desk.js';
import type { DraftLine } from '../presenters/lines.js';

const QUEUE_CHUNK = 500;

/**
 * The morning digest: one card per person holding drafts (「您手中有 3 份文稿待审」), none for anyone with
 * none. One query for every holding; the cards are keyed by date and person, so a re-run the same day
 * queues nothing new.
 */
export async function runReviewerDigest(deps: FeatureDeps, firedAt: Date): Promise<{ reviewers: number; drafts: number }> {
  const today = beijingDate(firedAt);
  const t = deskTime(deps, firedAt);
  const byHolder = new Map<string, { name: string; lines: DraftLine[] }>();
  const all = await holdings(deps.sql);
  for (const h of all) {
    let d = byHolder.get(h.openId);
    if (!d) byHolder.set(h.openId, (d = { name: h.personName, lines: [] }));
    d.lines.push(lineOf(h, t));
  }
  const items = [...byHolder].map(([openId, d]) => ({
    to: { openId },
    content: { type: 'card' as const, card: presentReviewerDigest(d.name, d.lines, t.dayMinutes) },
    key: `rv-digest:${today}:${openId}`,
    origin: 'job:reviews.digest',
  }));
  for (let i = 0; i < items.length; i += QUEUE_CHUNK) {
    const chunk = items.slice(i, i + QUEUE_CHUNK);
    await deps.prisma.$transaction((tx) => enqueueMany(tx, chunk), { timeout: 60_000 });
  }
  deps.outbox.kick();
  return { reviewers: byHolder.size, drafts: all.length };
}
