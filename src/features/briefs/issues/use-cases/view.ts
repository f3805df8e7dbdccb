import { ISSUE_STATE_LABEL, type IssueState } from '../../domain/states.js';
import { issueStepsOf, type IssueRow, type IssueStepRow } from '../../repositories/issues.js';
import { itemsOfIssue } from '../../repositories/items.js';
import type { Db } from '../../repositories/db.js';
import type { IssueView, StepView } from '../presenters/issue-cards.js';

const STEP_LABEL: Record<string, string> = { waiting: '待审', current: '待处理', approved: '已通过', returned: '已退回', voided: '已作废', skipped: '无需' };

/** The issue as its cards show it; `steps` (all rounds, position order) read when not given. */
export async function issueView(db: Db, issue: IssueRow, steps?: readonly IssueStepRow[]): Promise<IssueView> {
  const items = await itemsOfIssue(db, issue.id);
  const all = steps ?? (await issueStepsOf(db, issue.id));
  return {
    id: issue.id,
    heading: `《${issue.title}》${issue.number}`,
    stateLabel: ISSUE_STATE_LABEL[issue.state as IssueState] ?? issue.state,
    items: items.map((i) => ({ id: i.id, kind: i.kind, title: i.title })),
    editable: issue.state === 'compiling' || issue.state === 'returned',
    chain: all.filter((s) => s.status !== 'voided').map((s) => stepView(s, issue)),
  };
}

/** A step as shown; `current` only while the issue is 待签发 at its position. */
export const stepView = (s: IssueStepRow, issue: Pick<IssueRow, 'state' | 'currentPosition'>): StepView => ({
  id: s.id,
  version: s.version,
  label: s.label,
  personName: s.personName,
  statusLabel: STEP_LABEL[s.status] ?? s.status,
  comment: s.comment,
  current: s.status === 'current' && issue.state === 'signing' && issue.currentPosition === s.position,
});
