import { describe, expect, it } from 'vitest';
import { presentRecordCard } from './record-card.js';
import { presentDecisionForm, presentOutcomeForm } from './record-forms.js';

const topics = [
  {
    id: 't1',
    title: '关于老旧小区改造实施方案的议题',
    outcome: 'passed',
    outcomeNote: '',
    decisions: [{ position: 1, content: '抓紧推进<b>改造</b>', unitName: '县住建局', leaderName: '李副县长', deadline: '10月30日（周五）' }],
  },
  { id: 't2', title: '县级财政预算调整方案', outcome: '', outcomeNote: '', decisions: [] },
];

describe('会议记录 card and its forms', () => {
  it('open: per topic its outcome, decisions and the two buttons (echoed text neutralised)', () => {
    expect(
      presentRecordCard({ meeting: { id: 'm1', number: '县政府第1次常务会议', minutesDue: '10月10日（周六）' }, topics, open: true, notice: '已记录。' }),
    ).toMatchSnapshot();
  });
  it('closed once the 纪要 is under review: no buttons', () => {
    const c = JSON.stringify(presentRecordCard({ meeting: { id: 'm1', number: '县政府第1次常务会议', minutesDue: '10月10日（周六）' }, topics, open: false }));
    expect(c).not.toContain('"button"');
    expect(c).toContain('纪要已送审');
  });
  it('the forms keep what was typed and say why it was refused', () => {
    const f = { meetingId: 'm1', meetingNumber: '县政府第1次常务会议', topicId: 't1', topicTitle: '关于老旧小区改造实施方案的议题' };
    expect(presentOutcomeForm({ ...f, values: { outcome: '原则通过', note: '细化' } })).toMatchSnapshot();
    expect(presentDecisionForm({ ...f, values: { content: '抓紧推进' }, error: '议定事项须明确承办单位' })).toMatchSnapshot();
  });
});
