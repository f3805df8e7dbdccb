import type { PrismaClient, Tx } from '../../../../db/client.js';
import { isUniqueViolation } from '../../../../db/receipts.js';
import { recordEvents } from '../../../../platform/events.js';
import { DRAFT_TYPE } from '../../object-type.js';

type Db = PrismaClient | Tx;

/** The reminder job's writes and the few reads it needs beyond the holdings join. */

/**
 * Moves a holding's reminder rung from `from` to `to` — a compare-and-set on the rung and on the level
 * still being held by the same person, so of two instances (or two runs) deciding the same rung one wins
 * and sends, and a run that read the level before a 转交 does not nudge the former holder. The step's
 * version is left alone: it is what the holder's card carries, and a reminder must not make that card
 * stale (the CAS on the rung orders the reminder runs by itself).
 */
/** `status` is the step's status when read (`current`, or `voided` for a pending re-confirmation). */
export async function advanceRemindedRank(
  tx: Db,
  stepId: string,
  holderOpenId: string,
  from: number,
  to: number,
  status: 'current' | 'voided' = 'current',
): Promise<boolean> {
  const { count } = await tx.reviewStep.updateMany({
    where: { id: stepId, status, openId: holderOpenId, remindedRank: from },
    data: { remindedRank: to },
  });
  return count === 1;
}

export interface Addressee {
  openId: string;
  name: string;
}

/** The holder of the level after `position` (who receives the draft next), if that level is waiting. */
export async function nextLevelHolder(db: Db, draftId: string, position: number): Promise<Addressee | undefined> {
  const next = await db.reviewStep.findFirst({
    where: { draftId, position: { gt: position }, status: 'waiting' },
    orderBy: { position: 'asc' },
    select: { openId: true, personName: true },
  });
  return next && next.openId ? { openId: next.openId, name: next.personName } : undefined;
}

/** The office's 主任: a director (办公室主任/副主任) whose title has no 副; the first by name if several. */
export async function officeDirector(db: Db): Promise<Addressee | undefined> {
  const people = await db.person.findMany({
    where: { active: true, openId: { not: null }, roles: { some: { role: 'director' } } },
    select: { openId: true, name: true, title: true },
    orderBy: { name: 'asc' },
  });
  const chief = people.find((p) => !p.title.includes('副')) ?? undefined;
  return chief?.openId ? { openId: chief.openId, name: chief.name } : undefined;
}

/**
 * The bot's own card on the holder's desk, to buzz: the draft's card in this step's holder view
 * (`holder:<step id>:<open id>`, use-cases/publish.ts), the newest if it was re-posted.
 */
export async function holderCardMessage(db: Db, draftId: string, step: { id: string; openId: string }): Promise<string | undefined> {
  const ref = await db.cardRef.findFirst({
    where: { objectType: DRAFT_TYPE, objectId: draftId, view: `holder:${step.id}:${step.openId}` },
    select: { messageId: true },
    orderBy: { createdAt: 'desc' },
  });
  return ref?.messageId;
}

export interface ReminderEvent {
  draftId: string;
  number: string;
  at: Date;
  kind: 'reminded' | 'escalated';
  text: string;
  data: Record<string, unknown>;
}

/** Timeline entries and audit entries for the reminders sent, in the caller's transaction. */
export async function recordReminderEvents(tx: Tx, events: readonly ReminderEvent[], actor: string): Promise<void> {
  if (!events.length) return;
  await recordEvents(
    tx,
    events.map((e) => ({
      type: DRAFT_TYPE,
      objectId: e.draftId,
      auditId: e.number,
      actor,
      at: e.at,
      kind: e.kind,
      text: e.text,
      data: e.data,
      action: e.kind === 'escalated' ? 'escalate' : 'remind',
      after: { note: e.text, ...e.data },
    })),
  );
}

/**
 * Claims the buzz of one holding's rung: an event row with a key of its own (step + rank), so a buzz is
 * made once whichever instance or run gets there first. False when it was already claimed.
 */
export async function claimBuzz(db: Db, o: { stepId: string; rank: number; draftId: string; at: Date; actor: string; text: string }): Promise<boolean> {
  try {
    await db.reviewEvent.create({
      data: {
        id: buzzKey(o.stepId, o.rank),
        draftId: o.draftId,
        at: o.at,
        actor: o.actor,
        kind: 'reminded',
        text: o.text,
        data: JSON.stringify({ buzz: o.rank }),
      },
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Whether the rung's buzz was already made (after hours, before the rest of the rung went out). */
export async function buzzClaimed(db: Db, stepId: string, rank: number): Promise<boolean> {
  return (await db.reviewEvent.count({ where: { id: buzzKey(stepId, rank) } })) > 0;
}

const buzzKey = (stepId: string, rank: number) => `buzz-${stepId}-${rank}`;
