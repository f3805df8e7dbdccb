import { enqueue } from '../../../../platform/outbox/outbox.js';
import { refsOf } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import type { Timer } from '../../../../platform/scheduler/timers.js';
import type { FeatureDeps } from '../../../deps.js';
import { NOTE_TYPE } from '../../object-type.js';
import { eventsOf } from '../../repositories/events.js';
import { editors } from '../../repositories/liaisons.js';
import { findNote, updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import { rungIsCurrent, urgentClock } from '../domain/clock.js';
import { buzzRefusedText, escalationText, reminderText } from '../presenters/clock-texts.js';
import { officeDirectors, peopleByOpenId, type Recipient } from '../repositories/recipients.js';
import { unitName } from '../../repositories/liaisons.js';

const CLOCK_ACTOR = 'system:briefs.urgent';

/** The clock still runs for the note: urgent, not withdrawn, not yet sent to the leaders. */
const running = (n: NoteRow | null): n is NoteRow => !!n && n.urgent && !n.parentNoteId && n.state !== 'withdrawn' && !n.sentToLeadersAt;

/**
 * One rung of the 3-hour clock (timer handlers; delivery is at least once, so each is a compare-and-set on
 * the note — remindedAt / escalatedAt — and its messages carry keys derived from the note).
 * remind: the editors, 2 hours after the event; escalate: the office director(s), at 3 hours.
 */
export async function clockRung(deps: FeatureDeps, timer: Timer, now: Date, rung: 'remind' | 'escalate'): Promise<void> {
  const note = await findNote(deps.prisma, timer.objectId);
  if (!running(note)) return;
  if (rung === 'remind' ? note.remindedAt : note.escalatedAt) return;
  // A rung set before the reporter corrected the event time: the clock's new rungs ring instead.
  if (!rungIsCurrent(urgentClock(note.eventAt, note.reportedAt), timer.kind, timer.dueAt)) return;
  const eds: Recipient[] = (await editors(deps.prisma)).flatMap((e) => (e.openId ? [{ id: e.id, name: e.name, openId: e.openId }] : []));
  const to = rung === 'remind' ? eds : await officeDirectors(deps.prisma);
  const clock = urgentClock(note.eventAt, note.reportedAt);
  const facts = { number: note.number, unitName: await unitName(deps.prisma, note.unitId), body: note.body, startAt: clock.startAt };
  const text = rung === 'remind' ? reminderText({ ...facts, escalateAt: clock.escalateAt }) : escalationText({ ...facts, editors: eds });
  await deps.prisma.$transaction(async (tx) => {
    if (!(await updateNoteIf(tx, note, rung === 'remind' ? { remindedAt: now } : { escalatedAt: now })))
      throw new Error('urgent note changed under its clock; retrying');
    for (const r of to) {
      await enqueue(tx, {
        to: { openId: r.openId },
        content: { type: 'text', text },
        key: `briefs.urgent:${note.id}:${rung}:${r.openId}`,
        origin: `timer:${timer.kind}`,
      });
    }
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: CLOCK_ACTOR,
      at: now,
      kind: rung === 'remind' ? 'urgent_reminded' : 'urgent_escalated',
      text: rung === 'remind' ? `事发2小时未报送领导，提醒信息科${to.length}人` : `事发3小时未报送领导，告知办公室主任${to.map((r) => r.name).join('、')}`,
      data: { to: to.map((r) => r.openId) },
    });
  });
  deps.outbox.kick();
}

/**
 * 加急 (in-app only) on each alert card the bot sent for the matter, once per person. Lark buzzes only the
 * bot's own sent message: a card not yet sent makes the handler throw, so the timer tries again at the
 * next minute (up to its attempts); those already buzzed are not buzzed twice. A buzz Lark refuses (e.g.
 * 230052, the person may not be buzzed) is recorded as refused, not buzzed, and the editors are told once
 * for the note to telephone the leader instead: the refusal would otherwise pass unseen.
 */
export async function buzzAlerts(deps: FeatureDeps, timer: Timer, now: Date): Promise<void> {
  const note = await findNote(deps.prisma, timer.objectId);
  if (!running(note)) return;
  const events = await eventsOf(deps.prisma, NOTE_TYPE, note.id);
  const sent = events.find((e) => e.kind === 'urgent_send');
  const expected = sent ? ((JSON.parse(sent.data || '{}') as { editors?: string[]; leaders?: string[] }) ?? {}) : {};
  const wanted = new Set([...(expected.editors ?? []), ...(expected.leaders ?? [])]);
  // Buzzed or refused: either way settled, never buzzed again.
  const settled = new Set(
    events
      .filter((e) => e.kind === 'urgent_buzzed' || e.kind === 'urgent_buzz_refused')
      .map((e) => (JSON.parse(e.data || '{}') as { openId?: string }).openId ?? ''),
  );
  const refused: string[] = [];
  const refs = (await refsOf(deps.prisma, NOTE_TYPE, note.id)).filter((r) => /^(editor|leader):/.test(r.view));
  for (const ref of refs) {
    const openId = ref.view.slice(ref.view.indexOf(':') + 1);
    if (!wanted.has(openId) || settled.has(openId)) continue;
    const result = await deps.messenger.urgentApp(ref.messageId, [openId]);
    if (!result.ok) {
      deps.log.warn({ note: note.number, error: result.error }, 'urgent note: buzz refused');
      refused.push(openId);
    }
    await deps.prisma.$transaction((tx) =>
      recordEvent(tx, {
        type: NOTE_TYPE,
        objectId: note.id,
        auditId: note.number,
        actor: CLOCK_ACTOR,
        at: now,
        kind: result.ok ? 'urgent_buzzed' : 'urgent_buzz_refused',
        text: result.ok ? '加急提醒' : '加急提醒未能送达',
        data: result.ok ? { openId, ok: true } : { openId, ok: false, error: result.error },
      }),
    );
    settled.add(openId);
  }
  if (refused.length) await tellBuzzRefused(deps, timer, note, refused);
  const missing = [...wanted].filter((o) => !settled.has(o));
  if (missing.length) throw new Error(`urgent alert not yet sent to ${missing.length} recipient(s); buzz retried`);
}

/** Tells the editors, once per note (the outbox key), whose 加急 Lark refused. */
async function tellBuzzRefused(deps: FeatureDeps, timer: Timer, note: NoteRow, refused: readonly string[]): Promise<void> {
  const names = new Map((await peopleByOpenId(deps.prisma, refused)).map((p) => [p.openId, p.name]));
  const text = buzzRefusedText({ number: note.number, names: refused.map((o) => names.get(o) ?? o) });
  const eds = (await editors(deps.prisma)).flatMap((e) => (e.openId ? [e.openId] : []));
  await deps.prisma.$transaction(async (tx) => {
    for (const openId of eds) {
      await enqueue(tx, {
        to: { openId },
        content: { type: 'text', text },
        key: `briefs.urgent:${note.id}:buzz-refused:${openId}`,
        origin: `timer:${timer.kind}`,
      });
    }
  });
  deps.outbox.kick();
}
