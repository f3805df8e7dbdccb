import { BotError, badInput, forbidden, notFound } from '../../../../errors.js';
import type { Card } from '../../../../cards/types.js';
import { refreshCards } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { NOTE_TYPE } from '../../object-type.js';
import { findNote, updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import { clockText } from '../presenters/text.js';
import { dispatchUrgent, requireTimers } from './dispatch.js';
import { urgentPresenter } from './facts.js';
import { cancelRungs } from './move-clock.js';

export interface Answered {
  toast: { type: 'success' | 'info' | 'warning'; content: string };
  card?: Card;
}

const object = (note: Pick<NoteRow, 'id'>) => ({ objectType: NOTE_TYPE, objectId: note.id });

/**
 * 已报送领导 (the button on an editor's card, or `信息 已呈送 <编号>`): an editor marks the urgent matter as
 * sent to the leaders, which stops its clock. Checked against the clicker's roles (信息编辑), never the card;
 * a compare-and-set on the first report, so two editors' clicks record one sending. The cards of the
 * matter are brought up to date; the clicked one is answered directly.
 */
export async function markSentToLeaders(deps: FeatureDeps, actor: Actor, noteId: string, answeredMessageId?: string): Promise<Answered> {
  authorize(actor, 'briefs.edit');
  const at = deps.clock.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await findNote(deps.prisma, noteId);
    const note = found?.parentNoteId ? await findNote(deps.prisma, found.parentNoteId) : found;
    if (!note || !note.urgent) throw notFound('未找到该急情要事。');
    if (note.sentToLeadersAt) {
      const card = await (await urgentPresenter(deps.prisma, note))(`editor:${actor.openId}`);
      return { toast: { type: 'info', content: `${note.number}已于${clockText(note.sentToLeadersAt)}标记为已报送领导。` }, card };
    }
    if (note.state === 'withdrawn') throw badInput(`${note.number}已被报送人撤回。`);
    const card = await deps.prisma.$transaction(async (tx) => {
      const data = { sentToLeadersAt: at, sentToLeadersBy: actor.openId };
      if (!(await updateNoteIf(tx, note, data))) return null;
      const after = { ...note, ...data, version: note.version + 1 };
      await recordEvent(tx, {
        type: NOTE_TYPE,
        objectId: note.id,
        auditId: note.number,
        actor: actor.openId,
        at,
        kind: 'sent_to_leaders',
        text: '已报送领导，3小时时限提醒停止',
        after: { sentToLeadersAt: at.toISOString() },
      });
      await cancelRungs(requireTimers(deps), tx, note, at);
      const present = await urgentPresenter(tx, after);
      await refreshCards(tx, object(after), present, answeredMessageId ? { skipMessageId: answeredMessageId } : {});
      return present(`editor:${actor.openId}`);
    });
    if (!card) continue;
    deps.outbox.kick();
    return { toast: { type: 'success', content: `已记录：${note.number}已报送领导。` }, card };
  }
  throw new BotError('conflict', '该急情要事刚刚有变化，请重新点击。');
}

/**
 * The reporter's answer to the keyword rules' question: 确认为急情要事 sends it at once (as if reported
 * urgent); 不是急情要事 leaves it an ordinary note. Only the note's reporter may answer.
 */
export async function answerSuspicion(deps: FeatureDeps, actor: Actor, noteId: string, confirmed: boolean, answeredMessageId?: string): Promise<Answered> {
  const note = await findNote(deps.prisma, noteId);
  if (!note) throw notFound('未找到该信息。');
  if (actor.person?.id !== note.reporterId) throw forbidden('只有该信息的报送人可以确认是否属于急情要事。');
  const at = deps.clock.now();
  if (!note.urgentSuspected || note.urgent || note.state === 'withdrawn') {
    const card = await (await urgentPresenter(deps.prisma, note))(`suspect:${actor.openId}`);
    return { toast: { type: 'info', content: '该信息已处理。' }, card };
  }
  const card = await deps.prisma.$transaction(async (tx) => {
    let after: NoteRow | null;
    if (confirmed) {
      after = await dispatchUrgent(deps, tx, note, { at, actor: actor.openId, confirmed: true });
      if (after)
        await recordEvent(tx, {
          type: NOTE_TYPE,
          objectId: note.id,
          auditId: note.number,
          actor: actor.openId,
          at,
          kind: 'urgent_confirm',
          text: '报送人确认为急情要事',
        });
    } else {
      after = (await updateNoteIf(tx, note, { urgentSuspected: false })) ? { ...note, urgentSuspected: false, version: note.version + 1 } : null;
    }
    if (!after) return null;
    const present = await urgentPresenter(tx, after);
    await refreshCards(tx, object(after), present, answeredMessageId ? { skipMessageId: answeredMessageId } : {});
    return present(`suspect:${actor.openId}`);
  });
  deps.outbox.kick();
  if (!card) throw new BotError('conflict', '该信息刚刚有变化，请重新点击。');
  return { toast: { type: confirmed ? 'success' : 'info', content: confirmed ? '已按急情要事立即报送。' : '已按一般信息处理。' }, card };
}
