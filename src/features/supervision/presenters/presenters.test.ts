import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../local/lark/card-validator.js';
import type { ItemStatus } from '../domain/states.js';
import type { ItemView } from '../view.js';
import { presentGroupEscalation, presentPersonDigest } from './digest.js';
import { presentClosureForm, presentCreateForm, presentExtensionForm, presentProgressForm, presentRefuseForm } from './forms.js';
import { presentItemCard, type ItemAudience } from './item-card.js';
import { presentItemList, presentReport } from './reports.js';

const view = (over: Partial<ItemView> = {}): ItemView => ({
  id: 'item1',
  number: '督〔2026〕15号',
  content: '推进城南片区老旧小区改造，完成雨污分流管网建设',
  standard: '年底前完成主体工程并通过验收',
  sourceType: 'meeting',
  sourceRef: '第8次县政府常务会议',
  promised: false,
  urgent: false,
  unitName: '县住建局',
  personName: '张伟',
  personOpenId: 'ou_zhang',
  leaderName: '李副县长',
  leaderOpenId: 'ou_li',
  deadline: '2026-12-04',
  status: 'in_progress',
  statusNote: '',
  progressPercent: 40,
  lastProgress: '已完成管网设计招标',
  overdueDays: 0,
  milestones: [{ title: '完成方案', dueDate: '2026-11-30', done: true }],
  ...over,
});

const valid = (c: unknown) => expect(validateCard(JSON.stringify(c))).toEqual([]);

describe('supervision cards', () => {
  const statuses: ItemStatus[] = ['pending_ack', 'in_progress', 'returned', 'pending_close', 'closed', 'cancelled'];
  const audiences: ItemAudience[] = ['assignee', 'group', 'detail'];

  it('are valid JSON 2.0 for every state and audience', () => {
    for (const status of statuses) for (const a of audiences) valid(presentItemCard(view({ status, statusNote: '材料不全' }), a));
  });

  it('show the assignee the buttons that apply, and none once closed', () => {
    const labels = (s: ItemStatus) =>
      JSON.stringify(presentItemCard(view({ status: s }), 'assignee')).match(/"content":"(签收|反馈进展|申请办结|申请延期|销号)"/g) ?? [];
    expect(labels('pending_ack')).toEqual(['"content":"签收"', '"content":"申请延期"']);
    expect(labels('in_progress')).toEqual(['"content":"反馈进展"', '"content":"申请办结"', '"content":"申请延期"']);
    expect(labels('closed')).toEqual([]);
  });

  it('snapshot: assignee card, overdue group card with a pending extension, detail with timeline', () => {
    expect(presentItemCard(view({ status: 'pending_ack', progressPercent: 0, lastProgress: undefined }), 'assignee')).toMatchSnapshot();
    expect(
      presentItemCard(view({ overdueDays: 3, pendingExtension: { id: 'ext1', reason: '汛期停工', proposedDate: '2026-12-18' } }), 'group'),
    ).toMatchSnapshot();
    expect(presentItemCard(view({ status: 'closed' }), 'detail', [{ at: '2026-11-23 09:10', who: '王督查', what: '立项' }])).toMatchSnapshot();
  });

  it('snapshot: multi-line fields keep their lines behind a gutter; a timeline entry stays one row', () => {
    const c = presentItemCard(view({ standard: '年底前完成主体工程\n通过竣工验收', lastProgress: '已完成管网设计招标\n下一步：进场施工' }), 'detail', [
      { at: '2026-11-23 09:10', who: '张伟', what: '反馈进展：已完成招标\n下一步：进场施工' },
    ]);
    valid(c);
    expect(c).toMatchSnapshot();
  });

  it('forms are valid, named, and submit with the item id', () => {
    for (const f of [presentProgressForm, presentExtensionForm, presentClosureForm, presentRefuseForm]) {
      const c = f(view());
      valid(c);
      expect(JSON.stringify(c)).toContain('"id":"item1"');
    }
    const create = presentCreateForm({ units: [{ id: 'u1', name: '县住建局' }], leaders: [{ id: 'p1', name: '李副县长' }] }, '期限不是工作日');
    valid(create);
    expect(create).toMatchSnapshot();
  });

  it('digests, lists and reports are valid', () => {
    const line = {
      number: '督〔2026〕15号',
      content: '老旧小区改造',
      deadline: '2026-12-04',
      reason: '已超期3个工作日',
      unitName: '县住建局',
      leaderName: '李副县长',
      leaderOpenId: 'ou_li',
    };
    valid(presentPersonDigest('张伟', '2026-12-09', [line, { ...line, reason: '尚未签收' }, { ...line, reason: '还有1个工作日到期' }]));
    valid(presentGroupEscalation('2026-12-09', [line]));
    valid(
      presentItemList(
        '督办事项 · 超期',
        [{ number: '督〔2026〕15号', content: '老旧小区改造', unitName: '县住建局', deadline: '2026-12-04', status: 'in_progress', overdueDays: 3 }],
        120,
      ),
    );
    const report = presentReport({
      title: '督查通报',
      asOf: '2026-12-09',
      total: 10,
      open: 6,
      closed: 4,
      closedOnTime: 3,
      overdue: 2,
      byUnit: [{ unitName: '县住建局', total: 5, closed: 2, closedOnTime: 2, overdue: 1 }],
      overdueItems: [{ number: '督〔2026〕15号', content: '老旧小区改造', unitName: '县住建局', leaderName: '李副县长', overdueDays: 3 }],
    });
    valid(report);
    expect(report).toMatchSnapshot();
  });
});
