import { postCard, refreshCards } from '../../../../platform/cards/index.js';
import { ISSUE_TYPE } from '../../object-type.js';
import type { Db, Tx } from '../../repositories/db.js';
import { findIssue, issueStepsOf, type IssueRow, type IssueStepRow } from '../../repositories/issues.js';
import { presentIssuePreview, presentStepCard, type IssueView } from '../presenters/issue-cards.js';
import { issueView, stepView } from './view.js';

/**
 * The cards of an issue, all tracked (platform/cards) so each follows the chain in place: the editor's
 * preview (view `editor`, one per 信息 编期 command) and each signer's card (view `step:<step id>`, one
 * per step). Every change refreshes them all; a step's card has buttons only while that step holds it.
 */
const issueObject = (id: string) => ({ objectType: ISSUE_TYPE, objectId: id });
const origin = (issue: { number: string }) => `briefs:${issue.number}`;
const stepViewName = (s: Pick<IssueStepRow, 'id'>) => `step:${s.id}`;

/** The card for `view` of the issue as it now is. */
export function presentIssueCard(view: string, v: IssueView, steps: readonly IssueStepRow[], issue: IssueRow) {
  const [kind, stepId] = view.split(':');
  const step = kind === 'step' ? steps.find((s) => s.id === stepId) : undefined;
  return step ? presentStepCard(v, stepView(step, issue)) : presentIssuePreview(v);
}

export interface IssueCards {
  issue: IssueRow;
  steps: IssueStepRow[];
  view: IssueView;
  present(view: string): ReturnType<typeof presentIssueCard>;
}

export async function loadIssueCards(tx: Db, issueId: string): Promise<IssueCards> {
  const issue = (await findIssue(tx, issueId))!;
  const steps = await issueStepsOf(tx, issue.id);
  const view = await issueView(tx, issue, steps);
  return { issue, steps, view, present: (name) => presentIssueCard(name, view, steps, issue) };
}

/** Every card of the issue brought up to date (except the one a click answers directly). */
export async function refreshIssueCards(tx: Tx, issueId: string, skipMessageId?: string): Promise<IssueCards> {
  const cards = await loadIssueCards(tx, issueId);
  await refreshCards(tx, issueObject(issueId), cards.present, skipMessageId ? { skipMessageId } : {});
  return cards;
}

/** The editor's preview, as the answer to 信息 编期 (tracked from then on). */
export async function postEditorCard(tx: Tx, cards: IssueCards, answer: { messageId: string; chatId: string }): Promise<void> {
  await postCard(tx, {
    object: issueObject(cards.issue.id),
    view: 'editor',
    to: { replyTo: answer.messageId },
    chatId: answer.chatId,
    card: cards.present('editor'),
    key: `briefs-issue-editor:${cards.issue.id}:${answer.messageId}`,
    origin: origin(cards.issue),
  });
}

/** The card of a step that has just reached its holder. */
export async function postStepCard(tx: Tx, cards: IssueCards, step: IssueStepRow): Promise<void> {
  await postCard(tx, {
    object: issueObject(cards.issue.id),
    view: stepViewName(step),
    to: { openId: step.openId },
    card: cards.present(stepViewName(step)),
    key: `briefs-issue-step:${step.id}`,
    origin: origin(cards.issue),
  });
}

export const stepCardView = stepViewName;
