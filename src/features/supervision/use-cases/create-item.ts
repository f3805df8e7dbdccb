import { badInput } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { describeDate, parseDatePhrase } from '../../../platform/phrases/index.js';
import { beijingDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, type Actor } from '../../org/index.js';
import { parseDeadline } from '../domain/deadline.js';
import { parseFollowUpDays } from '../domain/follow-up.js';
import { ITEM_SERIES, ITEM_TYPE } from '../object-type.js';
import { presentItemCard } from '../presenters/item-card.js';
import { claimOnce, type ItemRow } from '../repository.js';
import { SOURCE_LABEL, type ItemView } from '../view.js';
import { assigneeOpenIds, currentView, postToSupervisionGroups, tracks } from './publish.js';

export interface CreateItemInput {
  content: string;
  standard?: string;
  /** A unit id (form) or name (one-line command). */
  unit: { id: string } | { name: string };
  personName?: string;
  leader?: { id: string } | { name: string };
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
  const db = deps.prisma;
  const calendar = deps.calendar.current();
  const now = deps.clock.now();
  const today = beijingDate(now);

  const content = input.content.trim();
  if (!content) throw badInput('请填写工作内容。');
  if (content.length > 1000) throw badInput('工作内容不超过 1000 字。');

  const unit = 'id' in input.unit
    ? await db.unit.findUnique({ where: { id: input.unit.id } })
    : await db.unit.findUnique({ where: { name: input.unit.name.trim() } });
  if (!unit) {
    const name = 'name' in input.unit ? input.unit.name : '';
    const similar = name ? await db.unit.findMany({ where: { name: { contains: name.slice(0, 2) } }, take: 5 }) : [];
    throw badInput(`未找到承办单位「${name}」。${similar.length ? `是否为：${similar.map((u) => u.name).join('、')}？` : '发送「单位」查看单位全称。'}`);
  }

  let personId: string | null = null;
  if (input.personName?.trim()) {
    const name = input.personName.trim();
    const inUnit = await db.person.findMany({ where: { name, unitId: unit.id, active: true } });
    const candidates = inUnit.length ? inUnit : await db.person.findMany({ where: { name, active: true } });
    if (!candidates.length) throw badInput(`名册中没有「${name}」。请核对姓名，或不填责任人，由${unit.name}督查联络员负责。`);
    if (candidates.length > 1) throw badInput(`名册中有 ${candidates.length} 位「${name}」，请在${unit.name}内指定，或联系管理员核对名册。`);
    personId = candidates[0]!.id;
  }

  let leaderId: string | null = null;
  if (input.leader) {
    const leader = 'id' in input.leader
      ? await db.person.findUnique({ where: { id: input.leader.id }, include: { roles: true } })
      : await db.person.findFirst({ where: { name: input.leader.name.trim(), active: true, roles: { some: { role: 'leader' } } }, include: { roles: true } });
    if (!leader || !leader.roles.some((r) => r.role === 'leader')) {
      throw badInput(`未找到负责领导「${'name' in input.leader ? input.leader.name : ''}」：负责领导须为名册中的县（区）领导。`);
    }
    leaderId = leader.id;
  }

  const { date: deadline, confirmation } = parseDeadline(input.deadline, today, calendar);
  const sourceType = input.sourceType && input.sourceType in SOURCE_LABEL ? input.sourceType : 'other';
  const cycle = ['none', 'weekly', 'monthly'].includes(input.progressCycle ?? '') ? input.progressCycle! : 'none';
  const milestones = parseMilestones(input.milestones ?? '', today, deadline, calendar);
  const followUpDays = parseFollowUpDays(input.followUp);

  const year = Number(today.slice(0, 4));
  const result = await db.$transaction(async (tx) => {
    if (origin.once) await claimOnce(tx, `created:${origin.once}`, now);
    const { seq, number } = await ITEM_SERIES.allocate(tx, year);
    const item = await tx.supervisionItem.create({
      data: {
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
        createdBy: actor.openId,
        createdAt: now,
      },
    });
    for (const m of milestones) await tx.supervisionMilestone.create({ data: { itemId: item.id, ...m } });
    await recordEvent(tx, { type: ITEM_TYPE, objectId: item.id, auditId: item.number, actor: actor.openId, at: now, kind: 'created', action: 'create', after: item });
    const view = await currentView(deps, tx, item);
    // A deadline read from a relative phrase is said back, so a misreading is caught at once.
    const notes: string[] = confirmation ? [confirmation] : [];
    const assignees = await assigneeOpenIds(tx, item);
    if (!assignees.length) notes.push(`${unit.name}尚未登记督查联络员（或其飞书账号未关联），事项卡片未能推送，请联系管理员完善名册。`);
    for (const openId of assignees) {
      await enqueue(tx, { to: { openId }, content: { type: 'card', card: presentItemCard(view, 'assignee') }, key: `sv-new:${item.id}:${openId}`, tracks: tracks(item.id, 'assignee'), origin: `supervision:${item.number}` });
    }
    await postToSupervisionGroups(tx, item, view, `sv-new:${item.id}`, origin.chatId);
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
    if (date < today || date > deadline) throw badInput(`实施步骤第 ${i + 1} 行的日期${understood}应在今天与完成时限${describeDate(deadline, today, calendar)}之间。`);
    out.push({ dueDate: date, title: m[2]!.slice(0, 200) });
  });
  return out;
}
