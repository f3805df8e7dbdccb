import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { formatBeijing, type IsoDate } from '../../platform/time.js';
import { overdueWorkingDays } from './domain/deadline.js';
import { isOpen, type ItemStatus } from './domain/states.js';
import { listEvents, listMilestones, namesFor, pendingExtension, type Db, type ItemRow } from './repository.js';
import type { ItemView, TimelineEntry } from './view.js';

/** The columns of an item a view shows (a Prisma row has them; so does the read model's). */
export type ItemFields = Pick<
  ItemRow,
  | 'id'
  | 'number'
  | 'content'
  | 'standard'
  | 'sourceType'
  | 'sourceRef'
  | 'promised'
  | 'urgency'
  | 'unitId'
  | 'personId'
  | 'leaderId'
  | 'deadline'
  | 'status'
  | 'statusNote'
  | 'progressPercent'
>;

/** What a view needs besides the item's own columns. */
export interface ItemViewParts {
  unitName?: string;
  person?: { name: string; openId: string | null };
  leader?: { name: string; openId: string | null };
  milestones: { title: string; dueDate: string; doneAt: Date | null }[];
  pendingExtension?: { id: string; reason: string; proposedDate: string };
  lastProgress?: string;
  /** The latest closure request's text (办理结果). */
  result?: string;
  /** The name of whoever signed the item last. */
  signerName?: string;
}

/** Turns an item into what presenters show: names resolved, overdue derived from today's calendar. Pure. */
export function toItemView(item: ItemFields, parts: ItemViewParts, today: IsoDate, calendar: WorkCalendar): ItemView {
  const { person, leader, pendingExtension: ext } = parts;
  const status = item.status as ItemStatus;
  return {
    id: item.id,
    number: item.number,
    content: item.content,
    standard: item.standard,
    sourceType: item.sourceType,
    sourceRef: item.sourceRef,
    promised: item.promised,
    urgent: item.urgency === 'urgent',
    unitName: parts.unitName ?? '（单位已删除）',
    ...(person ? { personName: person.name, ...(person.openId ? { personOpenId: person.openId } : {}) } : {}),
    ...(leader ? { leaderName: leader.name, ...(leader.openId ? { leaderOpenId: leader.openId } : {}) } : {}),
    deadline: item.deadline,
    status,
    statusNote: item.statusNote,
    progressPercent: item.progressPercent,
    ...(parts.lastProgress ? { lastProgress: parts.lastProgress } : {}),
    ...(parts.result ? { result: parts.result } : {}),
    ...(parts.signerName ? { signerName: parts.signerName } : {}),
    overdueDays: isOpen(status) ? overdueWorkingDays(item.deadline, today, calendar) : 0,
    milestones: parts.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, done: !!m.doneAt })),
    ...(ext ? { pendingExtension: { id: ext.id, reason: ext.reason, proposedDate: ext.proposedDate } } : {}),
  };
}

/** The view through Prisma: inside a transaction (a change re-renders the cards it affects). */
export async function loadItemView(db: Db, item: ItemRow, today: IsoDate, calendar: WorkCalendar): Promise<ItemView> {
  const latest = (kind: string) => db.supervisionEvent.findFirst({ where: { itemId: item.id, kind }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
  const [names, milestones, ext, lastProgress, closure, ack] = await Promise.all([
    namesFor(
      db,
      [item.personId, item.leaderId].filter((x): x is string => !!x),
      [item.unitId],
    ),
    listMilestones(db, item.id),
    pendingExtension(db, item.id),
    latest('progress'),
    latest('closure_requested'),
    latest('acknowledged'),
  ]);
  const signer = ack?.actor.startsWith('ou_') ? await db.person.findFirst({ where: { openId: ack.actor }, select: { name: true } }) : null;
  const person = item.personId ? names.people.get(item.personId) : undefined;
  const leader = item.leaderId ? names.people.get(item.leaderId) : undefined;
  const unitName = names.units.get(item.unitId);
  return toItemView(
    item,
    {
      ...(unitName !== undefined ? { unitName } : {}),
      ...(person ? { person } : {}),
      ...(leader ? { leader } : {}),
      milestones,
      ...(ext ? { pendingExtension: ext } : {}),
      ...(lastProgress?.text ? { lastProgress: lastProgress.text } : {}),
      ...(closure?.text ? { result: closure.text } : {}),
      ...(signer ? { signerName: signer.name } : {}),
    },
    today,
    calendar,
  );
}

const EVENT_LABEL: Record<string, string> = {
  created: '立项',
  acknowledged: '签收',
  progress: '反馈进展',
  extension_requested: '申请延期',
  extension_approved: '同意延期',
  extension_refused: '不同意延期',
  closure_requested: '申请办结',
  closure_refused: '退回办结申请',
  closed: '销号',
  cancelled: '撤销',
  reminded: '催办',
  escalated: '超期升级',
  follow_up: '回访',
};

/** One timeline line per event, in order; `nameOf` gives a person's name by open_id. Pure. */
export function toTimeline(
  events: readonly { at: Date; actor: string; kind: string; text: string }[],
  nameOf: (openId: string) => string | undefined,
): TimelineEntry[] {
  return events.map((e) => ({
    at: formatBeijing(e.at),
    who: e.actor.startsWith('system') ? '系统' : ((e.actor.startsWith('ou_') ? nameOf(e.actor) : undefined) ?? '未登记人员'),
    what: `${EVENT_LABEL[e.kind] ?? e.kind}${e.text ? `：${e.text}` : ''}`,
  }));
}

export async function loadTimeline(db: Db, itemId: string): Promise<TimelineEntry[]> {
  const events = await listEvents(db, itemId);
  const actorIds = [...new Set(events.map((e) => e.actor).filter((a) => a.startsWith('ou_')))];
  const people = actorIds.length ? await db.person.findMany({ where: { openId: { in: actorIds } }, select: { openId: true, name: true } }) : [];
  const byOpenId = new Map(people.map((p) => [p.openId, p.name]));
  return toTimeline(events, (openId) => byOpenId.get(openId));
}
