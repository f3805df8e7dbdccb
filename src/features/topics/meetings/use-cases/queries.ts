import { badInput, notFound } from '../../../../errors.js';
import type { Card } from '../../../../cards/types.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, can, readDirectory, resolveUnit, unitNameOf, type Actor } from '../../../org/index.js';
import { matchMeetingType } from '../../domain/meeting-types.js';
import { MEETING_STATUS_LABEL, TOPIC_EVENT_LABEL, TOPIC_STATUS_LABEL, type MeetingStatus, type TopicStatus } from '../../machine.js';
import { TOPIC_SERIES, meetingSeries } from '../../object-type.js';
import { checkImplemented, implementationOf } from '../../minutes/use-cases/issue.js';
import { findMeetingType, listMeetingTypes, type MeetingTypeRow } from '../../repositories/meeting-types.js';
import { findMeeting, findMeetingByNumber, listMeetings, type MeetingRow } from '../../repositories/meetings.js';
import { findTopicByNumber, listTopics, topicEvents, topicsOnMeeting, type TopicFilter } from '../../repositories/topics.js';
import { topicSubject, topicView } from '../../view.js';
import {
  MINUTES_STATUS_LABEL,
  presentMeetingDetail,
  presentMeetingList,
  presentTopicDetail,
  presentTopicList,
  type DecisionLine,
} from '../presenters/query-cards.js';
import type { TopicsAnswer } from '../answer.js';
import { arrangeCard, viewOf } from './load.js';

/** The words `议题 列表` takes for a state, besides the labels themselves. */
const STATUS_WORDS: Record<string, TopicStatus[]> = {
  待审核: ['leader_review', 'legal_review', 'awaiting_consent'],
  审核中: ['leader_review', 'legal_review', 'awaiting_consent'],
  待上会: ['ready', 'scheduled'],
  已退回: ['returned', 'legal_rejected'],
  退回: ['returned'],
  ...Object.fromEntries(Object.entries(TOPIC_STATUS_LABEL).map(([code, label]) => [label, [code as TopicStatus]])),
};

const LIST_LIMIT = 30;

/**
 * `议题 列表 [状态] [单位] [会议类型]`: each word is tried as a state, a meeting type, then a unit. Only the
 * topics this person may view are listed (topics.view per row).
 */
export async function topicList(deps: FeatureDeps, actor: Actor, words: readonly string[]): Promise<TopicsAnswer> {
  authorize(actor, 'meetings.view');
  const dir = await readDirectory(deps.prisma);
  const types = await listMeetingTypes(deps.prisma);
  const filter: TopicFilter = { take: 500 };
  const said: string[] = [];
  for (const w of words) {
    if (w === '全部') continue;
    const statuses = STATUS_WORDS[w];
    const type = statuses ? undefined : matchMeetingType(types, w);
    if (statuses) filter.statuses = [...(filter.statuses ?? []), ...statuses];
    else if (type) filter.meetingTypeId = type.id;
    else filter.unitId = resolveUnit(dir, w, { label: '单位' }).id;
    said.push(w);
  }
  const typeName = (id: string) => types.find((t) => t.id === id)?.code ?? '';
  const rows = (await listTopics(deps.prisma, filter)).filter((t) => can(actor, 'topics.view', topicSubject(t)).ok);
  const meetings = new Map<string, MeetingRow | null>();
  for (const id of new Set(rows.flatMap((t) => (t.meetingId ? [t.meetingId] : [])))) meetings.set(id, await findMeeting(deps.prisma, id));
  const shown = rows.slice(0, LIST_LIMIT);
  const card = presentTopicList(
    shown.map((t) => {
      const m = t.meetingId ? meetings.get(t.meetingId) : null;
      return {
        number: t.number,
        title: t.title,
        unitName: unitNameOf(dir, t.unitId),
        typeName: typeName(t.meetingTypeId),
        statusLabel: TOPIC_STATUS_LABEL[t.status as TopicStatus] ?? t.status,
        meetingText: m ? `${m.number}第${t.agendaPosition ?? '?'}项` : '',
      };
    }),
    { filterText: said.join(' '), total: rows.length },
  );
  return { card, mayRead: (a) => can(a, 'meetings.view').ok && shown.every((t) => can(a, 'topics.view', topicSubject(t)).ok) };
}

/** `议题 <编号>`: 议〔2026〕12号, 2026-12 or 12 (this year). */
export async function topicByNumber(deps: FeatureDeps, actor: Actor, text: string): Promise<TopicsAnswer> {
  const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
  const n = TOPIC_SERIES.parse(text, year);
  // Not a number at all (a word the dispatcher did not know): say so, as the dispatcher would.
  if (!n && !/\d/.test(text)) throw badInput(`无法识别「${text.slice(0, 30)}」的议题指令。发送「议题」查看全部用法。`);
  if (!n) throw badInput(`无法识别议题编号「${text.slice(0, 30)}」，如「议题 ${TOPIC_SERIES.example(year)}」。发送「议题 列表」查看议题。`);
  const t = await findTopicByNumber(deps.prisma, n.year, n.seq);
  if (!t) throw notFound(`未找到议题${TOPIC_SERIES.format(n)}。`);
  authorize(actor, 'topics.view', topicSubject(t));
  const dir = await readDirectory(deps.prisma);
  const type = await findMeetingType(deps.prisma, t.meetingTypeId);
  const m = t.meetingId ? await findMeeting(deps.prisma, t.meetingId) : null;
  const events = await topicEvents(deps.prisma, t.id);
  const card = presentTopicDetail(topicView(t, type, dir), {
    meetingText: m ? `${m.number}第${t.agendaPosition ?? '?'}项` : '',
    timeline: events.map((e) => ({ at: e.at, label: TOPIC_EVENT_LABEL[e.kind] ?? e.kind, text: e.text })),
  });
  return { card, mayRead: (a) => can(a, 'topics.view', topicSubject(t)).ok };
}

export async function meetingList(deps: FeatureDeps, actor: Actor): Promise<Card> {
  authorize(actor, 'meetings.view');
  const meetings = await listMeetings(deps.prisma, { take: 20 });
  const rows = [];
  for (const m of meetings)
    rows.push({
      number: m.number,
      startsAt: m.startsAt,
      place: m.place,
      statusLabel: MEETING_STATUS_LABEL[m.status as MeetingStatus] ?? m.status,
      topics: (await topicsOnMeeting(deps.prisma, m.id)).length,
    });
  return presentMeetingList(rows);
}

/** The meeting a person typed: 县政府第3次常务会议, 第3次常务会议, 常务会 3 …; ambiguous short forms ask for more. */
export async function findMeetingTyped(deps: FeatureDeps, text: string): Promise<MeetingRow> {
  const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const types = await listMeetingTypes(deps.prisma);
  const hits: MeetingRow[] = [];
  for (const type of types) {
    const rest = stripType(t, type);
    const n = meetingSeries(type).parse(rest ?? t, year);
    if (!n || (rest === undefined && !t.endsWith(type.numberSuffix) && types.length > 1)) continue;
    const m = await findMeetingByNumber(deps.prisma, type.id, n.year, n.seq);
    if (m) hits.push(m);
  }
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw badInput(`「${text.slice(0, 30)}」对应多个会议：${hits.map((m) => m.number).join('、')}，请写明完整编号。`);
  throw notFound(`未找到会议「${text.slice(0, 30)}」。发送「会议 列表」查看会议编号。`);
}

/** `常务会 3` / `常务会第3次`: the words after the type's code, name or alias; undefined when it does not start so. */
function stripType(t: string, type: MeetingTypeRow): string | undefined {
  const names = [type.name, type.code].sort((a, b) => b.length - a.length);
  for (const n of names) if (t.startsWith(n) && t.length > n.length) return t.slice(n.length);
  return undefined;
}

/** `会议 <编号>`: the office gets the arrange card before the meeting; everyone else (and after it) the detail. */
export async function meetingByNumber(deps: FeatureDeps, actor: Actor, text: string): Promise<TopicsAnswer> {
  authorize(actor, 'meetings.view');
  const m = await findMeetingTyped(deps, text);
  if ((m.status === 'planned' || m.status === 'published') && can(actor, 'topics.office').ok) return officeOnly(await arrangeCard(deps, m.id));
  // An issued meeting whose items were all 销号 since the last sweep shows 全部落实 now, as 会议 落实 does.
  const current = m.status === 'issued' && (await checkImplemented(deps, m.id)) ? ((await findMeeting(deps.prisma, m.id)) ?? m) : m;
  const subjects = (await topicsOnMeeting(deps.prisma, m.id)).map(topicSubject);
  return {
    card: await meetingDetailCard(deps, current),
    mayRead: (a) => can(a, 'meetings.view').ok && subjects.every((s) => can(a, 'topics.view', s).ok),
  };
}

/** The arrange card shows the pool (topics still in review): only the office may read it. */
export const officeOnly = (card: Card): TopicsAnswer => ({ card, mayRead: (a) => can(a, 'topics.office').ok });

export async function meetingDetailCard(deps: FeatureDeps, m: MeetingRow): Promise<Card> {
  const dir = await readDirectory(deps.prisma);
  const view = await viewOf(deps.prisma, m, dir);
  const topics = await topicsOnMeeting(deps.prisma, m.id);
  // 落实情况 as the minutes part reads it: each decision's 督办 item state from supervision's index.ts.
  const impl = await implementationOf(deps, m.id);
  const decisions: DecisionLine[] = impl.rows.map(({ decision: d, item }) => ({
    topicNumber: topics.find((t) => t.id === d.topicId)?.number ?? '',
    content: d.content,
    unitName: unitNameOf(dir, d.unitId),
    deadline: d.deadline,
    supervisionNumber: item?.number ?? d.supervisionNumber,
    stateLabel: item?.statusLabel ?? '',
    closed: item?.closed ?? false,
  }));
  return presentMeetingDetail(
    view,
    { statusLabel: MINUTES_STATUS_LABEL[m.minutesStatus] ?? m.minutesStatus, number: m.minutesNumber, dueDate: m.minutesDueDate },
    decisions,
    { allImplemented: impl.all || m.status === 'implemented' },
  );
}
