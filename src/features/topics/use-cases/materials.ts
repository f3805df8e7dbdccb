import { badInput, BotError } from '../../../errors.js';
import { recordEvent } from '../../../platform/events.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, type Actor } from '../../org/index.js';
import { fileMaterial, fileMaterialRefusal, MATERIAL_TYPES_TEXT, materialUploadType } from '../domain/materials.js';
import { parseMaterials, TOPIC_LIMITS, type Material } from '../domain/topic-fields.js';
import { TOPIC_TYPE } from '../object-type.js';
import { findTopic, openedForMaterials, updateTopicIf, type TopicRow } from '../repositories/topics.js';
import { topicSubject } from '../view.js';
import { refreshTopicCards } from './cards.js';

/** Before 列入议程 the materials may still be added; after it the agenda and its DMs stand as sent. */
const OPEN_STATES = ['leader_review', 'returned', 'deferred', 'legal_review', 'legal_rejected', 'awaiting_consent', 'ready'];

function checkMayAdd(actor: Actor, t: TopicRow): Material[] {
  authorize(actor, 'topics.materials', topicSubject(t));
  if (!OPEN_STATES.includes(t.status)) throw badInput(`议题${t.number}已列入议程或已办结，不能再补充材料；如需更换材料，请联系办公室（秘书科）。`);
  const existing = parseMaterials(t.materials);
  if (existing.length >= TOPIC_LIMITS.materials) throw badInput(`议题${t.number}已有 ${existing.length} 份材料，最多 ${TOPIC_LIMITS.materials} 份。`);
  return existing;
}

const list = (ms: readonly Material[]) => ms.map((m, i) => `${i + 1}. ${m.name}${m.kind === 'file' ? '（附件）' : ''}`).join('\n');

/**
 * `议题 材料 <编号>`: opens the topic for material files from this person for a few minutes — a file they
 * then send the bot in the DM is taken for this topic (not offered to 文稿审核). Checked: who (the
 * submitter, the presenter, the unit's liaison or 科长, the office), the state (before 列入议程), the count.
 */
export async function openForMaterials(deps: FeatureDeps, actor: Actor, t: TopicRow): Promise<string> {
  const existing = checkMayAdd(actor, t);
  const now = deps.clock.now();
  await deps.prisma.$transaction((tx) =>
    recordEvent(tx, { type: TOPIC_TYPE, objectId: t.id, auditId: t.number, actor: actor.openId, at: now, kind: 'materials_open', text: '' }),
  );
  return (
    `请在 ${TOPIC_LIMITS.materialWindowMinutes} 分钟内把材料文件私聊发送给助手，将作为议题${t.number}「${t.title}」的汇报材料。\n` +
    `格式限${MATERIAL_TYPES_TEXT}，每份不超过 ${TOPIC_LIMITS.materialFileBytes / 1024 / 1024} MB，全部材料（含文档链接）最多 ${TOPIC_LIMITS.materials} 份，现有 ${existing.length} 份。`
  );
}

/** The topic a file from this person is for: opened by them within the window, else none (文稿审核's). */
export async function topicAwaitingFile(deps: FeatureDeps, openId: string): Promise<string | undefined> {
  const since = new Date(deps.clock.now().getTime() - TOPIC_LIMITS.materialWindowMinutes * 60_000);
  return openedForMaterials(deps.prisma, openId, since);
}

/**
 * A file sent within the window: checked (type, count, then size once downloaded), re-uploaded as the
 * bot's own (Lark will not let the bot send a received file_key), and added to the topic by a
 * compare-and-set; the topic's cards follow. Any refusal adds nothing and says why.
 */
export async function addMaterialFile(
  deps: FeatureDeps,
  actor: Actor,
  topicId: string,
  file: { messageId: string; key: string; name: string },
): Promise<{ topic: TopicRow; text: string }> {
  const t = await findTopic(deps.prisma, topicId);
  if (!t) throw badInput('该议题已不存在。');
  const early = fileMaterialRefusal(file.name, undefined, checkMayAdd(actor, t));
  if (early) throw badInput(early);
  const downloaded = await deps.messenger.downloadFile(file.messageId, file.key);
  if (!downloaded.ok && downloaded.error.kind === 'too_large')
    throw badInput(`「${file.name.slice(0, 60)}」超过每份 ${TOPIC_LIMITS.materialFileBytes / 1024 / 1024} MB 的限制，未添加。请压缩或拆分后再发送。`);
  if (!downloaded.ok) throw new BotError('unavailable', `「${file.name.slice(0, 60)}」下载失败，未添加，请稍后重新发送。`);
  const bytes = downloaded.value;
  const bySize = fileMaterialRefusal(file.name, bytes.length, parseMaterials(t.materials));
  if (bySize) throw badInput(bySize);
  const upload = await deps.messenger.uploadFile(file.name, bytes, materialUploadType(file.name));
  if (!upload.ok) throw new BotError('unavailable', `「${file.name.slice(0, 60)}」上传失败，未添加，请稍后重新发送。`);
  const now = deps.clock.now();
  const topic = await deps.prisma.$transaction(async (tx) => {
    const fresh = (await findTopic(tx, t.id))!;
    const existing = checkMayAdd(actor, fresh);
    const again = fileMaterialRefusal(file.name, bytes.length, existing);
    if (again) throw badInput(again);
    const materials = [...existing, fileMaterial(file.name.slice(0, 200), upload.value.fileKey, file.messageId, bytes.length)];
    if (!(await updateTopicIf(tx, fresh, { materials: JSON.stringify(materials) })))
      throw new BotError('conflict', '该议题刚有变化，材料未添加，请重新发送文件。');
    await recordEvent(tx, {
      type: TOPIC_TYPE,
      objectId: t.id,
      auditId: t.number,
      actor: actor.openId,
      at: now,
      kind: 'material_file',
      text: file.name.slice(0, 200),
      data: { bytes: bytes.length },
    });
    const row = (await findTopic(tx, t.id))!;
    await refreshTopicCards(tx, row);
    return row;
  });
  deps.outbox.kick();
  const all = parseMaterials(topic.materials);
  return { topic, text: `已将「${file.name.slice(0, 60)}」添加为议题${topic.number}的汇报材料（共 ${all.length} 份）：\n${list(all)}` };
}
