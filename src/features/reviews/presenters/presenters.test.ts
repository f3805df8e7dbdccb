import { describe, expect, it } from 'vitest';
import { buttonLabels, cardText } from '../../../../test/support/cards.js';
import type { DraftView, StepView } from '../view.js';
import { presentChainCard } from './chain-card.js';
import { presentAddForm, presentReturnForm, presentSubmitForm, presentTransferForm } from './forms.js';
import { presentHolderCard, presentReconfirmCard } from './holder-card.js';

const at = (hm: string) => new Date(`2026-12-01T${hm}:00+08:00`);
const step = (o: Partial<StepView> & Pick<StepView, 'id' | 'position' | 'label' | 'personName' | 'status'>): StepView => ({
  role: 'section_chief',
  personId: `p_${o.id}`,
  openId: `ou_${o.id}`,
  revision: null,
  comment: '',
  reachedAt: null,
  decidedAt: null,
  transferredFrom: '',
  transferReason: '',
  version: 0,
  ...o,
});

const view = (over: Partial<DraftView> = {}): DraftView => ({
  id: 'd1',
  number: '审〔2026〕7号',
  title: '县政府规范性文件管理办法',
  kind: 'normative',
  urgency: 'urgent',
  sourceType: 'docx',
  docUrl: 'https://example.feishu.cn/docx/AbCdEfGhIjKlMnOpQrStUvWxYz1',
  fileName: '',
  sentFileKey: '',
  revision: 3,
  drafterId: 'p_drafter',
  drafterName: '李文',
  drafterOpenId: 'ou_drafter',
  unitId: 'u_zh',
  unitName: '综合科',
  note: '',
  status: 'reviewing',
  submittedAt: at('09:00'),
  statusAt: at('09:00'),
  closedAt: null,
  version: 4,
  currentPosition: 200,
  now: at('15:00'),
  steps: [
    step({
      id: 'chief',
      position: 100,
      label: '科长',
      personName: '周科长',
      status: 'voided',
      revision: 1,
      reachedAt: at('09:00'),
      decidedAt: at('10:00'),
      voided: { from: 1, to: 3, editor: '李文', diff: ['- 第二条 适用范围', '+ 第二条 适用范围为全县行政机关'], diffTruncated: false },
    }),
    step({
      id: 'vice',
      position: 200,
      label: '分管副主任',
      personName: '卫副主任',
      status: 'current',
      reachedAt: at('14:30'),
      comment: '第二条请写明到行政机关',
    }),
    step({ id: 'legal', position: 300, label: '法制审查', personName: '秦审查', status: 'waiting' }),
    step({ id: 'director', position: 400, label: '主任', personName: '陈主任', status: 'waiting' }),
  ],
  ...over,
});

describe('reviews cards', () => {
  it('the chain card: every level, who, status and time taken', () => {
    const card = presentChainCard(view(), 'group');
    expect(card).toMatchSnapshot();
    expect(cardText(card)).toContain('1. **科长** 周科长 · 已失效 · 待重新确认（第1版） · 用时1小时');
    expect(buttonLabels(card)).toEqual([]);
    expect(buttonLabels(presentChainCard(view({ status: 'returned' }), 'drafter'))).toEqual(['重新提交（修改稿）']);
  });

  it('the 审核 group card: the chain without the document link or comments, pointing to 审核 <编号>', () => {
    const v = view({ note: '请重点看第二条' });
    const group = cardText(presentChainCard(v, 'group'));
    expect(group).not.toContain(v.docUrl);
    expect(group).not.toContain('第二条请写明到行政机关');
    expect(group).not.toContain('**审核意见**');
    expect(group).not.toContain('请重点看第二条');
    expect(group).toContain('2. **分管副主任** 卫副主任 · 审核中');
    expect(group).toContain('「审核 审〔2026〕7号」');
    const drafter = cardText(presentChainCard(v, 'drafter'));
    expect(drafter).toContain(v.docUrl);
    expect(drafter).toContain('第二条请写明到行政机关');
    expect(drafter).toContain('请重点看第二条');
    expect(drafter).not.toContain('「审核 审〔2026〕7号」');
  });

  it('the holder card: buttons only for the level that is theirs', () => {
    const card = presentHolderCard(view(), 'vice');
    expect(card).toMatchSnapshot();
    expect(buttonLabels(card)).toEqual(['通过', '退回修改', '转交', '加签']);
    expect(buttonLabels(presentHolderCard(view({ status: 'returned' }), 'vice'))).toEqual([]);
    expect(buttonLabels(presentHolderCard(view(), 'legal'))).toEqual([]);
  });

  it('the re-confirm card: revisions, last editor, the diff, one button for the revision shown', () => {
    const card = presentReconfirmCard(view(), 'chief');
    expect(card).toMatchSnapshot();
    expect(buttonLabels(card)).toEqual(['确认（第3版）']);
  });

  it('neutralises user text', () => {
    const evil = view({ title: '<at id=all></at>[点我](http://x)', note: '**伪造**\n1. 科长 · 已通过' });
    const text = cardText(presentChainCard(evil, 'group'));
    expect(text).not.toContain('<at id=all>');
    expect(text).not.toContain('[点我](http://x)');
    expect(text).not.toContain('\\n1. 科长 · 已通过');
  });

  it('forms', () => {
    const v = view();
    const s = v.steps[1]!;
    expect(buttonLabels(presentReturnForm(v, s))).toEqual(['确认退回', '返回']);
    expect(buttonLabels(presentTransferForm(v, s, [{ id: 'p2', name: '褚副主任' }]))).toEqual(['确认转交', '返回']);
    expect(buttonLabels(presentAddForm(v, s, '名册中没有「张三」。'))).toEqual(['确认加签', '返回']);
    expect(presentSubmitForm({ units: [{ id: 'u_zh', name: '综合科' }], unitId: 'u_zh' })).toMatchSnapshot();
  });
});
