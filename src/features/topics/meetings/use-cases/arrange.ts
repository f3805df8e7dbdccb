import { BotError, badInput } from '../../../../errors.js';
import type { Tx } from '../../../../db/handles.js';
import { refreshCards } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, readDirectory, type Actor, type Directory } from '../../../org/index.js';
import { agendaBlocker } from '../../domain/route.js';
import { MEETING_MACHINE, TOPIC_MACHINE, type MeetingStatus, type TopicStatus } from '../../machine.js';
import { MEETING_TYPE, TOPIC_TYPE } from '../../object-type.js';
import { findMeetingType } from '../../repositories/meeting-types.js';
import { findMeeting, updateMeetingIf, type MeetingRow } from '../../repositories/meetings.js';
import { findTopic, updateTopicIf, type TopicRow } from '../../repositories/topics.js';
import { refreshTopicCards } from '../../use-cases/cards.js';
import { reorder } from '../domain/agenda.js';
import { presentAgendaCard } from '../presenters/agenda-card.js';
import { queueAgendaDms } from './audience.js';
import { agendaOf, meetingGone, viewOf } from './load.js';

export const AGENDA_VIEW = 'agenda';

export const STALE_AGENDA = '议程刚被他人调整，卡片已更新为最新议程，请核对后再操作。';

export type ArrangeOp = { kind: 'add' } | { kind: 'remove' } | { kind: 'up' } | { kind: 'down' } | { kind: 'move'; to: number };

const VERB: Record<ArrangeOp['kind'], string> = { add: '列入议程', remove: '移出议程', up: '上移', down: '下移', move: '调整顺序' };

/**
 * One change to an agenda, in one transaction: the meeting's version is compared-and-set first (so of two
 * clicks on the same card one wins and the other is told to look again, before any topic is touched), then
 * each topic moved through the topic machine or renumbered under its own version. 列入议程 applies the
 * completeness rule (agendaBlocker) inside the transaction. A published agenda's group card follows.
 * `seen`: the meeting version the card showed (a command passes none: the current one).
 */
export async function arrange(
  deps: FeatureDeps,
  actor: Actor,
  ref: { meetingId: string; topicId: string; seen?: number },
  op: ArrangeOp,
): Promise<{ meeting: MeetingRow; text: string }> {
  authorize(actor, 'topics.office');
  const now = deps.clock.now();
  const dir = await readDirectory(deps.prisma);
  const result = await deps.prisma.$transaction(async (tx) => {
    const m = await findMeeting(tx, ref.meetingId);
    if (!m) throw meetingGone();
    if (ref.seen !== undefined && ref.seen !== m.version) throw new BotError('stale_card', STALE_AGENDA);
    const topic = await findTopic(tx, ref.topicId);
    if (!topic) throw new BotError('stale_card', '该议题不存在或已删除。');
    const agenda = await agendaOf(tx, m.id);
    if (op.kind === 'add') refuseAdd(topic, m, await findMeetingType(tx, m.meetingTypeId));
    else if (topic.meetingId !== m.id) throw new BotError('stale_card', `${topic.number}已不在本次会议议程中。`);
    const text = `${VERB[op.kind]}：${topic.number} ${topic.title}`;
    // The meeting first: the loser of two clicks stops here, having written nothing.
    await applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'arrange',
      from: m.status as MeetingStatus,
      write: () => updateMeetingIf(tx, m, {}),
      event: () => ({ type: MEETING_TYPE, objectId: m.id, auditId: m.number, actor: actor.openId, at: now, kind: 'arrange', text }),
      staleMessage: STALE_AGENDA,
    });
    const ids = agenda.map((t) => t.id);
    if (op.kind === 'add') await schedule(tx, topic, m, ids.length + 1, actor.openId, now);
    if (op.kind === 'remove') await unschedule(tx, topic, m, 'unschedule', actor.openId, now);
    const order =
      op.kind === 'add'
        ? [...ids, topic.id]
        : op.kind === 'remove'
          ? ids.filter((id) => id !== topic.id)
          : reorder(ids, topic.id, op.kind === 'move' ? op.to : ids.indexOf(topic.id) + 1 + (op.kind === 'up' ? -1 : 1));
    await renumber(tx, order);
    if (op.kind === 'up' || op.kind === 'down' || op.kind === 'move')
      await recordEvent(tx, {
        type: TOPIC_TYPE,
        objectId: topic.id,
        auditId: topic.number,
        actor: actor.openId,
        at: now,
        kind: 'reorder',
        text: `${m.number}第${order.indexOf(topic.id) + 1}项`,
      });
    const after = (await findMeeting(tx, m.id))!;
    if (after.status === 'published') {
      await refreshAgenda(tx, after, dir);
      // A topic added to a published agenda: its presenter and 列席 liaisons are told too (once each).
      if (op.kind === 'add') {
        const scheduled = (await agendaOf(tx, m.id)).filter((t) => t.status === 'scheduled');
        await queueAgendaDms(tx, await viewOf(tx, after, dir), scheduled, await findMeetingType(tx, m.meetingTypeId), dir);
      }
    }
    return { meeting: after, text };
  });
  deps.outbox.kick();
  return result;
}

/** Why a topic may not go on this meeting: another type, another meeting, or the completeness rule. */
function refuseAdd(topic: TopicRow, m: MeetingRow, type: { name: string } | null): void {
  if (topic.meetingId === m.id) throw badInput(`${topic.number}已在本次会议议程中。`);
  if (topic.meetingTypeId !== m.meetingTypeId) throw badInput(`${topic.number}申报的不是${type?.name ?? '本类会议'}，不能列入${m.number}。`);
  if (topic.status === 'scheduled') throw badInput(`${topic.number}已列入其他会议的议程，请先从该会议议程中移出。`);
  const why = agendaBlocker({ ...topic, meetingId: m.id });
  if (why) throw badInput(`${topic.number}不能列入议程：${why}`);
}

/** ready → scheduled onto the meeting at `position` (approvals untouched). */
export async function schedule(tx: Tx, topic: TopicRow, m: MeetingRow, position: number, actor: string, now: Date): Promise<void> {
  await applyTransition(tx, {
    machine: TOPIC_MACHINE,
    action: 'schedule',
    from: topic.status as TopicStatus,
    write: (next) => updateTopicIf(tx, topic, { status: next, statusAt: now, meetingId: m.id, agendaPosition: position }),
    event: () => ({ type: TOPIC_TYPE, objectId: topic.id, auditId: topic.number, actor, at: now, kind: 'schedule', text: m.number, data: { meetingId: m.id } }),
    staleMessage: STALE_AGENDA,
  });
  // The submitter's, the group's and the holders' cards follow the topic onto the agenda (DESIGN.md).
  await refreshTopicCards(tx, (await findTopic(tx, topic.id))!);
}

/** scheduled → ready (移出议程 / 顺延), back in the pool with every approval kept. */
export async function unschedule(tx: Tx, topic: TopicRow, m: MeetingRow, action: 'unschedule' | 'postpone', actor: string, now: Date): Promise<void> {
  await applyTransition(tx, {
    machine: TOPIC_MACHINE,
    action,
    from: topic.status as TopicStatus,
    write: (next) =>
      updateTopicIf(tx, topic, {
        status: next,
        statusAt: now,
        meetingId: null,
        agendaPosition: null,
        ...(action === 'postpone' ? { postponedCount: topic.postponedCount + 1 } : {}),
      }),
    event: () => ({ type: TOPIC_TYPE, objectId: topic.id, auditId: topic.number, actor, at: now, kind: action, text: m.number, data: { meetingId: m.id } }),
    staleMessage: STALE_AGENDA,
  });
  await refreshTopicCards(tx, (await findTopic(tx, topic.id))!);
}

/** Positions 1..n in the given order; each topic written under its version (re-read: one may just have been written). */
export async function renumber(tx: Tx, order: readonly string[]): Promise<void> {
  for (const [i, id] of order.entries()) {
    const t = await findTopic(tx, id);
    if (!t || t.agendaPosition === i + 1) continue;
    if (!(await updateTopicIf(tx, t, { agendaPosition: i + 1 }))) throw new BotError('stale_card', STALE_AGENDA);
  }
}

/** After a change of the meeting's status (召开, 纪要送审, 印发, 全部落实): its agenda card shows it, in place. */
export async function refreshAgendaOf(tx: Tx, meetingId: string): Promise<void> {
  const m = await findMeeting(tx, meetingId);
  if (m) await refreshAgenda(tx, m, await readDirectory(tx));
}

/** The group's agenda card (and any other tracked view of it) brought up to date in place. */
export async function refreshAgenda(tx: Tx, m: MeetingRow, dir: Directory): Promise<void> {
  const view = await viewOf(tx, m, dir);
  await refreshCards(tx, { objectType: MEETING_TYPE, objectId: m.id }, () => presentAgendaCard(view));
}
