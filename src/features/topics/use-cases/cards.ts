import type { Tx } from '../../../db/handles.js';
import { ensureCardInChat, postCard, refreshCards } from '../../../platform/cards/index.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { chatsForPurpose, readDirectory } from '../../org/index.js';
import { routeOf } from '../domain/route.js';
import { TOPIC_TYPE } from '../object-type.js';
import { presentTopicCard, type TopicCardView } from '../presenters/topic-card.js';
import { findMeetingType } from '../repositories/meeting-types.js';
import type { Db } from '../repositories/db.js';
import type { TopicRow } from '../repositories/topics.js';
import { topicView, type TopicView } from '../view.js';

/**
 * The cards of a topic, all tracked (platform/cards) so each is refreshed in place at every step: the
 * submitter's, the 分管领导's, each legal reviewer's, the presiding leader's (临时议题) and one per 议题审核群.
 */
const topicObject = (id: string) => ({ objectType: TOPIC_TYPE, objectId: id });
const origin = (t: { number: string }) => `topics:${t.number}`;

const VIEWS: readonly TopicCardView[] = ['submitter', 'leader', 'legal', 'consent', 'group', 'detail'];
export const asCardView = (view: string): TopicCardView => ((VIEWS as readonly string[]).includes(view) ? (view as TopicCardView) : 'detail');

export async function loadTopicView(db: Db, t: TopicRow): Promise<TopicView> {
  const [type, dir] = await Promise.all([findMeetingType(db, t.meetingTypeId), readDirectory(db)]);
  return topicView(t, type, dir);
}

/**
 * A card for `view` of the topic as it now is. A holder's view carries the revision it was posted for
 * (`leader@2`): once the topic is resubmitted, the earlier round's card keeps its facts but loses its buttons.
 */
export function presentView(view: string, v: TopicView, t: TopicRow) {
  const [base = '', round] = view.split('@');
  const past = round !== undefined && Number(round) !== t.revision;
  return presentTopicCard(v, past ? 'detail' : asCardView(base), routeOf(t));
}

/** Every card of the topic brought up to date (except the one a click answers directly). */
export async function refreshTopicCards(tx: Tx, t: TopicRow, skipMessageId?: string): Promise<TopicView> {
  const v = await loadTopicView(tx, t);
  await refreshCards(tx, topicObject(t.id), (view) => presentView(view, v, t), skipMessageId ? { skipMessageId } : {});
  return v;
}

/** At 申报: the submitter's card and one card in each 议题审核群 (refreshed after, never re-posted). */
export async function postSubmitCards(tx: Tx, v: TopicView, t: TopicRow): Promise<void> {
  await postCard(tx, {
    object: topicObject(t.id),
    view: 'submitter',
    to: { openId: t.submitterOpenId },
    card: presentView('submitter', v, t),
    key: `tp-submitter:${t.id}`,
    origin: origin(t),
  });
  for (const chatId of await chatsForPurpose(tx, 'topics')) {
    await ensureCardInChat(tx, {
      object: topicObject(t.id),
      view: 'group',
      to: { chatId },
      card: presentView('group', v, t),
      key: `tp-group:${t.id}:${chatId}`,
      origin: origin(t),
    });
  }
}

/** The step's holder(s) receive their card: the 分管领导, the legal reviewers, or the presiding leader. One per round. */
export async function postHolderCards(tx: Tx, v: TopicView, t: TopicRow): Promise<void> {
  const dir = await readDirectory(tx);
  const openIdOf = (id: string) => dir.people.find((p) => p.id === id)?.openId ?? undefined;
  const round = `${t.revision}:${t.version}`;
  const post = async (view: TopicCardView, openId: string) =>
    postCard(tx, {
      object: topicObject(t.id),
      view: `${view}@${t.revision}`,
      to: { openId },
      card: presentView(`${view}@${t.revision}`, v, t),
      key: `tp-${view}:${t.id}:${openId}:${round}`,
      origin: origin(t),
    });
  if (t.status === 'leader_review') {
    const openId = openIdOf(t.leaderId);
    if (openId) await post('leader', openId);
  } else if (t.status === 'legal_review') {
    for (const p of dir.people.filter((x) => x.roles.includes('legal_reviewer') && x.openId)) await post('legal', p.openId!);
  } else if (t.status === 'awaiting_consent') {
    const openId = openIdOf(v.presidingId);
    if (openId) await post('consent', openId);
  }
}

/** A line to the submitter (returned, deferred, rejected, ready): their card shows the rest. */
export async function tellSubmitter(tx: Tx, t: TopicRow, text: string, key: string): Promise<void> {
  await enqueue(tx, { to: { openId: t.submitterOpenId }, content: { type: 'text', text }, key: `tp-tell:${t.id}:${key}`, origin: origin(t) });
}
