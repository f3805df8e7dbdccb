import { BotError, badInput } from '../../../errors.js';
import { recordAudits } from '../../../platform/audit.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, readDirectory, resolveLeader, resolvePerson, resolveUnit, unitNameOf, type Actor, type Directory } from '../../org/index.js';
import { parseIds } from '../domain/topic-fields.js';
import { MEETING_TYPE_CONFIG } from '../object-type.js';
import { updateMeetingTypeIf, type MeetingTypeRow } from '../repositories/meeting-types.js';
import { meetingTypes, resolveMeetingType } from './submit.js';

/** What an admin may change of a type (`会议 类型 常务会 主持:… 出席:… 列席:… 截止:2 群:本群`). */
export interface MeetingTypeChange {
  presiding?: string;
  attendees?: string[];
  fixedUnits?: string[];
  dueWorkingDays?: number;
  /** The chat to bind as the meeting group; "" to unbind. */
  chatId?: string;
}

const names = (dir: Directory, ids: string[], of: 'people' | 'units') =>
  ids.map((id) => (of === 'people' ? dir.people.find((p) => p.id === id)?.name : unitNameOf(dir, id)) || '（已删除）').join('、');

/** One type in words (for 会议 类型). */
export function describeMeetingType(t: MeetingTypeRow, dir: Directory): string {
  const presiding = t.presidingId ? (dir.people.find((p) => p.id === t.presidingId)?.name ?? '（已删除）') : '未配置';
  return [
    `【${t.code}】${t.name}　编号：${t.numberPrefix}N${t.numberSuffix}`,
    `　主持：${presiding}　出席：${names(dir, parseIds(t.attendeeIds), 'people') || '未配置'}`,
    `　固定列席：${names(dir, parseIds(t.fixedUnitIds), 'units') || '无'}　议题截止：会前 ${t.dueWorkingDays} 个工作日　会议群：${t.chatId ? '已绑定' : '未绑定'}`,
  ].join('\n');
}

export async function listMeetingTypesText(deps: FeatureDeps): Promise<string> {
  const [types, dir] = await Promise.all([meetingTypes(deps), readDirectory(deps.prisma)]);
  return ['会议类型：', ...types.map((t) => describeMeetingType(t, dir))].join('\n');
}

/** An admin changes a type: every name resolved first; one compare-and-set write, audited. */
export async function changeMeetingType(deps: FeatureDeps, actor: Actor, typed: string, c: MeetingTypeChange): Promise<string> {
  authorize(actor, 'topics.configure');
  const type = resolveMeetingType(await meetingTypes(deps), typed);
  const dir = await readDirectory(deps.prisma);
  const data: { presidingId?: string; attendeeIds?: string; fixedUnitIds?: string; dueWorkingDays?: number; chatId?: string; updatedBy?: string } = {};
  if (c.presiding !== undefined) data.presidingId = resolveLeader(dir, c.presiding, { label: '主持领导' }).id;
  if (c.attendees !== undefined) data.attendeeIds = JSON.stringify([...new Set(c.attendees.map((n) => resolvePerson(dir, n, { label: '出席人员' }).id))]);
  if (c.fixedUnits !== undefined) data.fixedUnitIds = JSON.stringify([...new Set(c.fixedUnits.map((n) => resolveUnit(dir, n, { label: '固定列席单位' }).id))]);
  if (c.dueWorkingDays !== undefined) {
    if (!Number.isInteger(c.dueWorkingDays) || c.dueWorkingDays < 0 || c.dueWorkingDays > 15) throw badInput('议题截止应为会前 0–15 个工作日的整数。');
    data.dueWorkingDays = c.dueWorkingDays;
  }
  if (c.chatId !== undefined) data.chatId = c.chatId;
  if (Object.keys(data).length === 0) throw badInput('请写明要修改的内容，如「会议 类型 常务会 主持:张县长 列席:司法局、财政局 截止:2 群:本群」。');
  data.updatedBy = actor.openId;
  const now = deps.clock.now();
  await deps.prisma.$transaction(async (tx) => {
    if (!(await updateMeetingTypeIf(tx, type, data))) throw new BotError('conflict', '该会议类型刚被他人修改，请重新查看后再试。');
    await recordAudits(tx, [
      {
        actor: actor.openId,
        objectType: MEETING_TYPE_CONFIG,
        objectId: type.code,
        action: 'configure',
        before: pick(type),
        after: { ...pick(type), ...data },
        at: now,
      },
    ]);
  });
  const updated = (await meetingTypes(deps)).find((t) => t.id === type.id)!;
  return `已更新会议类型：\n${describeMeetingType(updated, dir)}`;
}

const pick = (t: MeetingTypeRow) => ({
  presidingId: t.presidingId,
  attendeeIds: t.attendeeIds,
  fixedUnitIds: t.fixedUnitIds,
  dueWorkingDays: t.dueWorkingDays,
  chatId: t.chatId,
});
