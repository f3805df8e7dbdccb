import { badInput } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { storableText } from '../../../../platform/text.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { readJson, type NoteAttachment } from '../../domain/json.js';
import { NOTE_TYPE } from '../../object-type.js';
import { notesOfReporter, updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import { today } from './shared.js';

/** Files a note may carry (beyond them the note should be split or sent as a document). */
export const MAX_ATTACHMENTS = 9;

/**
 * Pictures sent as files (a photo of the scene): no other feature takes them in a private chat. Documents
 * go to 文稿审核 and tables to the directory; other files keep the usual "not supported" answer.
 */
export const ATTACHABLE = /\.(jpe?g|png|gif|bmp|webp|heic|tiff?)$/i;

/**
 * A file sent in a private chat after 信息 报送: attached to the reporter's latest open note of today (by
 * its message and key, as received). Refused, in words, when there is no such note.
 */
export async function attachFile(deps: FeatureDeps, actor: Actor, file: { messageId: string; key: string; name: string }): Promise<NoteRow> {
  authorize(actor, 'briefs.report');
  const [latest] = await notesOfReporter(deps.prisma, actor.person!.id, { take: 1, openOnly: true });
  if (!latest || latest.date !== today(deps)) throw badInput('请先发送「信息 报送 <正文>」报送信息，再发送图片或附件：附件附在您今天最近报送的一条信息上。');
  const list = readJson<NoteAttachment[]>(latest.attachments, []);
  if (list.some((a) => a.messageId === file.messageId)) return latest;
  if (list.length >= MAX_ATTACHMENTS) throw badInput(`信息${latest.number}已有${MAX_ATTACHMENTS}个附件，不能再添加。`);
  const kind: NoteAttachment['kind'] = 'image';
  const entry: NoteAttachment = { kind, key: file.key, name: storableText(file.name).slice(0, 200), messageId: file.messageId };
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx) => {
    const attachments = JSON.stringify([...list, entry]);
    if (!(await updateNoteIf(tx, latest, { attachments }))) throw badInput(`信息${latest.number}刚刚有变化（可能已被采用），请重新发送附件。`);
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: latest.id,
      auditId: latest.number,
      actor: actor.openId,
      at: now,
      kind: 'attach',
      action: 'attach',
      text: entry.name,
    });
    return { ...latest, attachments, version: latest.version + 1 };
  });
}
