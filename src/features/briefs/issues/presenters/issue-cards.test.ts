import { describe, expect, it } from 'vitest';
import { presentIssuePreview, presentStepCard, type IssueView } from './issue-cards.js';

const view: IssueView = {
  id: 'iss1',
  heading: '《政务信息》第12期',
  stateLabel: '编辑中',
  items: [
    { id: 'it1', kind: '工作动态', title: '城关镇推进老旧小区改造' },
    { id: 'it2', kind: '典型经验', title: '河东乡<at id=all></at>工作法' },
  ],
  editable: true,
};

describe('issue cards', () => {
  it('preview: items with 移出 and 确认编期', () => {
    expect(presentIssuePreview(view)).toMatchSnapshot();
  });
  it('preview once sent: no buttons', () => {
    expect(presentIssuePreview({ ...view, editable: false, stateLabel: '待签发' }, '已送张三（信息科科长审核）。')).toMatchSnapshot();
  });
  it("a signer's open card, then the decided one", () => {
    const step = { id: 'st1', version: 0, label: '信息科科长审核', personName: '张三', statusLabel: '待处理', comment: '' };
    expect(presentStepCard({ ...view, editable: false }, step, true)).toMatchSnapshot();
    expect(presentStepCard({ ...view, editable: false }, { ...step, statusLabel: '已退回', comment: '第二条<font>请核实</font>' }, false)).toMatchSnapshot();
  });
});
