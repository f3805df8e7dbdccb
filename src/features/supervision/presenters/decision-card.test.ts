import { describe, expect, it } from 'vitest';
import type { ItemView } from '../view.js';
import { itemFields, presentItemCard } from './item-card.js';

/** The 待销号 card the supervisor decides on, and the card once closed: they show what was decided on. */
const view = (over: Partial<ItemView> = {}): ItemView => ({
  id: 'item1',
  number: '督〔2026〕15号',
  content: '推进城南片区老旧小区改造',
  standard: '年底前完成主体工程',
  sourceType: 'meeting',
  sourceRef: '第8次县政府常务会议',
  promised: false,
  urgent: false,
  unitName: '县住建局',
  leaderName: '李副县长',
  leaderOpenId: 'ou_li',
  deadline: '2026-12-04',
  status: 'pending_close',
  statusNote: '',
  progressPercent: 40,
  lastProgress: '40%，已完成管网设计招标',
  result: '主体工程已完工，12月1日通过联合验收',
  signerName: '陈联络',
  overdueDays: 0,
  milestones: [],
  ...over,
});

describe('the decision card', () => {
  it.each([
    // [case, view overrides, lines the fields must contain, texts they must not]
    ['待销号 shows the 办理结果', {}, ['**办理结果**：主体工程已完工，12月1日通过联合验收'], []],
    ['待销号 shows the last reported figure once', {}, ['**进展**：40%　已完成管网设计招标'], ['40%　40%']],
    ['待销号 with no report shows no 0%', { progressPercent: 0, lastProgress: undefined }, ['**办理结果**：'], ['**进展**']],
    ['已办结 shows the 办理结果 and 100%', { status: 'closed' as const }, ['**办理结果**：主体工程已完工', '**进展**：100%'], ['**进展**：40%']],
    ['已办结 with no report reads 100%', { status: 'closed' as const, progressPercent: 0, lastProgress: undefined }, ['**进展**：100%'], ['**进展**：0%']],
    ['a figure in the report is shown once', { status: 'in_progress' as const, progressPercent: 40 }, ['**进展**：40%　已完成管网设计招标'], ['40%　40%']],
    ['责任人 is who signed when no one was named', {}, ['**责任人**：陈联络'], ['单位督查联络员']],
    ['a named person wins over the signer', { personName: '张伟' }, ['**责任人**：张伟'], ['陈联络']],
    [
      'not yet signed: the liaison role',
      { status: 'pending_ack' as const, signerName: undefined, result: undefined },
      ['**责任人**：单位督查联络员'],
      ['办理结果'],
    ],
    [
      '办理中 does not show an old 办理结果 (after 退回 the unit writes a new one)',
      { status: 'returned' as const, statusNote: '材料不全' },
      ['**退回理由**：材料不全'],
      ['办理结果'],
    ],
  ])('%s', (_, over, has, hasNot) => {
    const text = itemFields(view(over));
    for (const h of has) expect(text).toContain(h);
    for (const h of hasNot) expect(text).not.toContain(h);
  });

  it('snapshot: the 待销号 group card the supervisor decides on', () => {
    expect(presentItemCard(view(), 'group')).toMatchSnapshot();
  });

  it('snapshot: the closed card', () => {
    expect(
      presentItemCard(view({ status: 'closed', progressPercent: 40 }), 'detail', [{ at: '2026-12-01 10:00', who: '王督查', what: '销号' }]),
    ).toMatchSnapshot();
  });
});
