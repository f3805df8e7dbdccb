import { badInput } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { storableText } from '../../../../platform/text.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { NOTE_TYPE } from '../../object-type.js';
import { dayOf, updateDayIf } from '../../repositories/days.js';
import { findNote, notesOfDay, updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import { briefSettings } from '../../settings.js';
import type { BriefSeam } from '../../subcommands.js';
import { checkBody, matchSensitive, type NoteInput } from '../domain/input.js';
import { sensitiveWords } from './shared.js';

/** Why a note can no longer be changed by its reporter, in words; undefined while it is open. */
export function closedReason(note: Pick<NoteRow, 'state' | 'number'>): string | undefined {
  if (note.state === 'used') return `信息${note.number}已被信息科采用，不能再修改或撤回；如需更正，请联系信息编辑。`;
  if (note.state === 'withdrawn') return `信息${note.number}已撤回。`;
  return undefined;
}

/**
 * 信息 修改: the reporter replaces the text of a note not yet used. Marks given again are added (内部/涉密
 * are never dropped by an edit); the sensitive words are matched again; a returned note is reported again.
 */
export async function editNote(deps: FeatureDeps, seam: BriefSeam, actor: Actor, note: NoteRow, input: NoteInput): Promise<NoteRow> {
  authorize(actor, 'briefs.amend', { reporterId: note.reporterId, unitId: note.unitId });
  const closed = closedReason(note);
  if (closed) throw badInput(closed);
  const body = storableText(input.body.trim());
  checkBody(body, briefSettings(deps).maxNoteChars);
  const hits = matchSensitive(body, await sensitiveWords(deps));
  const now = deps.clock.now();
  const after = await deps.prisma.$transaction(async (tx) => {
    const data = {
      body,
      declaredKind: input.declaredKind || note.declaredKind,
      internal: note.internal || input.internal,
      secret: note.secret || input.secret,
      urgent: note.urgent || input.urgent,
      sensitive: hits.length > 0,
      sensitiveWords: JSON.stringify(hits),
      state: 'reported',
      returnQuestion: '',
      editedAt: now,
    };
    if (!(await updateNoteIf(tx, note, data))) throw badInput(`信息${note.number}刚刚有变化（可能已被采用），请重新查看后再修改。`);
    const updated = (await findNote(tx, note.id))!;
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: actor.openId,
      at: now,
      kind: 'edit',
      text: body.slice(0, 60),
      action: 'edit',
      before: { status: note.state, body: note.body.slice(0, 200) },
      after: { status: 'reported', body: body.slice(0, 200) },
    });
    await seam.notifyNoteChanged({ kind: 'edited', before: note, after: updated, actor: actor.openId, at: now }, tx);
    return updated;
  });
  deps.outbox.kick();
  return after;
}

/**
 * 信息 撤回: the reporter withdraws a note not yet used. When it was the unit's only note of that working
 * day, the day goes back to 未报送 (before the close) — a withdrawn note does not count as reported.
 */
export async function withdrawNote(deps: FeatureDeps, seam: BriefSeam, actor: Actor, note: NoteRow): Promise<{ note: NoteRow; dayReopened: boolean }> {
  authorize(actor, 'briefs.amend', { reporterId: note.reporterId, unitId: note.unitId });
  const closed = closedReason(note);
  if (closed) throw badInput(closed);
  const now = deps.clock.now();
  const result = await deps.prisma.$transaction(async (tx) => {
    if (!(await updateNoteIf(tx, note, { state: 'withdrawn', withdrawnAt: now }))) throw badInput(`信息${note.number}刚刚有变化（可能已被采用），请重新查看。`);
    const updated = (await findNote(tx, note.id))!;
    let dayReopened = false;
    const day = await dayOf(tx, note.unitId, note.date);
    if (day?.status === 'reported') {
      const left = (await notesOfDay(tx, note.date)).filter((n) => n.unitId === note.unitId);
      if (left.length === 0) {
        dayReopened = await updateDayIf(tx, day, { status: 'unreported', reportedAt: null, reporterId: '', late: false });
      }
    }
    await recordEvent(tx, {
      type: NOTE_TYPE,
      objectId: note.id,
      auditId: note.number,
      actor: actor.openId,
      at: now,
      kind: 'withdraw',
      action: 'withdraw',
      before: { status: note.state },
      after: { status: 'withdrawn' },
    });
    await seam.notifyNoteChanged({ kind: 'withdrawn', before: note, after: updated, actor: actor.openId, at: now }, tx);
    return { note: updated, dayReopened };
  });
  deps.outbox.kick();
  return result;
}
