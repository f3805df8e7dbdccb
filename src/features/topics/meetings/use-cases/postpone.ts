import { BotError } from '../../../../errors.js';
import type { Tx } from '../../../../db/handles.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, readDirectory, type Actor, type Directory } from '../../../org/index.js';
import { agendaBlocker } from '../../domain/route.js';
import { MEETING_MACHINE, type MeetingStatus } from '../../machine.js';
import { MEETING_TYPE } from '../../object-type.js';
import { upcomingOfType } from '../../repositories/agenda.js';
import { findMeeting, updateMeetingIf, type MeetingRow } from '../../repositories/meetings.js';
import { findTopic, type TopicRow } from '../../repositories/topics.js';
import { refreshAgenda, renumber, schedule, STALE_AGENDA, unschedule } from './arrange.js';
import { agendaOf, meetingGone } from './load.js';

export interface Postponed {
  numbers: string[];
  /** The meeting they went on (first on its agenda), when one of the type is coming; else they wait in the pool. */
  next?: MeetingRow;
}

/**
 * 顺延: topics not reached at the meeting go to the next meeting of the type, keeping every approval
 * (postponedCount + 1): first on its agenda when that meeting is coming (拟定 or 已发布议程), else first in
 * the pool for the next one created. One topic (a card's 顺延) or every topic still scheduled (`会议 顺延`).
 */
export async function postponeTopics(deps: FeatureDeps, actor: Actor, ref: { meetingId: string; topicId?: string; seen?: number }): Promise<Postponed> {
  authorize(actor, 'topics.office');
  const now = deps.clock.now();
  const dir = await readDirectory(deps.prisma);
  const out = await deps.prisma.$transaction(async (tx): Promise<Postponed> => {
    const m = await findMeeting(tx, ref.meetingId);
    if (!m) throw meetingGone();
    if (ref.seen !== undefined && ref.seen !== m.version) throw new BotError('stale_card', STALE_AGENDA);
    if (m.status === 'planned' || m.status === 'cancelled')
      throw new BotError('bad_input', m.status === 'planned' ? '议程尚未发布，无需顺延；可直接移出议程。' : '该会议已取消，议题已回到待列入议程。');
    const left = (await agendaOf(tx, m.id)).filter((t) => t.status === 'scheduled' && (!ref.topicId || t.id === ref.topicId));
    if (!left.length) throw new BotError('bad_input', ref.topicId ? '该议题已不在本次会议议程中，无需顺延。' : '本次会议没有待顺延的议题。');
    // The meeting's version is taken first: two 顺延 at once, one wins.
    if (!(await updateMeetingIf(tx, m, {}))) throw new BotError('stale_card', STALE_AGENDA);
    for (const t of left) await unschedule(tx, t, m, 'postpone', actor.openId, now);
    await renumber(
      tx,
      (await agendaOf(tx, m.id)).map((t) => t.id),
    );
    const next = (await upcomingOfType(tx, m.meetingTypeId, m.startsAt, m.id))[0];
    const placed = next
      ? await placeFirst(
          tx,
          next,
          left.map((t) => t.id),
          actor.openId,
          now,
          dir,
        )
      : undefined;
    if (m.status === 'published') await refreshAgenda(tx, (await findMeeting(tx, m.id))!, dir);
    return { numbers: left.map((t) => t.number), ...(placed ? { next: placed } : {}) };
  });
  deps.outbox.kick();
  return out;
}

/** The postponed topics first on the next meeting's agenda, in their order, the rest after them. */
async function placeFirst(tx: Tx, next: MeetingRow, ids: readonly string[], actor: string, now: Date, dir: Directory): Promise<MeetingRow | undefined> {
  const topics: TopicRow[] = [];
  for (const id of ids) {
    const t = (await findTopic(tx, id))!;
    if (!agendaBlocker({ ...t, meetingId: next.id })) topics.push(t);
  }
  if (!topics.length) return undefined;
  await applyTransition(tx, {
    machine: MEETING_MACHINE,
    action: 'arrange',
    from: next.status as MeetingStatus,
    write: () => updateMeetingIf(tx, next, {}),
    event: () => ({
      type: MEETING_TYPE,
      objectId: next.id,
      auditId: next.number,
      actor,
      at: now,
      kind: 'arrange',
      text: `顺延列入：${topics.map((t) => t.number).join('、')}`,
    }),
    staleMessage: STALE_AGENDA,
  });
  const existing = (await agendaOf(tx, next.id)).map((t) => t.id);
  for (const [i, t] of topics.entries()) await schedule(tx, t, next, i + 1, actor, now);
  await renumber(tx, [...topics.map((t) => t.id), ...existing]);
  const after = (await findMeeting(tx, next.id))!;
  if (after.status === 'published') await refreshAgenda(tx, after, dir);
  return after;
}
