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
import { configuredLeaders, dutyLeaders, officeDirectors, type Recipient } from '../repositories/recipients.js';
import { noLeaderText } from '../presenters/clock-texts.js';
import { briefSettings } from '../../settings.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import { repliesOf } from '../repositories/thread.js';
import { urgentPresenter } from './facts.js';
import { setRungs } from './move-clock.js';

const object = (note: Pick<NoteRow, 'id'>) => ({ objectType: NOTE_TYPE, objectId: note.id });
export const alertKey = (noteId: string, view: string) => `briefs.urgent:${noteId}:${view}`;

export function requireTimers(deps: FeatureDeps): NonNullable<FeatureDeps['timers']> {
  if (!deps.timers) throw new Error('急情要事 needs the durable timers (deps.timers)');
  return deps.timers;
}

export interface UrgentAudience {
  editors: Recipient[];
  leaders: Recipient[];
  /** Where the leaders came from: the day's 值班表, the configured list, or nowhere (none reached). */
  leadersFrom: 'roster' | 'configured' | 'none';
}

/** Who gets an urgent matter: the editors, and the day's duty leaders (else the configured leaders, else the office director). */
export async function urgentAudience(deps: FeatureDeps, tx: Tx, at: Date): Promise<UrgentAudience> {
  const eds = (await editors(tx)).flatMap((e) => (e.openId ? [{ id: e.id, name: e.name, openId: e.openId }] : []));
  const duty = await dutyLeaders(tx, beijingDate(at));
  const chosen = duty.length ? duty : await configuredLeaders(tx, briefSettings(deps).urgentLeaders);
  // No leader named anywhere: the office director(s) still read the matter at once (as the README says), and
  // are told plainly, with the editors, that no leader was reached (tellNoLeaderReached).
  const readers = chosen.length ? chosen : await officeDirectors(tx);
  const leaders = readers.filter((l) => !eds.some((e) => e.openId === l.openId));
  return { editors: eds, leaders, leadersFrom: duty.length ? 'roster' : chosen.length ? 'configured' : 'none' };
}

/**
 * No duty roster for the day and no configured leader: nobody above the office got the matter. The editors
 * and the office director(s) are told so in plain words, once each, so someone telephones a leader.
 */
async function tellNoLeaderReached(tx: Tx, note: NoteRow, audience: UrgentAudience): Promise<void> {
  const directors = await officeDirectors(tx);
  const to = new Map<string, Recipient>();
  for (const r of [...audience.editors, ...directors]) to.set(r.openId, r);
  const text = noLeaderText({ number: note.number, body: note.body });
  for (const r of to.values())
    await enqueue(tx, {
      to: { openId: r.openId },
      content: { type: 'text', text },
      key: `briefs.urgent:${note.id}:no-leader:${r.openId}`,
      origin: 'briefs.urgent',
    });
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
  const audience = await urgentAudience(deps, tx, o.at);
  if (audience.leadersFrom === 'none') await tellNoLeaderReached(tx, after, audience);
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
    text: `急情要事送信息科${audience.editors.length}人、${audience.leadersFrom === 'none' ? '未送达任何领导（无值班表、未配置领导），已告知信息科和办公室主任' : `${audience.leadersFrom === 'roster' ? '值班' : '配置的'}领导${audience.leaders.length}人`}${missing.length ? `；缺${missing.join('、')}，已请报送单位补报` : ''}`,
    data: {
      editors: audience.editors.map((e) => e.openId),
      leaders: audience.leaders.map((l) => l.openId),
      leadersFrom: audience.leadersFrom,
      missing,
      eventAt: eventAt?.toISOString() ?? null,
    },
  });
  return after;
}

/**
 * After a 续报, a reply or an edit: the thread's six elements read again over the first report, its 续报
 * and the replies to its cards (in order), stored on the first report, and every card of the matter brought up to date.
 */
export async function recheckThread(tx: Tx, rootId: string): Promise<NoteRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const root = await findNote(tx, rootId);
    if (!root) throw new Error('urgent first report is gone');
    const texts = [
      root.body,
      ...(await followUpsOf(tx, root.id)).filter((n) => n.state !== 'withdrawn').map((n) => n.body),
      ...(await repliesOf(tx, root.id)).map((r) => r.text),
    ];
    const elements = JSON.stringify(checkThread(texts));
    const after = elements === root.elements ? root : (await updateNoteIf(tx, root, { elements })) ? { ...root, elements, version: root.version + 1 } : null;
    if (!after) continue;
    await refreshCards(tx, object(after), await urgentPresenter(tx, after));
    return after;
  }
  throw new Error('urgent note kept changing while its thread was checked');
}
