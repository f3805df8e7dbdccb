import { badInput, forbidden } from '../../../../errors.js';
import { refOfMessage } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import { storableText } from '../../../../platform/text.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Actor } from '../../../org/index.js';
import { readJson, type ElementStatus } from '../../domain/json.js';
import type { SixElement } from '../../domain/kinds.js';
import { NOTE_TYPE } from '../../object-type.js';
import { isEditor, isInfoLiaison } from '../../policy.js';
import { findNote, noteOfMessage, type NoteRow } from '../../repositories/notes.js';
import { briefSettings } from '../../settings.js';
import { missingElements } from '../domain/elements.js';
import { URGENT_REPLY } from '../repositories/thread.js';
import { recheckThread } from './dispatch.js';

/**
 * The urgent matter a reply is about: the message replied to is one of its cards (the reporter's question,
 * an alert) or the note's own message. Undefined when it is none of these (the reply is not this part's).
 */
export async function matterOfReply(deps: Pick<FeatureDeps, 'prisma'>, parentId: string): Promise<NoteRow | undefined> {
  const ref = await refOfMessage(deps.prisma, parentId);
  const note = ref ? (ref.objectType === NOTE_TYPE ? await findNote(deps.prisma, ref.objectId) : null) : await noteOfMessage(deps.prisma, parentId);
  const root = note?.parentNoteId ? await findNote(deps.prisma, note.parentNoteId) : note;
  return root && root.urgent && root.urgentSentAt ? root : undefined;
}

/** Who may add to a matter by replying: its reporter, a 信息联络员 of its unit, or an editor. */
export function mayAddTo(actor: Actor, root: NoteRow): boolean {
  const person = actor.person;
  if (!person) return false;
  return person.id === root.reporterId || (person.unitId === root.unitId && isInfoLiaison(actor)) || isEditor(actor);
}

/**
 * A reply to an urgent matter's card adds its text to the matter: kept on the first report's timeline,
 * the six elements read again over the whole thread, every card of the matter updated in place. Returns
 * what is still missing, for the answer to whoever replied.
 */
export async function addByReply(
  deps: FeatureDeps,
  actor: Actor,
  root: NoteRow,
  text: string,
  messageId: string,
): Promise<{ root: NoteRow; missing: SixElement[] }> {
  if (!mayAddTo(actor, root)) throw forbidden(`只有报送人、本单位信息联络员或信息编辑可以补充急情要事${root.number}。`);
  if (root.state === 'withdrawn') throw badInput(`急情要事${root.number}已撤回，不能补充。`);
  const body = storableText(text.trim());
  if (!body) throw badInput('请在回复中写明补充的内容，如「经核实，无人员伤亡，起火原因系电线老化。」');
  const max = briefSettings(deps).maxNoteChars;
  if ([...body].length > max) throw badInput(`补充内容共${[...body].length}字，超过${max}字的上限。`);
  const at = deps.clock.now();
  const after = await deps.prisma.$transaction(async (tx) => {
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: root.id,
      auditId: root.number,
      actor: actor.openId,
      at,
      kind: URGENT_REPLY,
      text: body.slice(0, 60),
      data: { text: body, byName: actor.person?.name ?? '', messageId },
    });
    return recheckThread(tx, root.id);
  });
  deps.outbox.kick();
  return { root: after, missing: missingElements(readJson<ElementStatus>(after.elements, {})) };
}

/** The answer to the reply. */
export function addedText(number: string, missing: readonly SixElement[]): string {
  return missing.length
    ? `已补充到急情要事${number}。仍缺少：${missing.join('、')}。请核实后继续回复该卡片补充。`
    : `已补充到急情要事${number}，六要素（时间、地点、事件类型、影响范围、初步原因、已采取措施）已齐全。`;
}
