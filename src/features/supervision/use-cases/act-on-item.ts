import { officeDate } from '../../../platform/phrases/format.js';
import { randomBytes } from 'node:crypto';
import { badInput, notFound } from '../../../errors.js';
import type { Tx } from '../../../db/handles.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { applyTransition } from '../../../platform/workflow/index.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, type Actor } from '../../org/index.js';
import { describeDeadline, parseDeadline } from '../domain/deadline.js';
import { ACTION_LABEL, EXTENSION_GONE, EXTENSION_PENDING, ITEM_MACHINE, type ItemStatus } from '../domain/states.js';
import { ITEM_ACTION_POLICY } from '../policy.js';
import { ITEM_TYPE } from '../object-type.js';
import {
  decideExtensionIf,
  findItem,
  lastEventOfKind,
  pendingExtension,
  readItem,
  staleCard,
  updateItemIf,
  withdrawPendingExtensions,
  type ItemRow,
} from '../repository.js';
import { sentence } from '../presenters/text.js';
import type { ItemView } from '../view.js';
import { currentView, refreshCards, showInSupervisionGroups, tellAssignees } from './publish.js';

export type ActInput =
  | { action: 'acknowledge' }
  | { action: 'report_progress'; done: string; percent: number; next?: string }
  | { action: 'request_extension'; reason: string; date: string }
  | { action: 'decide_extension'; extensionId: string; approve: boolean }
  | { action: 'request_closure'; result: string }
  | { action: 'close' }
  | { action: 'refuse_closure'; reason: string }
  | { action: 'cancel'; reason: string };

const required = (text: string | undefined, what: string) => {
  const t = (text ?? '').trim();
  if (!t) throw badInput(`请填写${what}。`);
  return t.slice(0, 1000);
};

/**
 * Every act on an item: authorize the person who acted (never the card), check the state still allows
 * it, then in one transaction change the item — a compare-and-set on the version it was read at, so of
 * two acts at once exactly one wins and the other rolls back whole (its notices too) as a stale card —
 * record timeline and audit, queue notices and refresh every card that shows it. Returns the item as it
 * now is.
 */
export async function actOnItem(deps: FeatureDeps, actor: Actor, itemId: string, input: ActInput, answeredMessageId?: string): Promise<ItemView> {
  const item = await findItem(deps.prisma, itemId);
  if (!item) throw notFound('未找到该督办事项，可能已被删除。');
  authorize(actor, ITEM_ACTION_POLICY[input.action], { unitId: item.unitId, personId: item.personId, leaderId: item.leaderId });
  const status = item.status as ItemStatus;
  const now = deps.clock.now();
  const today = beijingDate(now);
  const calendar = deps.calendar.current();

  const view = await deps.prisma.$transaction(async (tx) => {
    // What the winning write worked out, for its event and for the notices after it.
    const won: { change?: Change; updated?: ItemRow } = {};
    // The machine refuses a stale action first (its words, before any complaint about the input); then
    // the item's compare-and-set on the version it was read at: its row lock orders every act on it, and
    // the loser stops there as a stale card. The event is written only by the winner.
    await applyTransition(tx, {
      machine: ITEM_MACHINE,
      action: input.action,
      from: status,
      write: async (next) => {
        const change = await describeChange(tx, item, input, { today, now, actor, calendar });
        if (!(await updateItemIf(tx, item, { status: next, ...change.data }))) return false;
        await change.alsoWrite?.(tx);
        won.change = change;
        won.updated = await readItem(tx, item.id);
        return true;
      },
      event: () => {
        const { change: c, updated: u } = settled(won);
        return {
          type: ITEM_TYPE,
          objectId: item.id,
          auditId: item.number,
          actor: actor.openId,
          at: now,
          kind: c.event,
          text: c.text,
          data: c.eventData,
          action: input.action,
          before: { status, deadline: item.deadline, progressPercent: item.progressPercent },
          after: { status: u.status, deadline: u.deadline, progressPercent: u.progressPercent, note: c.text },
        };
      },
      staleMessage: staleCard().userMessage,
    });
    const { change, updated } = settled(won);
    const view = await currentView(deps, tx, updated);
    await refreshCards(deps, tx, updated, view, answeredMessageId);
    // A request the supervisors decide on shows on the item's one group card (refreshed above); a 督查
    // group without a card of the item gets one. One-off notices of this act: written in its transaction,
    // so a random key cannot double-post.
    if (change.notifyGroup) await showInSupervisionGroups(tx, updated, view);
    const key = `sv-${input.action}:${item.id}:${randomBytes(6).toString('hex')}`;
    if (change.tellAssignees) await tellAssignees(tx, updated, change.tellAssignees, key);
    return view;
  });
  deps.outbox.kick();
  return view;
}

/** What the winning write set; applyTransition calls `event` and returns only after the write won. */
function settled(won: { change?: Change; updated?: ItemRow }): { change: Change; updated: ItemRow } {
  if (!won.change || !won.updated) throw new Error('applyTransition went on without its write');
  return { change: won.change, updated: won.updated };
}

interface Change {
  data: Record<string, unknown>;
  event: string;
  text?: string;
  eventData?: unknown;
  notifyGroup?: boolean;
  tellAssignees?: string;
  /** Writes to other rows, made once the item's compare-and-set has won (each conditional itself). */
  alsoWrite?: (tx: Tx) => Promise<void>;
}

/** A closed or cancelled item has no extension left to decide (its 同意/不同意 buttons go). */
const withdrawExtension = (itemId: string) => async (tx: Tx) => {
  await withdrawPendingExtensions(tx, itemId);
};

async function describeChange(tx: Tx, item: ItemRow, input: ActInput, c: { today: string; now: Date; actor: Actor; calendar: WorkCalendar }): Promise<Change> {
  const who = c.actor.person?.name ?? '督查科';
  switch (input.action) {
    case 'acknowledge':
      return { data: {}, event: 'acknowledged' };
    case 'report_progress': {
      const done = required(input.done, '已完成的工作');
      const percent = Math.max(0, Math.min(100, Math.round(input.percent)));
      if (!Number.isFinite(input.percent)) throw badInput('请选择完成进度。');
      const text = `${percent}%，${done}${input.next?.trim() ? `；下一步：${input.next.trim()}` : ''}`;
      return { data: { progressPercent: percent, lastProgressAt: c.now }, event: 'progress', text, eventData: { percent } };
    }
    case 'request_extension': {
      const reason = required(input.reason, '延期理由');
      const { date, understood } = parseDeadline(input.date, c.today, c.calendar, '申请延至的日期');
      if (date <= item.deadline) throw badInput(`申请延至的日期${understood}应晚于现有时限${describeDeadline(item.deadline, c.today, c.calendar)}。`);
      // The card offered 申请延期, but a request went in since: a stale card, shown as it now is.
      if (await pendingExtension(tx, item.id)) throw staleCard(EXTENSION_PENDING);
      // A second request read at the same version loses the item's compare-and-set: one pending at most.
      const alsoWrite = async (t: Tx) => {
        await t.supervisionExtension.create({ data: { itemId: item.id, reason, proposedDate: date, requestedBy: c.actor.openId, createdAt: c.now } });
      };
      return { data: {}, event: 'extension_requested', text: `申请延至${officeDate(date, c.today)}，理由：${reason}`, notifyGroup: true, alsoWrite };
    }
    case 'decide_extension': {
      const ext = await pendingExtension(tx, item.id);
      const gone = EXTENSION_GONE;
      if (!ext || ext.id !== input.extensionId) throw staleCard(gone);
      // The extension is decided only while still pending: approve and refuse at once cannot both stand.
      const decision = { status: input.approve ? ('approved' as const) : ('refused' as const), decidedBy: c.actor.openId, decidedAt: c.now };
      const alsoWrite = async (t: Tx) => {
        if (!(await decideExtensionIf(t, ext.id, decision))) throw staleCard(gone);
      };
      if (!input.approve) {
        return {
          data: {},
          event: 'extension_refused',
          text: `不同意延至${officeDate(ext.proposedDate, c.today)}`,
          tellAssignees: `【督办】${item.number}的延期申请未获同意，请按原时限${officeDate(item.deadline, c.today)}办结。`,
          alsoWrite,
        };
      }
      // A new deadline restarts the chase ladder.
      return {
        data: { deadline: ext.proposedDate, chaseStep: 0 },
        event: 'extension_approved',
        text: `完成时限由 ${item.deadline} 延至 ${ext.proposedDate}`,
        tellAssignees: `【督办】${item.number} 的延期申请已同意，新的完成时限为 ${ext.proposedDate}。`,
        alsoWrite,
      };
    }
    case 'request_closure': {
      const result = required(input.result, '办理结果');
      return { data: { statusNote: '' }, event: 'closure_requested', text: result, notifyGroup: true };
    }
    case 'close': {
      const followUpDate = item.followUpDays ? c.calendar.addWorkingDays(c.today, item.followUpDays) : null;
      // On time means the unit asked for closure by the deadline, however long the review took.
      const asked = await lastEventOfKind(tx, item.id, 'closure_requested');
      const onTime = beijingDate(asked?.at ?? c.now) <= item.deadline;
      return {
        data: { closedAt: c.now, closedOnTime: onTime, followUpDate },
        alsoWrite: withdrawExtension(item.id),
        event: 'closed',
        text: `${who}审核同意销号`,
        tellAssignees: `【督办】${item.number} 已审核销号，感谢配合。${followUpDate ? `督查科将于 ${followUpDate} 回访办理成效。` : ''}`,
      };
    }
    case 'refuse_closure': {
      const reason = required(input.reason, '退回理由');
      return {
        data: { statusNote: reason },
        event: 'closure_refused',
        text: reason,
        tellAssignees: `【督办】${item.number} 的办结申请被退回，理由：${sentence(reason)}请继续办理后重新申请办结。`,
      };
    }
    case 'cancel': {
      const reason = required(input.reason, '撤销理由');
      return {
        data: { statusNote: reason },
        event: 'cancelled',
        text: reason,
        tellAssignees: `【督办】${item.number} 已撤销，理由：${sentence(reason)}`,
        alsoWrite: withdrawExtension(item.id),
      };
    }
    default: {
      const never: never = input;
      throw new Error(`unknown action ${ACTION_LABEL[(never as ActInput).action]}`);
    }
  }
}
