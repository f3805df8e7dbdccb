import { BotError, badInput } from '../../../../errors.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, readDirectory, type Actor } from '../../../org/index.js';
import { MEETING_MACHINE, type MeetingStatus } from '../../machine.js';
import { MEETING_TYPE } from '../../object-type.js';
import { meetingAt } from '../../repositories/agenda.js';
import { findMeeting, updateMeetingIf, type MeetingRow } from '../../repositories/meetings.js';
import { reminderDateOf } from '../domain/agenda.js';
import { whenText } from '../presenters/text.js';
import { refreshAgenda, STALE_AGENDA, unschedule } from './arrange.js';
import { agendaOf, meetingGone } from './load.js';
import { cancelReminder, setReminder } from './publish.js';

/**
 * 取消会议: the meeting becomes 已取消, its scheduled topics go back to the pool with their approvals, the
 * group's agenda card says so, and the reminder is cancelled.
 */
export async function cancelMeeting(deps: FeatureDeps, actor: Actor, meetingId: string): Promise<MeetingRow> {
  authorize(actor, 'topics.office');
  const now = deps.clock.now();
  const dir = await readDirectory(deps.prisma);
  const before = await findMeeting(deps.prisma, meetingId);
  if (!before) throw meetingGone();
  const after = await deps.prisma.$transaction(async (tx) => {
    const m = (await findMeeting(tx, meetingId))!;
    await applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'cancel',
      from: m.status as MeetingStatus,
      write: (next) => updateMeetingIf(tx, m, { status: next, statusAt: now }),
      event: () => ({ type: MEETING_TYPE, objectId: m.id, auditId: m.number, actor: actor.openId, at: now, kind: 'cancel' }),
    });
    for (const t of (await agendaOf(tx, m.id)).filter((x) => x.status === 'scheduled')) await unschedule(tx, t, m, 'unschedule', actor.openId, now);
    const done = (await findMeeting(tx, m.id))!;
    await refreshAgenda(tx, done, dir);
    await cancelReminder(deps, tx, m);
    return done;
  });
  deps.outbox.kick();
  return after;
}

/**
 * 改期: a new start (not in the past); a published agenda's card follows in place and the reminder moves
 * to the working day before the new date (the old timer is cancelled; a new one set).
 */
export async function moveMeeting(deps: FeatureDeps, actor: Actor, meetingId: string, startsAt: Date): Promise<MeetingRow> {
  authorize(actor, 'topics.office');
  const now = deps.clock.now();
  if (startsAt.getTime() <= now.getTime()) throw badInput(`会议时间${whenText(startsAt)}已过，未改期。`);
  const dir = await readDirectory(deps.prisma);
  const before = await findMeeting(deps.prisma, meetingId);
  if (!before) throw meetingGone();
  const after = await deps.prisma.$transaction(async (tx) => {
    const m = (await findMeeting(tx, meetingId))!;
    if (m.version !== before.version) throw new BotError('stale_card', STALE_AGENDA);
    const clash = await meetingAt(tx, m.meetingTypeId, startsAt);
    if (clash && clash.id !== m.id) throw badInput(`${whenText(startsAt)}已有${clash.number}，未改期。`);
    const reminderDate = m.status === 'published' ? reminderDateOf(startsAt, deps.calendar.current()) : m.reminderDate;
    await applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'arrange',
      from: m.status as MeetingStatus,
      write: () => updateMeetingIf(tx, m, { startsAt, reminderDate, reminderSentAt: null }),
      event: () => ({
        type: MEETING_TYPE,
        objectId: m.id,
        auditId: m.number,
        actor: actor.openId,
        at: now,
        kind: 'arrange',
        text: `改期：${whenText(m.startsAt)} → ${whenText(startsAt)}`,
      }),
      staleMessage: STALE_AGENDA,
    });
    const done = (await findMeeting(tx, m.id))!;
    if (done.status === 'published') await refreshAgenda(tx, done, dir);
    if (m.reminderDate && m.reminderDate !== done.reminderDate) await cancelReminder(deps, tx, m);
    await setReminder(deps, tx, done);
    return done;
  });
  deps.outbox.kick();
  return after;
}
