import { describe, expect, it } from 'vitest';
import { buttonLabels, cardText } from '../../../../test/support/cards.js';
import type { TopicView } from '../view.js';
import { presentSubmitForm } from './submit-form.js';
import { presentTopicCard } from './topic-card.js';

const view = (over: Partial<TopicView> = {}): TopicView => ({
  id: 't1',
  number: '议〔2026〕3号',
  version: 4,
  revision: 2,
  title: '关于《县城区停车管理办法》的议题',
  status: 'leader_review',
  statusLabel: '待分管领导审核',
  unitId: 'u_zj',
  unitName: '住建局',
  submitterId: 'p_w',
  submitterName: '王联络',
  presenterId: 'p_z',
  presenterName: '赵局长',
  leaderId: 'p_l',
  leaderName: '吴副县长',
  meetingTypeId: 'mt1',
  meetingTypeName: '县政府常务会议',
  presidingId: 'p_x',
  presidingName: '许县长',
  materials: [
    { kind: 'doc', name: '县城区停车管理办法（送审稿）', url: 'https://x.feishu.cn/docx/AbCdEfGhIjKlMnOp1234', token: 'AbCdEfGhIjKlMnOp1234', chars: 2450 },
  ],
  attendUnits: [{ id: 'u_cz', name: '财政局' }],
  consulted: true,
  consultedWith: '财政局、公安局',
  needsLegalReview: true,
  legalBasis: 'normative',
  legalOutcome: '',
  legalOpinion: '',
  legalConditions: '',
  legalReviewerName: '',
  leaderOpinion: '',
  estimatedMinutes: 20,
  late: false,
  lateReason: '',
  consentStatus: '',
  meetingId: null,
  agendaPosition: null,
  postponedCount: 0,
  outcome: '',
  outcomeNote: '',
  submittedAt: new Date('2026-12-01T09:00:00+08:00'),
  ...over,
});

describe('topic cards', () => {
  it('the 分管领导 sees one 同意上会, 退回修改 and 暂缓 in a form', () => {
    const c = presentTopicCard(view(), 'leader', 'legal');
    expect(buttonLabels(c)).toEqual(['同意上会', '退回修改', '暂缓']);
    expect(c).toMatchSnapshot();
  });

  it('other audiences see no review buttons; the submitter only hers once it is back with her', () => {
    for (const v of ['group', 'detail', 'submitter', 'legal', 'consent'] as const)
      expect(buttonLabels(presentTopicCard(view(), v, 'legal'))).toEqual(v === 'submitter' ? ['撤回'] : []);
    const back = view({ status: 'returned', statusLabel: '退回修改', leaderOpinion: '请补充测算依据' });
    expect(buttonLabels(presentTopicCard(back, 'submitter', 'legal'))).toEqual(['重新提交', '撤回']);
    expect(buttonLabels(presentTopicCard(back, 'leader', 'legal'))).toEqual([]);
  });

  it('after 修改后通过 the card shows the outcome, the opinion and the conditions', () => {
    const passed = view({
      status: 'ready',
      statusLabel: '待列入议程',
      legalOutcome: 'conditional',
      legalOpinion: '程序合法',
      legalConditions: '删除第五条',
      legalReviewerName: '秦审查',
      leaderOpinion: '同意',
    });
    const c = presentTopicCard(passed, 'detail', 'ready');
    expect(buttonLabels(c)).toEqual([]);
    expect(c).toMatchSnapshot();
  });

  it('the 议题审核群 sees a summary: no materials, opinions, conditions or 临时议题 reason', () => {
    const passed = view({
      status: 'awaiting_consent',
      statusLabel: '待主持领导同意',
      legalOutcome: 'conditional',
      legalOpinion: '程序合法',
      legalConditions: '删除第五条',
      legalReviewerName: '秦审查',
      leaderOpinion: '同意上会',
      late: true,
      lateReason: '上级督办',
      consentStatus: 'pending',
    });
    const text = cardText(presentTopicCard(passed, 'group', 'ready'));
    expect(text).toContain('议〔2026〕3号');
    expect(text).toContain('关于《县城区停车管理办法》的议题');
    expect(text).toContain('申报单位：住建局　汇报人：赵局长');
    expect(text).toContain('当前办理：主持领导 许县长');
    for (const hidden of ['x.feishu.cn', '程序合法', '删除第五条', '同意上会', '上级督办', '汇报材料', '审查意见']) expect(text).not.toContain(hidden);
    const detail = cardText(presentTopicCard(passed, 'detail', 'ready'));
    for (const shown of ['x.feishu.cn', '程序合法', '删除第五条', '上级督办']) expect(detail).toContain(shown);
  });

  it('the legal reviewer’s form, and the presiding leader’s consent for a 临时议题', () => {
    const legal = presentTopicCard(view({ status: 'legal_review', statusLabel: '待合法性审查' }), 'legal', 'ready');
    expect(buttonLabels(legal)).toEqual(['通过', '修改后通过', '不通过']);
    const late = view({ status: 'awaiting_consent', statusLabel: '待主持领导同意', late: true, lateReason: '上级督办，须本月出台', consentStatus: 'pending' });
    const consent = presentTopicCard(late, 'consent', 'ready');
    expect(buttonLabels(consent)).toEqual(['同意临时上会', '不同意临时上会']);
    expect(cardText(consent)).toContain('临时议题：上级督办，须本月出台（待主持领导同意，主持领导 许县长）');
  });

  it('user text cannot inject markup', () => {
    const c = presentTopicCard(view({ title: '<at id=all></at>[链接](https://evil)', leaderOpinion: '**加粗**\n- 伪造' }), 'group', 'legal');
    const text = cardText(c);
    expect(text).not.toContain('<at id=all>');
    expect(text).not.toContain('[链接](https://evil)');
    expect(text).toContain('&#91;链接&#93;');
  });

  it('the submit form', () => {
    const c = presentSubmitForm({
      types: [{ id: 'mt1', name: '县政府常务会议' }],
      units: [{ id: 'u_zj', name: '住建局' }],
      leaders: [{ id: 'p_l', name: '吴副县长' }],
      unitId: 'u_zj',
      leaderId: 'p_l',
    });
    expect(buttonLabels(c)).toEqual(['提交申报']);
    expect(c).toMatchSnapshot();
  });
});
