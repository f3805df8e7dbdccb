import type { Tx } from '../../../../db/handles.js';
import { recordEvent } from '../../../../platform/events.js';
import type { FeatureDeps } from '../../../deps.js';
import { NOTE_TYPE } from '../../object-type.js';
import { updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import { rungKey, URGENT_ESCALATE, URGENT_REMIND, urgentClock } from '../domain/clock.js';
import { parseEventTime } from '../domain/event-time.js';
import { clockText } from '../presenters/text.js';

type Timers = NonNullable<FeatureDeps['timers']>;

/** Sets the 2 h and 3 h rungs of a note's clock (in the transaction that decided it). */
export async function setRungs(timers: Timers, tx: Tx, note: Pick<NoteRow, 'id' | 'eventAt' | 'reportedAt'>, at: Date): Promise<void> {
  const clock = urgentClock(note.eventAt, note.reportedAt);
  const base = { objectType: NOTE_TYPE, objectId: note.id };
  await timers.setIn(tx, { ...base, key: rungKey(URGENT_REMIND, note.id, clock.startAt), kind: URGENT_REMIND, dueAt: clock.remindAt }, at);
  await timers.setIn(tx, { ...base, key: rungKey(URGENT_ESCALATE, note.id, clock.startAt), kind: URGENT_ESCALATE, dueAt: clock.escalateAt }, at);
}

/** Cancels the rungs of the clock as the note stands (sent to the leaders, or the event time corrected). */
export async function cancelRungs(timers: Timers, tx: Tx, note: Pick<NoteRow, 'id' | 'eventAt' | 'reportedAt'>, at: Date): Promise<void> {
  const { startAt } = urgentClock(note.eventAt, note.reportedAt);
  await timers.cancelIn(tx, rungKey(URGENT_REMIND, note.id, startAt), at);
  await timers.cancelIn(tx, rungKey(URGENT_ESCALATE, note.id, startAt), at);
}

/**
 * The reporter corrected an urgent first report (信息 修改 or the form): when the event time it names has
 * changed, the clock runs from the new time — the old rungs cancelled, new ones set (a rung already past
 * fires at the next minute), and a rung that had rung is cleared when its new time is still ahead, so it
 * rings again then. A compare-and-set on the note; returns the note as it now stands (unchanged when the
 * time is the same). Once sent to the leaders or withdrawn, only the time shown moves.
 */
export async function moveClock(deps: FeatureDeps, tx: Tx, note: NoteRow, o: { at: Date; actor: string }): Promise<NoteRow | null> {
  const eventAt = parseEventTime(note.body, note.reportedAt) ?? null;
  if ((eventAt?.getTime() ?? null) === (note.eventAt?.getTime() ?? null)) return note;
  const running = !note.sentToLeadersAt && note.state !== 'withdrawn';
  const next = urgentClock(eventAt, note.reportedAt);
  const data = {
    eventAt,
    ...(running && note.remindedAt && next.remindAt > o.at ? { remindedAt: null } : {}),
    ...(running && note.escalatedAt && next.escalateAt > o.at ? { escalatedAt: null } : {}),
  };
  if (!(await updateNoteIf(tx, note, data))) return null;
  const after: NoteRow = { ...note, ...data, version: note.version + 1 };
  if (running && deps.timers) {
    await cancelRungs(deps.timers, tx, note, o.at);
    await setRungs(deps.timers, tx, after, o.at);
  }
  const before = urgentClock(note.eventAt, note.reportedAt);
  await recordEvent(tx, {
    type: NOTE_TYPE,
    objectId: note.id,
    auditId: note.number,
    actor: o.actor,
    at: o.at,
    kind: 'urgent_clock_moved',
    text: `事发时间更正为${clockText(next.startAt)}${running ? `，3小时时限改为${clockText(next.escalateAt)}` : ''}`,
    data: { from: before.startAt.toISOString(), to: next.startAt.toISOString(), eventNamed: eventAt !== null },
  });
  return after;
}
