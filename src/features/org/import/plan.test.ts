import { describe, expect, it } from 'vitest';
import type { PersonRow } from '../repositories/people.js';
import { lookupTargets, planImport, type Snapshot } from './plan.js';
import type { ImportRow } from './rows.js';

const person = (o: Partial<PersonRow> & { id: string; name: string }): PersonRow => ({
  openId: null,
  unitId: null,
  title: '',
  mobile: null,
  email: null,
  areas: '',
  active: true,
  ...o,
});

const snap: Snapshot = {
  units: [
    { id: 'u-dc', code: '督查科', name: '督查科', kind: 'office_section' },
    { id: 'u-xx', code: '信息科', name: '信息科', kind: 'office_section' },
  ],
  people: [
    person({ id: 'p1', name: '张三', unitId: 'u-dc', mobile: '13800000001' }),
    person({ id: 'p2', name: '李四', unitId: 'u-xx', email: 'li@gov.cn', openId: 'ou_li0000000000' }),
    person({ id: 'p3', name: '王五', unitId: 'u-dc' }),
    person({ id: 'p4', name: '王五', unitId: 'u-xx' }),
    person({ id: 'p5', name: '周县长', openId: 'ou_zhou00000000' }),
  ],
  grants: [
    { personId: 'p2', role: 'admin', scope: '' },
    { personId: 'p5', role: 'leader', scope: 'unit:u-dc' },
  ],
};

const r = (rowNumber: number, o: Omit<ImportRow, 'rowNumber'>): ImportRow => ({ rowNumber, ...o });

describe('planImport', () => {
  it('finds each row’s person by mobile, email, then name and unit', () => {
    const plan = planImport(
      [
        r(2, { name: '张三丰', mobile: '13800000001' }),
        r(3, { name: '李四', email: 'li@gov.cn' }),
        r(4, { name: '王五', unitName: '信息科' }),
        r(5, { name: '赵六', unitName: '督查科' }),
      ],
      snap,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.people.map((p) => p.existing?.id ?? 'new')).toEqual(['p1', 'p2', 'p4', 'new']);
  });

  it('refuses ambiguous and contradictory rows', () => {
    const plan = planImport(
      [
        r(2, { name: '王五' }),
        r(3, { name: '张三', mobile: '13800000001', email: 'li@gov.cn' }),
        r(4, { name: '张三', mobile: '13800000001' }),
        r(5, { name: '张三', unitName: '督查科' }),
        r(6, { name: '李四', email: 'li@gov.cn', openId: 'ou_other00000000' }),
        r(7, { name: '新人', unitName: '督查科' }),
        r(8, { name: '新人', unitName: '督查科' }),
      ],
      snap,
    );
    expect(plan.errors).toEqual([
      { row: 2, reason: '名册中有多位同单位的「王五」，请填写手机或邮箱以区分' },
      { row: 3, reason: '手机、邮箱或飞书ID分别对应名册中的不同人员（张三、李四），请核对' },
      { row: 5, reason: '与第4行是同一人员「张三」' },
      { row: 6, reason: '飞书ID与名册中已关联的账号不一致' },
      { row: 8, reason: '姓名和单位与第7行相同；如确为两人，请填写手机或邮箱以区分' },
    ]);
  });

  it('never takes the admin role away and keeps leaders’ units when the column is absent', () => {
    const plan = planImport([r(2, { name: '李四', email: 'li@gov.cn', roles: ['editor'] }), r(3, { name: '周县长', roles: ['leader'] })], snap);
    expect(plan.people[0]!.grants).toEqual([
      { role: 'editor', scope: { kind: 'none' } },
      { role: 'admin', scope: { kind: 'keep', scope: '' } },
    ]);
    expect(plan.people[1]!.grants).toEqual([{ role: 'leader', scope: { kind: 'keep', scope: 'unit:u-dc' } }]);
  });

  it('resolves the leaders a secretary serves, in the file or already in the directory', () => {
    const plan = planImport(
      [
        r(2, { name: '钱副县长', roles: ['leader'], unitsInCharge: ['发改局'] }),
        r(3, { name: '孙秘书', roles: ['secretary'], servesLeaders: ['钱副县长', '周县长'] }),
        r(4, { name: '吴秘书', roles: ['secretary'], servesLeaders: ['张三'] }),
      ],
      snap,
    );
    expect(plan.errors).toEqual([{ row: 4, reason: '服务领导「张三」不在名册中，或未登记为「县（区）领导」' }]);
    expect(plan.people[1]!.grants).toEqual([
      { role: 'secretary', scope: { kind: 'row', row: 2 } },
      { role: 'secretary', scope: { kind: 'keep', scope: 'person:p5' } },
    ]);
    expect(plan.units.map((u) => [u.name, u.kind, Boolean(u.existing)])).toEqual([['发改局', 'department', false]]);
  });

  it('asks Lark only about people without an open_id, and does not link one account twice', () => {
    const rows = [r(2, { name: '张三', mobile: '13800000001' }), r(3, { name: '李四', email: 'li@gov.cn' }), r(4, { name: '新人', mobile: '13800000009' })];
    expect(lookupTargets(planImport(rows, snap))).toEqual({ mobiles: ['13800000001', '13800000009'], emails: [] });
    const found = new Map([
      ['13800000001', 'ou_zhang0000000'],
      ['13800000009', 'ou_li0000000000'],
    ]);
    const plan = planImport(rows, snap, found);
    expect(plan.people.map((p) => p.openId)).toEqual(['ou_zhang0000000', undefined, undefined]);
    expect(plan.warnings).toEqual([{ row: 4, reason: '该手机号或邮箱对应的飞书账号已关联到名册中的其他人员（李四），未重复关联' }]);
  });
});
