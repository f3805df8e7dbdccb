import { badInput, BotError } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { describeDate, parseDatePhrase } from '../../../../platform/phrases/index.js';
import { beijingDate } from '../../../../platform/time.js';
import { applyTransition } from '../../../../platform/workflow/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, readDirectory, resolveLeader, resolvePerson, resolveUnit, type Actor, type MentionRef } from '../../../org/index.js';
import { TOPIC_OUTCOME_LABEL, TOPIC_OUTCOMES, type TopicOutcome } from '../../domain/topic-fields.js';
import { MEETING_MACHINE, TOPIC_MACHINE, type MeetingStatus, type TopicStatus } from '../../machine.js';
import { MEETING_TYPE, TOPIC_TYPE } from '../../object-type.js';
import { decisionsOfTopic, insertDecision, type DecisionRow } from '../../repositories/decisions.js';
import { findMeeting, updateMeetingIf, type MeetingRow } from '../../repositories/meetings.js';
import { findTopic, updateTopicIf, type TopicRow } from '../../repositories/topics.js';
import { refreshTopicCards } from '../../use-cases/cards.js';
import { minutesDueDate } from '../domain/due.js';
import { refreshAgendaOf } from '../../meetings/use-cases/arrange.js';

const STALE = '该会议刚有变化，请重试。';
const CONTENT_MAX = 500;

/** While outcomes and decisions may still change: the meeting held, its 纪要 not yet sent for review. */
function checkOpen(m: MeetingRow): void {
  if (m.status === 'planned' || m.status === 'published') throw badInput(`${m.number}尚未召开，请先发送「会议 召开 ${m.number}」。`);
  if (m.status !== 'held') throw badInput(`${m.number}的纪要已送审，审议结果和议定事项不能再修改。`);
}

/**
 * 会议已召开: the meeting moves to 已召开, the 纪要 falls due 3 working days after its day (holiday and 调休
 * aware), its drafter is the one who records it, and any 请假 among the standing attendees is noted.
 */
export async function holdMeeting(deps: FeatureDeps, actor: Actor, meetingId: string, absentNames: readonly string[], mentions?: readonly MentionRef[]) {
  authorize(actor, 'topics.office');
  const dir = await readDirectory(deps.prisma);
  const absentIds = absentNames.map((n) => resolvePerson(dir, n, { label: '请假人员', ...(mentions ? { mentions } : {}) }).id);
  const now = deps.clock.now();
  const calendar = deps.calendar.current();
  return deps.prisma.$transaction(async (tx) => {
    const m = (await findMeeting(tx, meetingId))!;
    // A meeting is held once it has begun: recorded earlier, its 纪要 would fall due before the meeting.
    if ((m.status === 'planned' || m.status === 'published') && m.startsAt.getTime() > now.getTime())
      throw badInput(`${m.number}定于${describeDate(beijingDate(m.startsAt), beijingDate(now), calendar)}召开，尚未开始，会议开始后方可记录召开。`);
    const due = minutesDueDate(beijingDate(m.startsAt), calendar);
    await applyTransition(tx, {
      machine: MEETING_MACHINE,
      action: 'hold',
      from: m.status as MeetingStatus,
      write: (to) =>
        updateMeetingIf(tx, m, {
          status: to,
          statusAt: now,
          heldAt: now,
          minutesDueDate: due,
          minutesDrafterId: actor.person?.id ?? '',
          minutesStatus: 'drafting',
          absentIds: JSON.stringify([...new Set(absentIds)]),
        }),
      event: () => ({ type: MEETING_TYPE, objectId: m.id, auditId: m.number, actor: actor.openId, at: now, kind: 'hold', text: `纪要应于${due}前完成` }),
      staleMessage: STALE,
    });
    await refreshAgendaOf(tx, m.id);
    return { meeting: m, due: describeDate(due, beijingDate(now), calendar) };
  });
}

/** What a person typed for an outcome: 通过, 原则通过, 修改后通过, 暂缓, 不通过. */
export function parseOutcome(typed: string): TopicOutcome {
  const t = typed.normalize('NFKC').trim();
  const hit = TOPIC_OUTCOMES.find((o) => TOPIC_OUTCOME_LABEL[o] === t);
  if (!hit) throw badInput(`无法识别审议结果「${t.slice(0, 20)}」，可选：${TOPIC_OUTCOMES.map((o) => TOPIC_OUTCOME_LABEL[o]).join('、')}。`);
  return hit;
}

/** 审议结果: the topic goes 已上会 (if still on the agenda) with its outcome; recorded again, it is changed. */
export async function recordOutcome(
  deps: FeatureDeps,
  actor: Actor,
  meetingId: string,
  topicId: string,
  outcome: TopicOutcome,
  note: string,
): Promise<TopicRow> {
  authorize(actor, 'topics.office');
  const now = deps.clock.now();
  const text = note.trim().slice(0, 500);
  const result = await deps.prisma.$transaction(async (tx) => {
    const m = (await findMeeting(tx, meetingId))!;
    checkOpen(m);
    const t = (await findTopic(tx, topicId))!;
    if (t.meetingId !== m.id) throw new BotError('stale_card', '该议题已不在本次会议议程中。');
    const event = { type: TOPIC_TYPE, objectId: t.id, auditId: t.number, actor: actor.openId, at: now, action: 'outcome' };
    const label = `${TOPIC_OUTCOME_LABEL[outcome]}${text ? `：${text}` : ''}`;
    if (t.status === 'scheduled') {
      await applyTransition(tx, {
        machine: TOPIC_MACHINE,
        action: 'discuss',
        from: t.status as TopicStatus,
        write: (to) => updateTopicIf(tx, t, { status: to, statusAt: now, outcome, outcomeNote: text }),
        event: () => ({
          ...event,
          kind: 'outcome',
          text: label,
          data: { meeting: m.number },
          before: { status: t.status },
          after: { status: 'discussed', outcome },
        }),
        staleMessage: STALE,
      });
    } else {
      if (!(await updateTopicIf(tx, t, { outcome, outcomeNote: text }))) throw new BotError('stale_card', STALE);
      await recordEvent(tx, { ...event, kind: 'outcome', text: label, before: { outcome: t.outcome }, after: { outcome } });
    }
    // The meeting's version moves with what its 纪要 is built from: a 纪要 drafted from an older reading fails its compare-and-set.
    if (!(await updateMeetingIf(tx, m, {}))) throw new BotError('stale_card', STALE);
    const after = (await findTopic(tx, t.id))!;
    // 审议结果: the topic's cards show it discussed, with its outcome (DESIGN.md: refresh after every change).
    await refreshTopicCards(tx, after);
    return after;
  });
  return result;
}

export interface DecisionInput {
  content: string;
  /** 承办单位 as typed (a name, a short name, an @mention): required. */
  unit?: string;
  /** 负责领导 as typed; empty: none named. */
  leader?: string;
  /** Any date phrase of the shared parser (12月31日, 下周五, 10个工作日); empty: no deadline. */
  deadline?: string;
  mentions?: readonly MentionRef[];
}

/**
 * 议定事项: one decision on a topic. Everything is checked before anything is written — a decision without a
 * 承办单位 is refused whole; the deadline is read by the shared phrase parser and said back.
 */
export async function recordDecision(
  deps: FeatureDeps,
  actor: Actor,
  meetingId: string,
  topicId: string,
  input: DecisionInput,
): Promise<{ decision: DecisionRow; unitName: string; leaderName: string; deadline: string }> {
  authorize(actor, 'topics.office');
  const content = input.content.normalize('NFKC').trim();
  if (!content) throw badInput('请写明议定事项的内容。');
  if (content.length > CONTENT_MAX) throw badInput(`议定事项内容不超过 ${CONTENT_MAX} 字。`);
  if (!input.unit?.trim()) throw badInput('议定事项须明确承办单位，请补充「承办:单位名称」后重新发送，本条未保存。');
  const dir = await readDirectory(deps.prisma);
  const who = input.mentions ? { mentions: input.mentions } : {};
  const unit = resolveUnit(dir, input.unit, { ...who, label: '承办单位' });
  const leader = input.leader?.trim() ? resolveLeader(dir, input.leader, { ...who, preferUnitId: unit.id }) : undefined;
  const now = deps.clock.now();
  const today = beijingDate(now);
  const calendar = deps.calendar.current();
  let deadline = '';
  let understood = '';
  if (input.deadline?.trim()) {
    const read = parseDatePhrase(input.deadline, { today, calendar, label: '完成时限' });
    if (read.date < today) throw badInput(`完成时限${read.understood}早于今天，请重新填写。`);
    if (!read.working) throw badInput(`完成时限${read.understood}不是工作日，请改为工作日。`);
    deadline = read.date;
    understood = read.understood;
  }
  const decision = await deps.prisma.$transaction(async (tx) => {
    const m = (await findMeeting(tx, meetingId))!;
    checkOpen(m);
    const t = (await findTopic(tx, topicId))!;
    if (t.meetingId !== m.id) throw new BotError('stale_card', '该议题已不在本次会议议程中。');
    const position = (await decisionsOfTopic(tx, t.id)).length + 1;
    const row = await insertDecision(tx, {
      meetingId: m.id,
      topicId: t.id,
      position,
      content,
      unitId: unit.id,
      leaderId: leader?.id ?? '',
      deadline,
      createdById: actor.person?.id ?? actor.openId,
    });
    await recordEvent(tx, {
      type: TOPIC_TYPE,
      objectId: t.id,
      auditId: t.number,
      actor: actor.openId,
      at: now,
      kind: 'decision',
      text: `${content}（承办：${unit.name}${leader ? `，负责领导：${leader.name}` : ''}${deadline ? `，时限：${deadline}` : ''}）`,
      after: { position, unit: unit.name, leader: leader?.name ?? '', deadline },
    });
    if (!(await updateMeetingIf(tx, m, {}))) throw new BotError('stale_card', '会议记录刚有变化，请重新提交本条议定事项。');
    return row;
  });
  return { decision, unitName: unit.name, leaderName: leader?.name ?? '', deadline: understood };
}
