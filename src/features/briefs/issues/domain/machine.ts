import { defineMachine } from '../../../../platform/workflow/index.js';
import { ISSUE_STATE_LABEL, type IssueState } from '../../domain/states.js';

export type IssueAction = 'submit' | 'return' | 'sign' | 'publish';

/** An issue of the 简报: 编辑中 → 待签发 (the chain) → 已签发 → 已发布; 退回 goes back to the editor. */
export const ISSUE_MACHINE = defineMachine<IssueState, IssueAction>({
  name: 'info_issue',
  states: {
    compiling: { label: ISSUE_STATE_LABEL.compiling },
    signing: { label: ISSUE_STATE_LABEL.signing },
    returned: { label: ISSUE_STATE_LABEL.returned },
    signed: { label: ISSUE_STATE_LABEL.signed },
    published: { label: ISSUE_STATE_LABEL.published, final: true },
    withdrawn: { label: ISSUE_STATE_LABEL.withdrawn, final: true },
  },
  actions: {
    submit: { label: '确认编期', from: ['compiling', 'returned'], to: 'signing' },
    return: { label: '退回', from: ['signing'], to: 'returned' },
    sign: { label: '签发', from: ['signing'], to: 'signed' },
    publish: { label: '印发', from: ['signed'], to: 'published' },
  },
});
