import { describe, expect, it } from 'vitest';
import { presentImplementation, type ImplementationInput } from './implementation.js';

const base: ImplementationInput = {
  meeting: { number: '县政府第3次常务会议', status: 'issued', minutesNumber: '〔2026〕5号' },
  agenda: [
    { id: 't1', title: '关于城区供水管网改造的议题', outcome: 'passed' },
    { id: 't2', title: '**县级**财政预算调整方案', outcome: 'passed_in_principle' },
  ],
  rows: [
    {
      decision: { topicId: 't1', position: 1, content: '年底前完成主管网改造', deadline: '2026-12-31', supervisionNumber: '督〔2026〕1号' },
      item: { number: '督〔2026〕1号', statusLabel: '办理中', closed: false },
    },
    { decision: { topicId: 't1', position: 2, content: '做好群众解释工作', deadline: '', supervisionNumber: '' } },
    {
      decision: { topicId: 't2', position: 1, content: '做好资金保障', deadline: '2026-12-20', supervisionNumber: '督〔2026〕2号' },
      item: { number: '督〔2026〕2号', statusLabel: '已办结', closed: true },
    },
  ],
  all: false,
};

describe('落实情况 card', () => {
  it('per topic its outcome and per decision its item and state', () => expect(presentImplementation(base)).toMatchSnapshot());
  it('全部落实 once every item is 销号', () => {
    const card = JSON.stringify(presentImplementation({ ...base, meeting: { ...base.meeting, status: 'implemented' }, all: true }));
    expect(card).toContain('议定事项已全部落实');
    expect(card).toContain('全部落实');
    expect(card).toContain('"template":"green"');
  });
});
