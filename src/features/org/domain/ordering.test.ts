import { describe, expect, it } from 'vitest';
import { leaderRank, orderLeaders, orderUnits } from './ordering.js';

describe('office order', () => {
  it('leaders by rank, directory order among equals, unknown titles last', () => {
    const people = [
      { name: '郑', title: '副县长' },
      { name: '钱', title: '县长助理' },
      { name: '冯', title: '副县长' },
      { name: '孙', title: '调研员' },
      { name: '吴', title: '常务副县长' },
      { name: '周', title: '县长' },
    ];
    expect(orderLeaders(people).map((p) => p.name)).toEqual(['周', '吴', '郑', '冯', '钱', '孙']);
  });
  it('a configured order replaces the default', () => {
    const people = [
      { name: 'a', title: '副县长' },
      { name: 'b', title: '县长' },
    ];
    expect(orderLeaders(people, ['副县长', '县长']).map((p) => p.name)).toEqual(['a', 'b']);
    expect(leaderRank('县长', ['副县长', '县长'])).toBe(1);
  });
  it('units grouped by kind (科室, 镇街, 县直部门), directory order within, not character code', () => {
    const units = [
      { name: '县住建局', kind: 'department' },
      { name: '西河镇', kind: 'town' },
      { name: '县财政局', kind: 'department' },
      { name: '县政府办公室', kind: 'other' },
      { name: '督查科', kind: 'office_section' },
      { name: '城关镇', kind: 'town' },
      { name: '秘书科', kind: 'office_section' },
    ];
    expect(orderUnits(units).map((u) => u.name)).toEqual(['督查科', '秘书科', '西河镇', '城关镇', '县住建局', '县财政局', '县政府办公室']);
  });
});
