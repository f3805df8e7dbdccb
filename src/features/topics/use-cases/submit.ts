import { badInput, forbidden } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import { beijingDate, formatChineseDate } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import {
  authorize,
  can,
  hasRole,
  leadersInChargeOf,
  readDirectory,
  resolvePerson,
  resolveUnit,
  unitNameOf,
  type Actor,
  type Directory,
} from '../../org/index.js';
import { isLate, topicDueDate } from '../domain/lateness.js';
import { countChars, docMaterial, overLength, parseMaterialLinks } from '../domain/materials.js';
import { matchMeetingType } from '../domain/meeting-types.js';
import { LEGAL_BASIS_LABEL, TOPIC_LIMITS, type LegalBasis, type Material } from '../domain/topic-fields.js';
import { TOPIC_SERIES, TOPIC_TYPE } from '../object-type.js';
import { seedMeetingTypes, type MeetingTypeRow } from '../repositories/meeting-types.js';
import { nextMeetingOfType } from '../repositories/meetings.js';
import { insertTopic, type TopicRow } from '../repositories/topics.js';
import type { TopicView } from '../view.js';
import { loadTopicView, postHolderCards, postSubmitCards } from './cards.js';

export interface SubmitTopicInput {
  title: string;
  /** A type's id (the form) or what was typed (code, name or alias). */
  meetingType: string;
  /** The submitting unit; the submitter's own when absent. */
  unitId?: string;
  /** 汇报人 as typed (a name); the unit's head when absent. */
  presenter?: string;
  /** 分管领导 (Person.id); the unit's leader in charge from the directory when absent. */
  leaderId?: string;
  /** Feishu document links, as typed. */
  materials: string;
  attendUnitIds?: readonly string[];
  /** 列席 units as typed (the form), resolved against the directory. */
  attendUnitNames?: readonly string[];
  consulted?: boolean;
  consultedWith?: string;
  /** undefined: 合法性审查 not needed. */
  legalBasis?: LegalBasis;
  estimatedMinutes?: number;
  /** 临时议题: why it comes after the due day. */
  lateReason?: string;
}

const HEAD_TITLE = /^(?!.*副).*(局长|主任|镇长|乡长|书记|科长|部长|院长|行长|经理)$/;

/** The unit's head from the directory (a title such as 局长, not 副局长), else undefined. */
function unitHead(dir: Directory, unitId: string) {
  return dir.people.find((p) => p.unitId === unitId && HEAD_TITLE.test(p.title));
}

/**
 * Who may file a topic in a unit's name, as the directory has them (never as the form says): the unit's
 * liaison or its head (by title), or the office (秘书科), who files for any unit.
 */
function mayFileFor(actor: Actor, dir: Directory, unitId: string): boolean {
  if (can(actor, 'topics.office').ok) return true;
  const me = dir.people.find((p) => p.id === actor.person?.id);
  if (!me || me.unitId !== unitId) return false;
  return hasRole(actor, 'liaison') || HEAD_TITLE.test(me.title);
}

/** The types, seeded with the defaults on first use. */
export async function meetingTypes(deps: Pick<FeatureDeps, 'prisma'>): Promise<MeetingTypeRow[]> {
  const rows = await seedMeetingTypes(deps.prisma);
  return rows.filter((r) => r.active);
}

export function resolveMeetingType(types: readonly MeetingTypeRow[], typed: string): MeetingTypeRow {
  const byId = types.find((t) => t.id === typed && t.active);
  const hit = byId ?? matchMeetingType(types, typed);
  if (!hit) {
    const names = types.map((t) => t.code).join('、');
    throw badInput(typed.trim() ? `未找到会议类型「${typed.trim().slice(0, 20)}」。可选：${names}。` : `请选择会议类型：${names}。`);
  }
  return hit;
}

/**
 * 议题 申报: everything that can be checked is checked before a row is written — the type, the unit, the
 * 汇报人 and 分管领导 (in charge of the unit), each material (read through Lark, outside the transaction,
 * within the stated length), the 临时议题 rule — then in one transaction the topic is numbered, written,
 * and its cards queued. A refusal writes nothing.
 */
export async function submitTopic(deps: FeatureDeps, actor: Actor, input: SubmitTopicInput): Promise<{ topic: TopicRow; view: TopicView }> {
  authorize(actor, 'topics.submit');
  const person = actor.person!;
  const title = input.title.trim();
  if (!title) throw badInput('请填写议题名称。');
  if (title.length > TOPIC_LIMITS.titleChars) throw badInput(`议题名称不超过 ${TOPIC_LIMITS.titleChars} 字。`);
  const type = resolveMeetingType(await meetingTypes(deps), input.meetingType);

  const dir = await readDirectory(deps.prisma);
  const unitId = input.unitId || person.unitId;
  if (!unitId) throw badInput('您在名册中没有所在单位，请在表单中选择申报单位，或请管理员补充名册。');
  if (!dir.units.some((u) => u.id === unitId)) throw badInput('未找到所选的申报单位，请重新选择。');
  const unitName = unitNameOf(dir, unitId);
  if (!mayFileFor(actor, dir, unitId)) {
    throw forbidden(
      `您不是${unitName}的联络员或主要负责人，不能以${unitName}名义申报议题。请由${unitName}的联络员或主要负责人申报，或请县政府办公室（秘书科）代为申报。`,
    );
  }

  const presenter = input.presenter?.trim()
    ? resolvePerson(dir, input.presenter, { preferUnitId: unitId, label: '汇报人' })
    : (unitHead(dir, unitId) ?? dir.people.find((p) => p.id === person.id)!);

  const inCharge = leadersInChargeOf(dir, unitId);
  const leader = input.leaderId ? inCharge.find((l) => l.id === input.leaderId) : inCharge[0];
  if (!leader) {
    throw badInput(
      input.leaderId && inCharge.length
        ? `所选分管领导未分管${unitName}。${unitName}的分管领导为：${inCharge.map((l) => l.name).join('、')}。`
        : `名册中${unitName}尚未登记分管领导，无法送审。请联系管理员在名册中授权分管领导（如「授权 @某副县长 县（区）领导 ${unitName}」）。`,
    );
  }
  if (!leader.openId) throw badInput(`分管领导${leader.name}尚未关联飞书账号，暂无法送审。请联系管理员核对名册。`);

  const minutes = input.estimatedMinutes ?? TOPIC_LIMITS.defaultMinutes;
  if (!Number.isInteger(minutes) || minutes < TOPIC_LIMITS.minMinutes || minutes > TOPIC_LIMITS.maxMinutes) {
    throw badInput(`预计汇报时长应为 ${TOPIC_LIMITS.minMinutes}–${TOPIC_LIMITS.maxMinutes} 分钟的整数。`);
  }
  const typedUnits = (input.attendUnitNames ?? []).map((n) => resolveUnit(dir, n, { label: '列席单位' }).id);
  const attendUnitIds = [...new Set([...(input.attendUnitIds ?? []), ...typedUnits])];
  for (const id of attendUnitIds) if (!dir.units.some((u) => u.id === id)) throw badInput('所选列席单位不在名册中，请重新选择。');
  const consultedWith = (input.consultedWith ?? '').trim().slice(0, 500);
  if (input.consulted && !consultedWith) throw badInput('已征求意见的，请填写征求意见的单位。');

  // 临时议题: after the due day of the next meeting of this type.
  const now = deps.clock.now();
  const next = await nextMeetingOfType(deps.prisma, type.id, now);
  const late = !!next && isLate(deps.calendar.current(), now, next.startsAt, type.dueWorkingDays);
  const lateReason = (input.lateReason ?? '').trim().slice(0, TOPIC_LIMITS.reasonChars);
  if (late && !lateReason) {
    const due = formatChineseDate(topicDueDate(deps.calendar.current(), next.startsAt, type.dueWorkingDays));
    throw badInput(`${next.number}的议题申报截止日为${due}，现已逾期，属临时议题：请填写临时议题理由，经主持领导同意后方可上会。`);
  }
  if (late && !type.presidingId)
    throw badInput(`${type.name}尚未配置主持领导，临时议题无法送主持领导同意。请联系管理员（会议 类型 ${type.code} 主持:<姓名>）。`);

  const materials = await readMaterials(deps, input.materials);

  const result = await deps.prisma.$transaction(async (tx) => {
    const number = await TOPIC_SERIES.allocate(tx, Number(beijingDate(now).slice(0, 4)));
    const topic = await insertTopic(tx, {
      year: number.year,
      seq: number.seq,
      number: number.number,
      title,
      unitId,
      submitterId: person.id,
      submitterOpenId: actor.openId,
      presenterId: presenter.id,
      leaderId: leader.id,
      meetingTypeId: type.id,
      materials: JSON.stringify(materials),
      attendUnitIds: JSON.stringify(attendUnitIds),
      consulted: !!input.consulted,
      consultedWith: input.consulted ? consultedWith : '',
      needsLegalReview: !!input.legalBasis,
      legalBasis: input.legalBasis ?? '',
      estimatedMinutes: minutes,
      ...(late ? { lateReason, lateForMeetingId: next.id, consentStatus: 'pending' } : {}),
      status: 'leader_review',
      statusAt: now,
      submittedAt: now,
    });
    await recordEvent(tx, {
      type: TOPIC_TYPE,
      objectId: topic.id,
      auditId: topic.number,
      actor: actor.openId,
      at: now,
      kind: 'submit',
      text: `${type.name}：${title}`,
      data: { revision: 1, leader: leader.name, legal: input.legalBasis ? LEGAL_BASIS_LABEL[input.legalBasis] : '', late },
      action: 'submit',
      after: { status: 'leader_review', unit: unitName, leader: leader.name },
    });
    const view = await loadTopicView(tx, topic);
    await postSubmitCards(tx, view, topic);
    await postHolderCards(tx, view, topic);
    return { topic, view };
  });
  deps.outbox.kick();
  return result;
}

/** Each material read through Lark (outside any transaction): its title and length, within the limit. */
async function readMaterials(deps: FeatureDeps, text: string): Promise<Material[]> {
  const parsed = parseMaterialLinks(text);
  if (!parsed.ok) throw badInput(parsed.error);
  if (!parsed.links.length) throw badInput('请提供汇报材料（飞书文档链接）。');
  const out: Material[] = [];
  for (const link of parsed.links) {
    const [doc, raw] = await Promise.all([deps.documents.getDocument(link.token), deps.documents.rawContent(link.token)]);
    if (!doc.ok || !raw.ok) {
      throw badInput('助手无法读取汇报材料：文档不存在，或助手没有阅读权限。请在文档右上角「…」→「更多」→「添加文档应用」中添加“三办助手”，然后重新提交。');
    }
    const name = doc.value.title.trim() || '汇报材料';
    const chars = countChars(raw.value);
    const over = overLength(name, chars);
    if (over) throw badInput(over);
    out.push(docMaterial(link, name, chars));
  }
  return out;
}
