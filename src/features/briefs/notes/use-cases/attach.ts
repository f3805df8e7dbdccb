import { badInput, forbidden } from '../../../../errors.js';
import { refOfMessage } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import { storableText } from '../../../../platform/text.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { readJson, type NoteAttachment } from '../../domain/json.js';
import { NOTE_TYPE } from '../../object-type.js';
import { isInfoGroup } from '../../repositories/liaisons.js';
import { findNote, noteOfMessage, notesOfReporter, updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import type { BriefSeam } from '../../subcommands.js';
import { today } from './shared.js';

/** Files a note may carry (beyond them the note should be split or sent as a document). */
export const MAX_ATTACHMENTS = 9;

/**
 * Pictures sent as files (a photo of the scene): no other feature takes them in a private chat. Documents
 * go to 文稿审核 and tables to the directory; other files keep the usual "not supported" answer.
 */
export const ATTACHABLE = /\.(jpe?g|png|gif|bmp|webp|heic|tiff?)$/i;

/** The rule, as the help text and the refusals say it. */
export const ATTACH_RULE =
  '报送信息后，在同一会话（私聊或信息报送群）紧接着发送图片或文件，即附在本人当天最近报送的一条信息上；回复本人某条信息（或其卡片）发送图片，即附在该条信息上。图片只供信息科查看，不交大模型。';

export interface IncomingMedia {
  messageId: string;
  key: string;
  name: string;
  kind: NoteAttachment['kind'];
  chatId: string;
  chatType: 'p2p' | 'group';
  /** The message replied to, when the picture answers one. */
  parentId?: string;
}

/** The note a reply names: the note's own message, or one of its cards. */
async function noteRepliedTo(deps: Pick<FeatureDeps, 'prisma'>, parentId: string): Promise<NoteRow | null> {
  const ref = await refOfMessage(deps.prisma, parentId);
  if (ref) return ref.objectType === NOTE_TYPE ? findNote(deps.prisma, ref.objectId) : null;
  return noteOfMessage(deps.prisma, parentId);
}

/**
 * Which note a picture or file goes with: the one replied to (the sender's own, still open), else the
 * sender's latest open note of today — in a group only one reported in that group (the picture follows
 * the note there). Undefined in a group when it goes with none (group chatter stays unanswered).
 */
async function targetOf(deps: FeatureDeps, actor: Actor, m: IncomingMedia): Promise<NoteRow | undefined> {
  const inGroup = m.chatType === 'group';
  if (inGroup && !(await isInfoGroup(deps.prisma, m.chatId))) return undefined;
  if (m.parentId) {
    const named = await noteRepliedTo(deps, m.parentId);
    if (named) {
      if (named.reporterId !== actor.person?.id) throw forbidden(`信息${named.number}不是您报送的，不能为其添加附件。`);
      if (named.state !== 'reported' && named.state !== 'returned') throw badInput(`信息${named.number}已被采用或已撤回，不能再添加附件。`);
      return named;
    }
  }
  const [latest] = actor.person ? await notesOfReporter(deps.prisma, actor.person.id, { take: 1, openOnly: true }) : [];
  const fits = latest && latest.date === today(deps) && (!inGroup || latest.chatId === m.chatId);
  if (fits) return latest;
  if (inGroup) return undefined;
  throw badInput(`请先发送「信息 报送 <正文>」报送信息，再发送图片或附件。${ATTACH_RULE}`);
}

/**
 * A picture or file sent after (or in reply to) one's own note: recorded on the note (its message and
 * key as received — the bytes stay with Lark and are never sent to a model). Undefined when, in a group,
 * it goes with no note of the sender's.
 */
export async function attachFile(deps: FeatureDeps, seam: BriefSeam, actor: Actor, m: IncomingMedia): Promise<NoteRow | undefined> {
  if (m.chatType === 'group' && !actor.person) return undefined;
  authorize(actor, 'briefs.report');
  const note = await targetOf(deps, actor, m);
  if (!note) return undefined;
  const list = readJson<NoteAttachment[]>(note.attachments, []);
  if (list.some((a) => a.messageId === m.messageId)) return note;
  if (list.length >= MAX_ATTACHMENTS) throw badInput(`信息${note.number}已有${MAX_ATTACHMENTS}个附件，不能再添加。`);
  const entry: NoteAttachment = { kind: m.kind, key: m.key, name: storableText(m.name).slice(0, 200), messageId: m.messageId };
  const now = deps.clock.now();
  const result = await deps.prisma.$transaction(async (tx) => {
    const attachments = JSON.stringify([...list, entry]);
    if (!(await updateNoteIf(tx, note, { attachments }))) throw badInput(`信息${note.number}刚刚有变化（可能已被采用），请重新发送附件。`);
    const after = { ...note, attachments, version: note.version + 1 };
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: actor.openId,
      at: now,
      kind: 'attach',
      action: 'attach',
      text: entry.name,
    });
    await seam.notifyNoteChanged({ kind: 'attached', before: note, after, actor: actor.openId, at: now }, tx);
    return after;
  });
  deps.outbox.kick();
  return result;
}

/** How an attachment is named in lists: 图片 for pictures sent as pictures (they carry no name). */
export const attachmentLabel = (a: Pick<NoteAttachment, 'kind' | 'name'>): string => a.name || (a.kind === 'image' ? '图片' : '文件');
