import type { Tx } from '../../../../db/handles.js';
import { BotError } from '../../../../errors.js';
import { postCard } from '../../../../platform/cards/index.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import { atBeijing, beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, readDirectory, type Actor } from '../../../org/index.js';
import { MEETING_MACHINE, type MeetingStatus } from '../../machine.js';
import { MEETING_TYPE } from '../../object-type.js';
import { findMeetingType } from '../../repositories/meeting-types.js';
import { findMeeting, updateMeetingIf, type MeetingRow } from '../../repositories/meetings.js';
import { reminderDateOf, reminderTime } from '../domain/agenda.js';
import { presentAgendaCard } from '../presenters/agenda-card.js';
import { officeDate } from '../../../../platform/phrases/index.js';
import { AGENDA_VIEW, STALE_AGENDA } from './arrange.js';
import { queueAgendaDms } from './audience.js';
import { agendaOf, meetingGone, viewOf } from './load.js';

export const REMIND_TIMER = 'meetings.remind';

export const reminderKey = (meetingId: string, date: string) => `${REMIND_TIMER}:${meetingId}:${date}`;

export interface Published {
  meeting: MeetingRow;
  sent: number;
  /** People who should have had a DM but have no Feishu account bound. */
  unreachable: string[];
}

/**
 * 发布议程: the meeting becomes 已发布议程; the agenda card goes to the type's meeting group (a tracked
 * card, updated in place on later changes); each presenter and each 列席 unit's liaison gets a DM; the
 * reminder is set for the working day before. Of two clicks the first wins (compare-and-set on the
 * version the card showed and on 拟定).
 */
export async function publishAgenda(deps: FeatureDeps, actor: Actor, ref: { meetingId: string; seen?: number }): Promise<Published> {
  authorize(actor, 'topics.office');
  const now = deps.clock.now();
  const dir = await readDirectory(deps.prisma);
  const result = await deps.prisma.$transaction(async (tx): Promise<Published> => {
    const m = await findMeeting(tx, ref.meetingId);
    if (!m) throw meetingGone();
    if (ref.seen !== undefined && ref.seen !== m.version && m.status === 'planned') throw new BotError('stale_card', STALE_AGENDA);
    const type = await findMeetingType(tx, m.meetingTypeId);
    const agenda = (await agendaOf(tx, m.id)).filter((t) => t.status === 'scheduled');
    if (m.status === 'planned') {
      if (!type?.chatId) throw new BotError('bad_input', `${type?.name ?? '该类会议'}尚未绑定会议群，无法发布议程。请管理员在「会议 类型」中设置会议群。`);
      if (!agenda.length) throw new BotError('bad_input', '议程中尚无议题，无法发布。请先列入议题。');
      if (m.startsAt.getTime() <= now.getTime()) throw new BotError('bad_input', '会议时间已过，无法发布议程。');
    }
    const reminderDate = reminderDateOf(m.startsAt, deps.calendar.current());
    await applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'publish',
      from: m.status as MeetingStatus,
      write: (next) =>
        updateMeetingIf(tx, { id: m.id, version: m.version, status: 'planned' }, { status: next, statusAt: now, agendaPublishedAt: now, reminderDate }),
      event: () => ({
        type: MEETING_TYPE,
        objectId: m.id,
        auditId: m.number,
        actor: actor.openId,
        at: now,
        kind: 'publish',
        text: `${agenda.length}项议题；会前提醒${officeDate(reminderDate)}`,
      }),
      staleMessage: '该会议议程已发布。',
    });
    const after = (await findMeeting(tx, m.id))!;
    const view = await viewOf(tx, after, dir);
    await postCard(tx, {
      object: { objectType: MEETING_TYPE, objectId: m.id },
      view: AGENDA_VIEW,
      to: { chatId: type!.chatId },
      card: presentAgendaCard(view),
      key: `meetings.agenda:${m.id}`,
      origin: 'meetings.publish',
    });
    await setReminder(deps, tx, after);
    return { meeting: after, ...(await queueAgendaDms(tx, view, agenda, type, dir)) };
  });
  deps.outbox.kick();
  return result;
}

/**
 * The day-before reminder as a durable timer (at the start of office hours — WORKING_HOURS' morning —
 * on the working day before). Set in the transaction that publishes or moves the meeting, so the timer
 * exists exactly when that write commits (a crash after the commit cannot lose it); the handler checks the meeting again, so a timer left behind by a move or a cancellation sends nothing.
 * A meeting whose reminder day has already passed (published the day before or the same day) gets none.
 */
export async function setReminder(deps: FeatureDeps, tx: Tx, m: MeetingRow): Promise<boolean> {
  if (!deps.timers || !m.reminderDate || m.status !== 'published') return false;
  if (m.reminderDate < beijingDate(deps.clock.now())) return false;
  await deps.timers.setIn(
    tx,
    {
      key: reminderKey(m.id, m.reminderDate),
      kind: REMIND_TIMER,
      dueAt: atBeijing(m.reminderDate, reminderTime(deps.calendar.workingHours)),
      objectType: MEETING_TYPE,
      objectId: m.id,
      payload: { meetingId: m.id, date: m.reminderDate },
    },
    deps.clock.now(),
  );
  return true;
}

/** Cancels the pending reminder of a meeting (moved or cancelled), in the transaction that moves or cancels it. */
export async function cancelReminder(deps: FeatureDeps, tx: Tx, m: Pick<MeetingRow, 'id' | 'reminderDate'>): Promise<boolean> {
  if (!deps.timers || !m.reminderDate) return false;
  return deps.timers.cancelIn(tx, reminderKey(m.id, m.reminderDate), deps.clock.now());
}
