import type { ReviewSettings } from '../../../../config.js';
import { isWithinWorkingHours } from '../../../../platform/calendar/working-hours.js';
import { OfficeTime } from '../../../../platform/calendar/working-time.js';
import { enqueueMany } from '../../../../platform/outbox/outbox.js';
import type { FeatureDeps } from '../../../deps.js';
import { dayMinutes } from '../domain/limits.js';
import { elapsedRungToSend, REVIEW_LADDER, TOP_RANK, type ElapsedRung } from '../domain/ladder.js';
import { holdings, type Holding } from '../repositories/holdings.js';
import {
  advanceRemindedRank,
  buzzClaimed,
  claimBuzz,
  holderCardMessage,
  nextLevelHolder,
  officeDirector,
  recordReminderEvents,
  type Addressee,
} from '../repositories/reminders.js';
import { holderEscalation, holderNudge, superiorNotice, type ReminderFacts } from '../presenters/reminders.js';

export const REMINDER_ACTOR = 'system:reviews.remind';
const ORIGIN = 'job:reviews.remind';

export interface ReminderRun {
  candidates: number;
  nudged: number;
  escalated: number;
  buzzed: number;
}

/**
 * One pass of the review reminders: each level holding a draft past 1× its limit (working time since it
 * arrived) nudges the holder; past 2× the superior is told too and a 特急 draft's card on the holder's
 * desk is buzzed. The rung sent is saved with a compare-and-set in the transaction that queues its
 * messages, so two instances, or a re-run, send it once; after downtime only the highest due rung goes.
 * Outside office hours nothing is sent, except — when the office enables it — the 特急 buzz.
 */
interface Due {
  h: Holding;
  rung: ElapsedRung;
  limitMinutes: number;
}

/**
 * The holdings with a rung to send at `at`, and whether `at` is in office hours. Outside them (with the
 * office's leave) only 特急 holdings whose buzz is due and not yet made count.
 */
async function dueHoldings(deps: FeatureDeps, at: Date, settings: ReviewSettings): Promise<{ due: Due[]; inHours: boolean; candidates: number }> {
  const calendar = deps.calendar.current();
  const time = new OfficeTime(calendar, deps.calendar.workingHours);
  const inHours = isWithinWorkingHours(calendar, at, deps.calendar.workingHours);
  if (!inHours && !settings.urgentAfterHours) return { due: [], inHours, candidates: 0 };
  // A working minute is also a clock minute: a holding that arrived less than the shortest limit ago (on
  // the clock) cannot be due, and the (status, reachedAt) index leaves it out.
  const shortest = Math.min(...Object.values(settings.limits));
  const found = await holdings(deps.sql, {
    reachedBy: new Date(at.getTime() - shortest * 60_000),
    rankBelow: TOP_RANK,
    ...(inHours ? {} : { urgency: 'extra_urgent' }),
  });
  const due: Due[] = [];
  for (const h of found) {
    const limitMinutes = settings.limits[h.urgency as keyof ReviewSettings['limits']] ?? settings.limits.normal;
    const rung = elapsedRungToSend(REVIEW_LADDER, { startedAt: h.reachedAt, now: at, limitMinutes, sentRank: h.remindedRank, time });
    if (!rung) continue;
    if (!inHours && (!rung.audience.includes('superior') || (await buzzClaimed(deps.prisma, h.stepId, rung.rank)))) continue;
    due.push({ h, rung, limitMinutes });
  }
  return { due, inHours, candidates: found.length };
}

/**
 * For the scheduler, before it claims a run: whether anything is due (a run row every five minutes, all
 * day, would bury the other jobs' history; time travel over a week would run it two thousand times).
 */
export async function reviewRemindersPending(deps: FeatureDeps, at: Date, settings: ReviewSettings): Promise<boolean> {
  return (await dueHoldings(deps, at, settings)).due.length > 0;
}

/**
 * One pass of the review reminders: each level holding a draft past 1× its limit (working time since it
 * arrived) nudges the holder; past 2× the superior is told too and a 特急 draft's card on the holder's
 * desk is buzzed. The rung sent is saved with a compare-and-set in the transaction that queues its
 * messages, so two instances, or a re-run, send it once; after downtime only the highest due rung goes.
 * Outside office hours nothing is sent, except — when the office enables it — the 特急 buzz.
 */
export async function runReviewReminders(deps: FeatureDeps, firedAt: Date, settings: ReviewSettings): Promise<ReminderRun> {
  const time = new OfficeTime(deps.calendar.current(), deps.calendar.workingHours);
  const perDay = dayMinutes(deps.calendar.workingHours);
  const { due, inHours, candidates } = await dueHoldings(deps, firedAt, settings);
  const run: ReminderRun = { candidates, nudged: 0, escalated: 0, buzzed: 0 };
  let director: Addressee | undefined | null = null;
  const superiorOf = async (h: Holding): Promise<Addressee | undefined> => {
    const next = await nextLevelHolder(deps.prisma, h.draftId, h.position);
    if (next && next.openId !== h.openId) return next;
    if (director === null) director = await officeDirector(deps.prisma);
    return director && director.openId !== h.openId ? director : undefined;
  };

  for (const { h, rung, limitMinutes } of due) {
    const buzzes = h.urgency === 'extra_urgent' && rung.audience.includes('superior');
    if (!inHours) {
      // After hours only the 特急 buzz goes; the messages of the rung wait for the next working minute.
      if (buzzes) run.buzzed += (await buzz(deps, h, rung, firedAt)) ? 1 : 0;
      continue;
    }
    const facts: ReminderFacts = {
      number: h.number,
      title: h.title,
      urgency: h.urgency,
      label: h.label,
      holderName: h.personName,
      heldMinutes: time.between('working', h.reachedAt, firedAt),
      limitMinutes,
      dayMinutes: perDay,
    };
    const superior = rung.audience.includes('superior') ? await superiorOf(h) : undefined;
    if (superior) facts.superiorName = superior.name;
    const escalation = rung.audience.includes('superior');
    const won = await deps.prisma.$transaction(async (tx) => {
      if (!(await advanceRemindedRank(tx, h.stepId, h.openId, h.remindedRank, rung.rank, h.status))) return false;
      // A re-confirmation restarts the ladder on a step that may have been nudged before: its keys name the
      // voiding time, or the outbox would take the new nudge for the old one and drop it.
      const round = h.status === 'voided' ? `re${h.reachedAt.getTime()}:` : '';
      const key = (openId: string) => `rv-remind:${h.stepId}:${round}${rung.rank}:${openId}`;
      await enqueueMany(tx, [
        {
          to: { openId: h.openId },
          content: { type: 'text', text: escalation ? holderEscalation(facts) : holderNudge(facts) },
          key: key(h.openId),
          origin: ORIGIN,
        },
        ...(superior
          ? [{ to: { openId: superior.openId }, content: { type: 'text' as const, text: superiorNotice(facts) }, key: key(superior.openId), origin: ORIGIN }]
          : []),
      ]);
      await recordReminderEvents(
        tx,
        [
          {
            draftId: h.draftId,
            number: h.number,
            at: firedAt,
            kind: escalation ? 'escalated' : 'reminded',
            text: escalation ? `超过审核时限一倍，提醒${h.personName}${superior ? `并告知${superior.name}` : ''}` : `已到审核时限，提醒${h.personName}`,
            data: { stepId: h.stepId, position: h.position, rank: rung.rank, ...(superior ? { superior: superior.openId } : {}) },
          },
        ],
        REMINDER_ACTOR,
      );
      return true;
    });
    if (!won) continue;
    if (escalation) run.escalated++;
    else run.nudged++;
    if (buzzes && !(await buzzClaimed(deps.prisma, h.stepId, rung.rank))) run.buzzed += (await buzz(deps, h, rung, firedAt)) ? 1 : 0;
  }
  deps.outbox.kick();
  return run;
}

/**
 * 加急 (in-app only) on the bot's own card on the holder's desk, once per holding and rung. Lark refuses a
 * buzz on anything but the bot's own message, so without the holder's card nothing is buzzed.
 */
async function buzz(deps: FeatureDeps, h: Holding, rung: ElapsedRung, at: Date): Promise<boolean> {
  const messageId = await holderCardMessage(deps.prisma, h.draftId, { id: h.stepId, openId: h.openId });
  if (!messageId) {
    deps.log.info({ draft: h.number }, 'review reminder: no holder card to buzz');
    return false;
  }
  if (
    !(await claimBuzz(deps.prisma, {
      stepId: h.stepId,
      rank: rung.rank,
      draftId: h.draftId,
      at,
      actor: REMINDER_ACTOR,
      text: `特急文稿加急提醒${h.personName}`,
    }))
  )
    return false;
  const result = await deps.messenger.urgentApp(messageId, [h.openId]);
  if (!result.ok) deps.log.warn({ draft: h.number, error: result.error }, 'review reminder: buzz refused');
  return result.ok;
}
