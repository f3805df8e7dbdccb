import type { Timer } from '../../../../platform/scheduler/timers.js';
import { recordEvent } from '../../../../platform/events.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import type { FeatureDeps } from '../../../deps.js';
import { readDirectory } from '../../../org/index.js';
import { MEETING_TYPE } from '../../object-type.js';
import { findMeetingType } from '../../repositories/meeting-types.js';
import { findMeeting, updateMeetingIf } from '../../repositories/meetings.js';
import { presentAgendaNotice, presentGroupReminder } from '../presenters/agenda-card.js';
import { agendaAddressees } from './audience.js';
import { agendaOf, viewOf } from './load.js';

/**
 * The timer of the working day before: the group and every presenter and 列席 liaison are reminded, once.
 * Only for a meeting still 已发布议程 whose reminder day is the timer's (a move set a new timer; a
 * cancellation cancelled it). Idempotent: the meeting's reminderSentAt is set by a compare-and-set, and the
 * messages carry keys derived from the timer's.
 */
export async function sendReminder(deps: FeatureDeps, timer: Timer, now: Date): Promise<'sent' | 'skipped'> {
  const { meetingId, date } = (timer.payload ?? {}) as { meetingId?: string; date?: string };
  if (!meetingId) return 'skipped';
  const dir = await readDirectory(deps.prisma);
  const sent = await deps.prisma.$transaction(async (tx) => {
    const m = await findMeeting(tx, meetingId);
    if (!m || m.status !== 'published' || m.reminderDate !== date || m.reminderSentAt) return false;
    if (!(await updateMeetingIf(tx, { id: m.id, version: m.version, status: 'published' }, { reminderSentAt: now }))) return false;
    const type = await findMeetingType(tx, m.meetingTypeId);
    const agenda = (await agendaOf(tx, m.id)).filter((t) => t.status === 'scheduled');
    const view = await viewOf(tx, m, dir);
    if (type?.chatId)
      await enqueue(tx, {
        to: { chatId: type.chatId },
        content: { type: 'card', card: presentGroupReminder(view) },
        key: `${timer.key}:group`,
        origin: 'meetings.remind',
      });
    for (const p of agendaAddressees(agenda, type, dir).filter((x) => x.openId))
      await enqueue(tx, {
        to: { openId: p.openId! },
        content: { type: 'card', card: presentAgendaNotice(view, p.notice, 'remind') },
        key: `${timer.key}:${p.personId}`,
        origin: 'meetings.remind',
      });
    await recordEvent(tx, {
      type: MEETING_TYPE,
      objectId: m.id,
      auditId: m.number,
      actor: 'system:meetings.remind',
      at: now,
      kind: 'remind',
      text: date ?? '',
    });
    return true;
  });
  if (sent) deps.outbox.kick();
  return sent ? 'sent' : 'skipped';
}
