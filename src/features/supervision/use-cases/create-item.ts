import { badInput, BotError } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { describeDate, parseDatePhrase } from '../../../platform/phrases/index.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import {
  authorize,
  leadersInChargeOf,
  rankOrder,
  readDirectory,
  resolveLeader,
  resolveLeaderById,
  resolvePerson,
  resolveUnit,
  resolveUnitById,
  type Actor,
  type Directory,
  type DirUnit,
  type MentionRef,
} from '../../org/index.js';
import { findRecentDuplicate, type DuplicateRow } from '../repositories/duplicates.js';
import { parseDeadline } from '../domain/deadline.js';
import { parseFollowUpDays } from '../domain/follow-up.js';
import { ITEM_SERIES, ITEM_TYPE } from '../object-type.js';
import { presentItemCard } from '../presenters/item-card.js';
import { claimOnce, insertItem, insertMilestones, type ItemRow } from '../repository.js';
import { SOURCE_LABEL, type ItemView } from '../view.js';
import { assigneeOpenIds, currentView, postToSupervisionGroups, tracks } from './publish.js';

export interface CreateItemInput {
  content: string;
  standard?: string;
  /** A unit id (form) or name (one-line command). */
  unit: { id: string } | { name: string };
  /** A name, 张主任-style address, @mention key or open_id (one-line command), resolved by the org directory. */
  personName?: string;
  /** A person already resolved (the duplicate confirmation carries it). */
  personId?: string;
  /** Empty: the unit's 分管领导 from the directory, when it has exactly one. */
  leader?: { id: string } | { name: string };
  /** Mentions in the command's message, so `领导:@吴副县长` names whom it mentions. */
  mentions?: readonly MentionRef[];
  /** Set by 确认重复立项: create even though the same item was entered within the last day. */
  allowDuplicate?: boolean;
  /** Any date phrase (`2026-12-15`, `12月18日`, `下周五`, `10个工作日`…) or a date picker value. */
  deadline: string;
  sourceType?: string;
  sourceRef?: string;
  urgent?: boolean;
  progressCycle?: string;
  promised?: boolean;
  /** One per line: `2026-12-10 完成方案制定`. */
  milestones?: string;
  /** 回访 after N working days from closure (`10`, `10个工作日`); empty: no 回访. */
  followUp?: string;
}

export interface Created {
  item: ItemRow;
  view: ItemView;
  /** Things the creator should know (e.g. nobody to send the card to). */
  notes: string[];
}

/** 督办立项: validated in full first, then written in one transaction with its cards queued. */
export interface CreateOrigin {
  chatId?: string;
  /**
   * What made this request, once (the command's message, the form submission): written in the item's
   * transaction, so work retried after a database failure whose commit did land cannot create the item twice.
   */
  once?: string;
}

export async function createItem(deps: FeatureDeps, actor: Actor, input: CreateItemInput, origin: CreateOrigin = {}): Promise<Created> {
  authorize(actor, 'supervision.create');
  return createItemBy(deps, actor.openId, input, origin);
}

/**
 * The item written on behalf of `createdBy` (an open id), once the caller has decided it may be: 督办立项
 * checks the policy first; an item from another feature's act (a 纪要 签发) is authorised by that act.
 */
export async function createItemBy(deps: FeatureDeps, createdBy: string, input: CreateItemInput, origin: CreateOrigin = {}): Promise<Created> {
  const db = deps.prisma;
  const calendar = deps.calendar.current();
  const now = deps.clock.now();
  const today = beijingDate(now);

  const content = input.content.trim();
  if (!content) throw badInput('请填写工作内容。');
  if (content.length > 1000) throw badInput('工作内容不超过 1000 字。');

  const dir = await readDirectory(db);
  const unit = 'id' in input.unit ? resolveUnitById(dir, input.unit.id) : resolveUnit(dir, input.unit.name, { mentions: input.mentions });
  const who = { mentions: input.mentions, preferUnitId: unit.id };
  const personId = input.personId
    ? resolvePersonById(dir, input.personId)
    : input.personName?.trim()
      ? resolvePerson(dir, input.personName, { ...who, label: '责任人' }).id
      : null;
  const leader = !input.leader ? undefined : 'id' in input.leader ? resolveLeaderById(dir, input.leader.id) : resolveLeader(dir, input.leader.name, who);
  const { leaderId, note: leaderNote } = leader ? { leaderId: leader.id, note: undefined } : defaultLeader(dir, unit, rankOrder(deps.settings.leaderRanks));

  const { date: deadline, confirmation } = parseDeadline(input.deadline, today, calendar);
  const sourceType = input.sourceType && input.sourceType in SOURCE_LABEL ? input.sourceType : 'other';
  const cycle = ['none', 'weekly', 'monthly'].includes(input.progressCycle ?? '') ? input.progressCycle! : 'none';
  const milestones = parseMilestones(input.milestones ?? '', today, deadline, calendar);
  const followUpDays = parseFollowUpDays(input.followUp);

  const year = Number(today.slice(0, 4));
  const result = await db.$transaction(async (tx) => {
    if (origin.once) await claimOnce(tx, `created:${origin.once}`, now);
    // The same item entered twice within a day is asked about first (确认重复立项), never created silently.
    if (!input.allowDuplicate) {
      const existing = await findRecentDuplicate(tx, { content, unitId: unit.id, deadline, since: new Date(now.getTime() - DUPLICATE_WINDOW_MS) });
      if (existing) throw new DuplicateItemError(existing, unit.name, draftOf(input, { unitId: unit.id, personId, leaderId, deadline }));
    }
    const { seq, number } = await ITEM_SERIES.allocate(tx, year);
    const item = await insertItem(tx, {
      year,
      seq,
      number,
      content,
      standard: input.standard?.trim() ?? '',
      sourceType,
      sourceRef: input.sourceRef?.trim() ?? '',
      promised: !!input.promised,
      urgency: input.urgent ? 'urgent' : 'normal',
      unitId: unit.id,
      personId,
      leaderId,
      deadline,
      status: 'pending_ack',
      progressCycle: cycle,
      followUpDays,
      createdBy,
      createdAt: now,
    });
    await insertMilestones(tx, item.id, milestones);
    await recordEvent(tx, {
      type: ITEM_TYPE,
      objectId: item.id,
      auditId: item.number,
      actor: createdBy,
      at: now,
      kind: 'created',
      action: 'create',
      after: item,
    });
    const view = await currentView(deps, tx, item);
    // A deadline read from a relative phrase is said back, so a misreading is caught at once.
    const notes: string[] = [confirmation, leaderNote].filter((n): n is string => !!n);
    const assignees = await assigneeOpenIds(tx, item);
    if (!assignees.length) notes.push(`${unit.name}尚未登记督查联络员（或其飞书账号未关联），事项卡片未能推送，请联系管理员完善名册。`);
    for (const openId of assignees) {
      await enqueue(tx, {
        to: { openId },
        content: { type: 'card', card: presentItemCard(view, 'assignee') },
        key: `sv-new:${item.id}:${openId}`,
        tracks: tracks(item.id, 'assignee'),
        origin: `supervision:${item.number}`,
      });
    }
    // The same key as `showInSupervisionGroups`: a request made while this card is still queued updates it, not a second card.
    await postToSupervisionGroups(tx, item, view, `sv-group:${item.id}`, origin.chatId);
    return { item, view, notes };
  });
  deps.outbox.kick();
  return result;
}

/** One step a line, `<日期> <事项>`: the date in any form of the shared phrase parser (2026-12-10, 12月10日, 下周五…). */
function parseMilestones(text: string, today: string, deadline: string, calendar: WorkCalendar): { title: string; dueDate: string }[] {
  const out: { title: string; dueDate: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.normalize('NFKC').trim();
    if (!line) return;
    const m = /^(\S+)\s+(.+)$/.exec(line);
    if (!m) throw badInput(`实施步骤第 ${i + 1} 行格式不正确，应为「日期 事项」，如「12月10日 完成方案制定」。`);
    const { date, understood } = parseDatePhrase(m[1]!, { today, calendar, label: `实施步骤第 ${i + 1} 行的日期` });
    if (date < today || date > deadline)
      throw badInput(`实施步骤第 ${i + 1} 行的日期${understood}应在今天与完成时限${describeDate(deadline, today, calendar)}之间。`);
    out.push({ dueDate: date, title: m[2]!.slice(0, 200) });
  });
  return out;
}

/** Same content, unit and deadline within this long is asked about before a second item is created. */
export const DUPLICATE_WINDOW_MS = 24 * 3600_000;

/** What 确认重复立项 re-submits: the input with everything already resolved to ids and dates. */
export type CreateDraft = Omit<CreateItemInput, 'mentions' | 'allowDuplicate'>;

/** The same item was entered within the last day: the caller asks 确认重复立项 / 取消 with the draft. */
export class DuplicateItemError extends BotError {
  constructor(
    public readonly existing: DuplicateRow,
    public readonly unitName: string,
    public readonly draft: CreateDraft,
  ) {
    super('conflict', `与 ${existing.number} 内容、承办单位和完成时限相同，请确认是否重复立项。`);
  }
}

function draftOf(input: CreateItemInput, r: { unitId: string; personId: string | null; leaderId: string | null; deadline: string }): CreateDraft {
  const { mentions: _m, allowDuplicate: _a, personName: _p, leader: _l, ...rest } = input;
  return {
    ...rest,
    unit: { id: r.unitId },
    deadline: r.deadline,
    ...(r.personId ? { personId: r.personId } : {}),
    ...(r.leaderId ? { leader: { id: r.leaderId } } : {}),
  };
}

function resolvePersonById(dir: Directory, id: string): string {
  if (!dir.people.some((p) => p.id === id)) throw badInput('所选责任人已不在名册中，请重新立项。');
  return id;
}

/**
 * No leader chosen: the unit's one 分管领导 (the item card then names them). Several: none is picked and
 * the creator is told; none registered: as the form and the usage say, only the unit and the 督查 group
 * are told when it runs late.
 */
function defaultLeader(dir: Directory, unit: DirUnit, ranks: readonly string[]): { leaderId: string | null; note?: string } {
  const inCharge = leadersInChargeOf(dir, unit.id, ranks);
  if (inCharge.length === 1) return { leaderId: inCharge[0]!.id };
  if (inCharge.length > 1)
    return {
      leaderId: null,
      note: `负责领导未填写：${unit.name}有${inCharge.length}位分管领导（${inCharge.map((l) => l.name).join('、')}），未自动指定，超期时不通知领导。`,
    };
  return { leaderId: null };
}
