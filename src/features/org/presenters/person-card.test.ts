import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../local/lark/card-validator.js';
import type { PersonView, UnitView } from '../use-cases/people.js';
import { presentPersonCard, presentUnknownSelfCard } from './person-card.js';
import { presentUnitMembersCard, presentUnitsCard } from './units-card.js';

const deputy: PersonView = {
  id: 'p-qian',
  name: '钱副县长',
  unitName: '县政府',
  title: '副县长',
  linked: true,
  roles: [{ role: 'leader', name: '县（区）领导', scopes: ['发改局', '财政局'] }],
};
const clerk: PersonView = {
  id: 'p-sun',
  name: '孙<b>秘书',
  unitName: '秘书科',
  title: '秘书',
  linked: false,
  roles: [
    { role: 'secretary', name: '秘书', scopes: ['钱副县长'] },
    { role: 'liaison', name: '联络员', scopes: ['信息', '督查'] },
    { role: 'admin', name: '管理员', scopes: [] },
  ],
};

describe('person card presenters', () => {
  it('shows 我是谁 without buttons', () => {
    expect(presentPersonCard([deputy], { self: true })).toMatchSnapshot();
  });

  it('shows 成员 to an admin with a revoke button per role the admin may revoke, naming who asked', () => {
    const c = presentPersonCard([clerk], { manage: { requestedBy: 'ou_admin', revocable: ['secretary', 'liaison'] } });
    expect(c).toMatchSnapshot();
    expect(JSON.stringify(c)).not.toContain('撤销「管理员」');
    expect(JSON.stringify(c)).toContain('孙&lt;b&gt;秘书');
  });

  it('lists namesakes on one card and every card passes the JSON 2.0 checks', () => {
    const cards = [
      presentPersonCard([deputy, { ...deputy, id: 'p-2', unitName: '发改局', roles: [] }], { manage: { requestedBy: 'ou_a', revocable: ['leader'] } }),
      presentPersonCard([], {}),
      presentUnknownSelfCard('ou_123', { bootstrapAdmin: true }),
      presentPersonCard([clerk], { self: true, bootstrapAdmin: true }),
    ];
    expect(cards[0]!.header!.title.content).toBe('人员信息 · 钱副县长（2 人同名）');
    for (const c of cards) expect(validateCard(JSON.stringify(c))).toEqual([]);
  });

  it('groups units by kind', () => {
    const units: UnitView[] = [
      { name: '督查科', kind: 'office_section', headcount: 5 },
      { name: '城关镇', kind: 'town', headcount: 2 },
      { name: '财政局', kind: 'department', headcount: 1 },
    ];
    const c = presentUnitsCard(units);
    expect(c).toMatchSnapshot();
    expect(validateCard(JSON.stringify(c))).toEqual([]);
    expect(JSON.stringify(presentUnitsCard([]))).toContain('人员名册尚未导入');
    expect(validateCard(JSON.stringify(presentUnitMembersCard(units[0]!, [deputy, clerk])))).toEqual([]);
  });
});
