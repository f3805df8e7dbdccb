import type { Tx } from '../../../../db/handles.js';
import { postCard } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import type { FeatureDeps } from '../../../deps.js';
import { NOTE_TYPE } from '../../object-type.js';
import { updateNoteIf } from '../../repositories/notes.js';
import type { NoteChange } from '../../subcommands.js';
import { suspectUrgent } from '../domain/elements.js';
import { presentSuspicion } from '../presenters/reporter-cards.js';
import { alertKey, dispatchUrgent, recheckThread } from './dispatch.js';
import { urgentKeywords } from './facts.js';
import { moveClock } from './move-clock.js';

/**
 * What a note change means for 急情要事 (inside the writing transaction: cards and timers are queued, never
 * sent). A first report flagged urgent is sent at once; one the keyword rules suspect gets the reporter's
 * one-click question; an urgent one edited has its clock moved when the event time changed, and edited or withdrawn has its cards brought up to date, as has the first
 * report of a 续报.
 */
export async function onUrgentNoteChange(deps: FeatureDeps, change: NoteChange, tx: Tx): Promise<void> {
  const note = change.after;
  // A 续报 (reported, corrected or withdrawn) changes what its thread carries: the first report's cards follow.
  if (note.parentNoteId) {
    if (['reported', 'edited', 'withdrawn', 'attached'].includes(change.kind)) await recheckThread(tx, note.parentNoteId);
    return;
  }
  if (change.kind === 'reported') {
    if (note.urgent) {
      await dispatchUrgent(deps, tx, note, { at: change.at, actor: change.actor, confirmed: false });
      return;
    }
    if (note.internal || note.secret) return;
    const keywords = suspectUrgent(note.body, await urgentKeywords(tx));
    if (!keywords.length || !(await updateNoteIf(tx, note, { urgentSuspected: true }))) return;
    const view = `suspect:${note.reporterOpenId}`;
    await postCard(tx, {
      object: { objectType: NOTE_TYPE, objectId: note.id },
      view,
      to: { openId: note.reporterOpenId },
      card: presentSuspicion({ noteId: note.id, number: note.number, body: note.body, keywords }),
      key: alertKey(note.id, view),
      origin: 'briefs.urgent',
    });
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: 'system:briefs.urgent',
      at: change.at,
      kind: 'urgent_suspected',
      text: `含「${keywords.join('、')}」，请报送人确认是否属于急情要事`,
      data: { keywords },
    });
    return;
  }
  if (change.kind === 'attached' && note.urgent && note.urgentSentAt) await recheckThread(tx, note.id);
  if ((change.kind === 'edited' || change.kind === 'withdrawn') && note.urgent && note.urgentSentAt) {
    if (change.kind === 'edited' && !(await moveClock(deps, tx, note, { at: change.at, actor: change.actor })))
      throw new Error('urgent note changed while its clock was moved');
    await recheckThread(tx, note.id);
  }
}
