import type { Card } from '../../../../cards/types.js';
import type { Presenter } from '../../../../platform/cards/index.js';
import { readJson, type ElementStatus, type NoteAttachment } from '../../domain/json.js';
import { attachmentLabel } from '../../notes/use-cases/attach.js';
import type { Db } from '../../repositories/db.js';
import { followUpsOf, type NoteRow } from '../../repositories/notes.js';
import { urgentClock } from '../domain/clock.js';
import { DEFAULT_URGENT_KEYWORDS, missingElements, suspectUrgent } from '../domain/elements.js';
import { presentAlert, type UrgentFacts } from '../presenters/alert-card.js';
import { presentReporterStatus, presentSuspicion, presentSuspicionAnswered } from '../presenters/reporter-cards.js';
import { loadWordList } from '../../repositories/word-lists.js';
import { unitName } from '../../repositories/liaisons.js';
import { personNameOf, repliesOf } from '../repositories/thread.js';

/** What the cards of an urgent matter show, read from its first report and its 续报. */
export async function urgentFacts(db: Db, root: NoteRow): Promise<UrgentFacts> {
  const followUps = (await followUpsOf(db, root.id)).filter((n) => n.state !== 'withdrawn');
  return {
    noteId: root.id,
    number: root.number,
    unitName: await unitName(db, root.unitId),
    reporterName: root.reporterName,
    reportedAt: root.reportedAt,
    body: root.body,
    elements: readJson<ElementStatus>(root.elements, {}),
    clock: urgentClock(root.eventAt, root.reportedAt),
    eventNamed: root.eventAt !== null,
    ...(root.sentToLeadersAt ? { sent: { at: root.sentToLeadersAt, byName: (await personNameOf(db, root.sentToLeadersBy)) || '信息科' } } : {}),
    followUps: followUps.map((n) => ({ number: n.number, reportedAt: n.reportedAt, body: n.body })),
    replies: await repliesOf(db, root.id),
    attachments: [root, ...followUps].flatMap((n) => readJson<NoteAttachment[]>(n.attachments, []).map((a) => attachmentLabel(a))),
    withdrawn: root.state === 'withdrawn',
  };
}

/**
 * The card of each view an urgent note's cards are in: `editor:<openId>` and `leader:<openId>` (the
 * alert), `reporter:<openId>` (what is still missing), `suspect:<openId>` (the one-click question).
 */
export async function urgentPresenter(db: Db, root: NoteRow): Promise<Presenter> {
  const facts = root.urgent ? await urgentFacts(db, root) : undefined;
  const keywords = await urgentKeywords(db);
  return (view: string): Card => {
    const kind = view.split(':')[0];
    if (kind === 'suspect') {
      if (root.urgentSuspected && !root.urgent)
        return presentSuspicion({ noteId: root.id, number: root.number, body: root.body, keywords: suspectUrgent(root.body, keywords) });
      return presentSuspicionAnswered({ number: root.number, confirmed: root.urgent });
    }
    if (!facts) throw new Error(`urgent card view ${kind} of a note that is not urgent`);
    if (kind === 'reporter') return presentReporterStatus({ number: root.number, missing: missingElements(facts.elements), followUps: facts.followUps.length });
    return presentAlert(facts, kind === 'editor' ? 'editor' : 'leader');
  };
}

/** The office's suspicion keywords (the `urgent` word list), else the defaults. */
export async function urgentKeywords(db: Db): Promise<readonly string[]> {
  return (await loadWordList(db, 'urgent')) ?? DEFAULT_URGENT_KEYWORDS;
}
