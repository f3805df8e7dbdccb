import { describe, expect, it } from 'vitest';
import { presentIssuePreview, presentStepCard, type IssueView, type StepView } from './issue-cards.js';

const view: IssueView = {
  id: 'iss1',
  heading: '《政务信息》第12期',
  stateLabel: '编辑中',
  items: [
    { id: 'it1', kind: '工作动态', title: '城关镇推进老旧小区改造' },
    { id: 'it2', kind: '典型经验', title: '河东乡<at id=all></at>工作法' },
  ],
  editable: true,
  chain: [],
};

const chief: StepView = { id: 'st1', version: 0, label: '信息科科长审核', personName: '张三', statusLabel: '待处理', comment: '', current: true };
const director: StepView = { id: 'st2', version: 0, label: '办公室主任审核', personName: '李四', statusLabel: '待审', comment: '', current: false };
const leader: StepView = { id: 'st3', version: 0, label: '领导签发', personName: '王五', statusLabel: '待审', comment: '', current: false };

describe('issue cards', () => {
  it('preview: items with 移出 and 确认编期', () => {
    expect(presentIssuePreview(view)).toMatchSnapshot();
  });
  it('preview once sent: no buttons, the chain with its holder', () => {
    const card = presentIssuePreview({ ...view, editable: false, stateLabel: '待签发', chain: [chief, director, leader] });
    expect(card).toMatchSnapshot();
    expect(JSON.stringify(card)).toContain('办理中');
    expect(JSON.stringify(card)).not.toContain('确认编期');
  });
  it('preview after 退回: the opinion shown, 确认编期 offered again', () => {
    const returned = { ...director, statusLabel: '已退回', comment: '第二条<font>请核实</font>' };
    const card = presentIssuePreview({ ...view, stateLabel: '已退回', chain: [{ ...chief, statusLabel: '已通过', current: false }, returned, leader] });
    expect(card).toMatchSnapshot();
    expect(JSON.stringify(card)).toContain('确认编期');
    expect(JSON.stringify(card)).not.toContain('<font>');
  });
  it("a signer's open card, then the decided one without buttons", () => {
    const sent = { ...view, editable: false, stateLabel: '待签发', chain: [chief, director, leader] };
    const open = presentStepCard(sent, chief);
    expect(open).toMatchSnapshot();
    expect(JSON.stringify(open)).toContain('briefs.issue.approve');
    const passed = { ...chief, statusLabel: '已通过', current: false };
    const after = presentStepCard({ ...sent, chain: [passed, { ...director, statusLabel: '待处理', current: true }, leader] }, passed);
    expect(after).toMatchSnapshot();
    expect(JSON.stringify(after)).not.toContain('briefs.issue.approve');
  });
});
