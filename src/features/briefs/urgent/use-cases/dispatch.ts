import type { Tx } from '../../../../db/handles.js';
import { postCard, refreshCards } from '../../../../platform/cards/index.js';
import { recordEvent } from '../../../../platform/events.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { URGENT_KIND } from '../../domain/kinds.js';
import { NOTE_TYPE } from '../../object-type.js';
import { editors } from '../../repositories/liaisons.js';
import { findNote, followUpsOf, updateNoteIf, type NoteRow } from '../../repositories/notes.js';
import { timerKey, URGENT_BUZZ } from '../domain/clock.js';
import { checkThread, missingElements } from '../domain/elements.js';
import { parseEventTime } from '../domain/event-time.js';
import { configuredLeaders, dutyLeaders, type Recipient } from '../repositories/recipients.js';
import { urgentPresenter } from './facts.js';
import { setRungs } from './move-clock.js';

const object = (note: Pick<NoteRow, 'id'>) => ({ objectType: NOTE_TYPE, objectId: note.id });
export const alertKey = (noteId: string, view: string) => `briefs.urgent:${noteId}:${view}`;

export function requireTimers(deps: FeatureDeps): NonNullable<FeatureDeps['timers']> {
  if (!deps.timers) throw new Error('急情要事 needs the durable timers (deps.timers)');
  return deps.timers;
}

/** Who gets an urgent matter: the editors, and the day's duty leaders (else the configured leaders). */
export async function urgentAudience(tx: Tx, at: Date): Promise<{ editors: Recipient[]; leaders: Recipient[] }> {
  const eds = (await editors(tx)).flatMap((e) => (e.openId ? [{ id: e.id, name: e.name, openId: e.openId }] : []));
  const duty = await dutyLeaders(tx, beijingDate(at));
  const leaders = (duty.length ? duty : await configuredLeaders(tx)).filter((l) => !eds.some((e) => e.openId === l.openId));
  return { editors: eds, leaders };
}

/**
 * Sends an urgent first report at once, in the transaction that made it urgent (reported so, or confirmed
 * by its reporter): reads the event time and the six elements, posts the alert to each editor (with
 * 已报送领导) and each duty leader, tells the reporter what is missing, and starts the clock (2 h reminder,
 * 3 h escalation, the buzz due now). A compare-and-set on the note's version: false when it had moved.
 */
export async function dispatchUrgent(deps: FeatureDeps, tx: Tx, note: NoteRow, o: { at: Date; actor: string; confirmed: boolean }): Promise<NoteRow | null> {
  if (note.urgentSentAt || note.parentNoteId || note.state === 'withdrawn') return null;
  const timers = requireTimers(deps);
  const eventAt = parseEventTime(note.body, note.reportedAt) ?? null;
  const elements = checkThread([note.body]);
  const missing = missingElements(elements);
  const data = {
    urgent: true,
    urgentSuspected: false,
    ...(o.confirmed ? { urgentConfirmedAt: o.at } : {}),
    eventAt,
    elements: JSON.stringify(elements),
    elementsAskedAt: missing.length ? o.at : null,
    urgentSentAt: o.at,
    declaredKind: note.declaredKind || URGENT_KIND,
  };
  if (!(await updateNoteIf(tx, note, data))) return null;
  const after: NoteRow = { ...note, ...data, urgentConfirmedAt: o.confirmed ? o.at : note.urgentConfirmedAt, version: note.version + 1 };
  const audience = await urgentAudience(tx, o.at);
  const present = await urgentPresenter(tx, after);
  const posts = [
    ...audience.editors.map((r) => ({ r, view: `editor:${r.openId}` })),
    ...audience.leaders.map((r) => ({ r, view: `leader:${r.openId}` })),
    { r: { openId: note.reporterOpenId }, view: `reporter:${note.reporterOpenId}` },
  ];
  for (const { r, view } of posts) {
    await postCard(tx, {
      object: object(note),
      view,
      to: { openId: r.openId },
      card: await present(view),
      key: alertKey(note.id, view),
      origin: 'briefs.urgent',
    });
  }
  await timers.setIn(tx, { objectType: NOTE_TYPE, objectId: note.id, key: timerKey(URGENT_BUZZ, note.id), kind: URGENT_BUZZ, dueAt: o.at }, o.at);
  await setRungs(timers, tx, after, o.at);
  await recordEvent(tx, {
    type: NOTE_TYPE,
    objectId: note.id,
    auditId: note.number,
    actor: o.actor,
    at: o.at,
    kind: 'urgent_send',
    text: `急情要事送信息科${audience.editors.length}人、值班领导${audience.leaders.length}人${missing.length ? `；缺${missing.join('、')}，已请报送单位补报` : ''}`,
    data: { editors: audience.editors.map((e) => e.openId), leaders: audience.leaders.map((l) => l.openId), missing, eventAt: eventAt?.toISOString() ?? null },
  });
  return after;
}

/**
 * After a 续报 or an edit: the thread's six elements read again over the first report and its 续报 (in
 * order), stored on the first report, and every card of the matter brought up to date.
 */
export async function recheckThread(tx: Tx, rootId: string): Promise<NoteRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const root = await findNote(tx, rootId);
    if (!root) throw new Error('urgent first report is gone');
    const texts = [root.body, ...(await followUpsOf(tx, root.id)).filter((n) => n.state !== 'withdrawn').map((n) => n.body)];
    const elements = JSON.stringify(checkThread(texts));
    const after = elements === root.elements ? root : (await updateNoteIf(tx, root, { elements })) ? { ...root, elements, version: root.version + 1 } : null;
    if (!after) continue;
    await refreshCards(tx, object(after), await urgentPresenter(tx, after));
    return after;
  }
  throw new Error('urgent note kept changing while its thread was checked');
}
