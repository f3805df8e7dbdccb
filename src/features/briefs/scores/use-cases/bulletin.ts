import { addDays, beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { chatsForPurpose } from '../../../org/index.js';
import { briefSettings } from '../../settings.js';
import { isFirstWorkingDayOfMonth, previousMonth } from '../domain/scoring.js';
import { presentBulletin } from '../presenters/score-card.js';
import { loadScores } from './table.js';

export const BULLETIN_JOB = 'briefs.bulletin';

export type BulletinOutcome = { posted: 0; reason: 'not_first_working_day' | 'no_group' | 'no_units' } | { posted: number; month: string };

/**
 * The monthly 通报: on the month's first working day, the previous month's scores to every chat bound
 * for 信息. The scheduler runs it once per period across instances; the outbox key (month and chat)
 * keeps a re-run from posting again.
 */
export async function runBulletin(deps: FeatureDeps, firedAt: Date): Promise<BulletinOutcome> {
  const today = beijingDate(firedAt);
  const calendar = deps.calendar.current();
  if (!isFirstWorkingDayOfMonth(today, (d) => calendar.isWorkingDay(d), addDays)) return { posted: 0, reason: 'not_first_working_day' };
  const chats = await chatsForPurpose(deps.prisma, 'info');
  if (!chats.length) return { posted: 0, reason: 'no_group' };
  const month = previousMonth(today.slice(0, 7));
  const scores = await loadScores(deps, month, firedAt);
  if (!scores.units.length) return { posted: 0, reason: 'no_units' };
  const bulletin = presentBulletin(month, scores.units, briefSettings(deps).scores);
  for (const chatId of chats)
    await deps.outbox.deliver({
      to: { chatId },
      content: { type: 'card', card: bulletin },
      key: `briefs.bulletin:${month}:${chatId}`,
      origin: `job:${BULLETIN_JOB}`,
    });
  return { posted: chats.length, month };
}
